"""Checks the known gaps of LocalStack as an API Gateway stand-in, so docs/testing.md stays true.

Each gap is something a green end-to-end run cannot prove, and which other tests cover instead
(docs/testing.md says which). If a LocalStack upgrade closes a gap, this fails and the page and
the tier can be updated. Builds one small REST API with boto3 and calls it over HTTP on 127.0.0.1.

Needs LOCALSTACK_URL; run by scripts/e2e.sh before the browser rows.
"""

import os
import sys
import time
import urllib.error
import urllib.request

import boto3


def call(url, headers=None, method="GET", data=None):
    """Status, headers (lower-case names) and body of one request, error statuses included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read().decode()


STAGE_TEMPLATE = """
Resources:
  Api: {Type: AWS::ApiGateway::RestApi, Properties: {Name: stage-gap}}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: {Type: MOCK, RequestTemplates: {application/json: '{"statusCode": 200}'}}
  Deployment: {Type: AWS::ApiGateway::Deployment, DependsOn: [Get], Properties: {RestApiId: !Ref Api}}
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: gaps
      DeploymentId: !Ref Deployment
      MethodSettings: [{ResourcePath: /*, HttpMethod: "*", ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10}]
Outputs:
  ApiId: {Value: !Ref Api}
"""


def stage_method_settings(session, url):
    """The method settings API Gateway holds for a stage a stack made with MethodSettings."""
    cfn = session.client("cloudformation", endpoint_url=url)
    cfn.create_stack(StackName="stand-in-gaps-stage", TemplateBody=STAGE_TEMPLATE)
    try:
        for _ in range(120):
            stack = cfn.describe_stacks(StackName="stand-in-gaps-stage")["Stacks"][0]
            if not stack["StackStatus"].endswith("IN_PROGRESS"):
                break
            time.sleep(0.5)
        api = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}.get("ApiId")
        if not api:
            return f"not deployed: {stack['StackStatus']}"
        apigw = session.client("apigateway", endpoint_url=url)
        return apigw.get_stage(restApiId=api, stageName="gaps").get("methodSettings", {})
    finally:
        cfn.delete_stack(StackName="stand-in-gaps-stage")


MOVE_TEMPLATE = """
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: body-move
      Body:
        openapi: 3.0.1
        info: {title: body-move, version: "1"}
        paths:
          PATH:
            get:
              x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
  DEPLOYMENT: {Type: AWS::ApiGateway::Deployment, Properties: {RestApiId: !Ref Api}}
  Stage: {Type: AWS::ApiGateway::Stage, Properties: {RestApiId: !Ref Api, StageName: moved, DeploymentId: !Ref DEPLOYMENT}}
"""


def stage_move(session, url):
    """How a stack update ends that changes the RestApi's Body and gives the Stage a new Deployment, as
    every changed output of the body and body-s3 styles does."""
    cfn = session.client("cloudformation", endpoint_url=url)
    name = "stand-in-gaps-move"

    def settled():
        for _ in range(120):
            stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
            if not stack["StackStatus"].endswith("IN_PROGRESS"):
                return stack["StackStatus"]
            time.sleep(0.5)
        return "still in progress"

    cfn.create_stack(StackName=name, TemplateBody=MOVE_TEMPLATE.replace("DEPLOYMENT", "DeploymentA").replace("PATH", "/a"))
    try:
        created = settled()
        if created != "CREATE_COMPLETE":
            return created, ""
        cfn.update_stack(StackName=name, TemplateBody=MOVE_TEMPLATE.replace("DEPLOYMENT", "DeploymentB").replace("PATH", "/b"))
        updated = settled()
        reasons = [e.get("ResourceStatusReason", "") for e in cfn.describe_stack_events(StackName=name)["StackEvents"]
                   if e.get("LogicalResourceId") == "Stage" and "FAILED" in e.get("ResourceStatus", "")]
        return updated, (reasons[0] if reasons else "")
    finally:
        cfn.delete_stack(StackName=name)


def main():
    url = os.environ.get("LOCALSTACK_URL") or sys.exit("set LOCALSTACK_URL")
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    apigw = session.client("apigateway", endpoint_url=url)
    api = apigw.create_rest_api(name="stand-in-gaps")["id"]
    failures = []

    def check(claim, holds, seen):
        print(f"{'ok  ' if holds else 'FAIL'} gap: {claim} [{seen}]")
        if not holds:
            failures.append(claim)

    try:
        root = apigw.get_resources(restApiId=api)["items"][0]["id"]
        probe = apigw.create_resource(restApiId=api, parentId=root, pathPart="probe")["id"]
        apigw.put_method(restApiId=api, resourceId=probe, httpMethod="GET", authorizationType="NONE")
        apigw.put_integration(restApiId=api, resourceId=probe, httpMethod="GET", type="MOCK",
                              requestTemplates={"application/json": '{"statusCode": 200}'})
        # X-Unquoted is declared; X-Undeclared is not. API Gateway rejects both mappings below.
        apigw.put_method_response(restApiId=api, resourceId=probe, httpMethod="GET", statusCode="200",
                                  responseParameters={"method.response.header.X-Unquoted": False})
        apigw.put_integration_response(
            restApiId=api, resourceId=probe, httpMethod="GET", statusCode="200",
            responseParameters={"method.response.header.X-Unquoted": "https://a.example.com",
                                "method.response.header.X-Undeclared": "'sent'"},
            responseTemplates={"application/json": "[$input.params().header.get('origin')]"})
        apigw.put_gateway_response(restApiId=api, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404",
                                   responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin":
                                                       "'https://a.example.com'"})
        # A body validator with a model, and its refusal customised with the origin (issue 21).
        validator = apigw.create_request_validator(restApiId=api, name="body", validateRequestBody=True,
                                                   validateRequestParameters=False)["id"]
        apigw.create_model(restApiId=api, name="Named", contentType="application/json",
                           schema='{"type": "object", "required": ["name"]}')
        apigw.put_method(restApiId=api, resourceId=probe, httpMethod="POST", authorizationType="NONE",
                         requestValidatorId=validator, requestModels={"application/json": "Named"})
        apigw.put_integration(restApiId=api, resourceId=probe, httpMethod="POST", type="MOCK",
                              requestTemplates={"application/json": '{"statusCode": 200}'})
        apigw.put_gateway_response(restApiId=api, responseType="BAD_REQUEST_BODY", statusCode="400",
                                   responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin":
                                                       "'https://a.example.com'"})
        apigw.create_deployment(restApiId=api, stageName="gaps")
        base = f"{url}/_aws/execute-api/{api}/gaps"

        status, headers, body = call(base + "/probe", {"Origin": "https://a.example.com"})
        check("an unquoted static value is accepted at put time and dropped at run time",
              status == 200 and "x-unquoted" not in headers, f"status {status}, X-Unquoted {headers.get('x-unquoted')}")
        check("a header mapped but not declared in the method response is accepted and sent",
              headers.get("x-undeclared") == "sent", f"X-Undeclared {headers.get('x-undeclared')}")
        check("a template's header lookup ignores case (get('origin') finds Origin)",
              body.strip() == "[https://a.example.com]", f"body {body.strip()!r}")

        stored = apigw.get_gateway_response(restApiId=api, responseType="MISSING_AUTHENTICATION_TOKEN")
        status, headers, _ = call(base + "/nowhere", {"Origin": "https://a.example.com"})
        check("a gateway response is stored with its headers, and only its status code is applied",
              stored.get("responseParameters", {}).get("gatewayresponse.header.Access-Control-Allow-Origin")
              == "'https://a.example.com'" and status == 404 and "access-control-allow-origin" not in headers,
              f"status {status}, Access-Control-Allow-Origin {headers.get('access-control-allow-origin')}")

        status, headers, body = call(base + "/probe", {"Origin": "https://a.example.com", "Content-Type": "application/json"},
                                     method="POST", data=b"{}")
        check("a body the model refuses gets 400, without the headers BAD_REQUEST_BODY maps (a gateway response)",
              status == 400 and "access-control-allow-origin" not in headers,
              f"status {status}, Access-Control-Allow-Origin {headers.get('access-control-allow-origin')}, body {body.strip()[:60]!r}")
        settings = stage_method_settings(session, url)
        check("a CloudFormation Stage's MethodSettings (throttling, caching, logging per method) are not applied",
              settings == {}, f"methodSettings {settings}")
        status, reason = stage_move(session, url)
        check("a stack update that changes the RestApi's Body and moves the Stage to a new Deployment fails at the Stage",
              "already exists" in reason, f"{status}: {reason[:80]}")
    finally:
        apigw.delete_rest_api(restApiId=api)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
