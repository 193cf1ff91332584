"""Converts a small spec and policy to an HTTP API (API Gateway v2) and checks what moto makes of it.

LocalStack's community edition has no apigatewayv2 service (docs/testing.md), so this check runs
moto's apigatewayv2 backend in-process instead (`mock_aws`), without a server and without the
network. `Tests/EndToEnd/http-api/` holds the spec (a GET behind a JWT authorizer with a scope, an
open POST, both to one Lambda function, and `ANY /{proxy+}` behind a Lambda request authorizer to
an HTTP backend), the CORS policy (two origins, credentials, maxAge) and the settings (`api: http`,
the Lambda backend, the JWT issuer and audience). It is converted three ways:

- `--to openapi`: the definition is imported into an empty HTTP API (moto has no `ImportApi`;
  `ReimportApi` is the same import into an API that exists);
- `--to cloudformation` (resources): moto's CloudFormation creates no `AWS::ApiGatewayV2::*`
  resource, so each resource is replayed as the API call CloudFormation makes for it, its
  properties passed as that call's parameters (botocore refuses a name or type the call does
  not take);
- `--cfn-style body`: the `Api`'s `Body` is imported as the definition is, and the `Stage` replayed.

Then it asserts what moto holds: the CORS configuration, every route key with its authorization,
and every integration (and, where moto keeps them, the authorizers and the stage). What moto
cannot hold is printed as `moto: not checked: ...`; the gaps the page relies on are checked too,
so the page goes stale loudly if a moto upgrade closes one. One line per check; exits 1 on any
failure.

HTTP_API_OUTPUTS=DIR checks openapi.yaml, resources.yaml and body.yaml from DIR instead of
converting (hand-written definitions, or another build's).

Needs OAS2APIGW (the binary) and a Python with moto, boto3, requests and PyYAML: scripts/e2e.sh runs it with
the end-to-end venv's, where moto comes with LocalStack (as moto-ext).
"""

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import boto3
import requests
import yaml

try:
    import moto
    from moto import mock_aws
except ImportError:
    sys.exit("http API: moto is not importable by this Python; run it with the e2e venv's ($E2E_PYTHON)")

HERE = Path(__file__).resolve().parent / "http-api"
REGION = "us-east-1"
ACCOUNT = "123456789012"
PSEUDO = {"AWS::Region": REGION, "AWS::Partition": "aws", "AWS::AccountId": ACCOUNT, "AWS::URLSuffix": "amazonaws.com",
          "AWS::StackName": "http-api"}

ORDERS = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:orders"
GATEKEEPER = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:gatekeeper"
IDENTITY = ["$request.header.Authorization"]

# What the inputs under http-api/ make, as docs/http-apis.md says, in the API's own terms.
# The policy's two origins, credentials, maxAge and headers; Authorization added because the
# authorizers read it (HTTP014); every method, since a route takes any.
CORS = {
    "AllowOrigins": ["https://shop.example.com", "https://admin.example.com"],
    "AllowMethods": ["*"],
    "AllowHeaders": ["authorization", "content-type", "x-request-id"],
    "ExposeHeaders": ["x-request-id"],
    "MaxAge": 600,
    "AllowCredentials": True,
}
LAMBDA = ("AWS_PROXY", ORDERS, "POST", "2.0")
LEGACY = ("HTTP_PROXY", "https://legacy.example.com/{proxy}", "ANY", "1.0")
# route key: (authorization type, authorizer name, scopes, integration)
ROUTES = {
    "GET /orders": ("JWT", "orderTokens", ["orders.read"], LAMBDA),
    "POST /orders": ("NONE", None, [], LAMBDA),
    "ANY /{proxy+}": ("CUSTOM", "gatekeeper", [], LEGACY),
    # Added by the converter (HTTP011): a preflight carries no credentials, so it must not
    # reach the catch-all's authorizer.
    "OPTIONS /{proxy+}": ("NONE", None, [], LEGACY),
}
AUTHORIZERS = {
    "orderTokens": {"AuthorizerType": "JWT", "IdentitySource": IDENTITY,
                    "JwtConfiguration": {"Issuer": "https://login.example.com",
                                         "Audience": ["orders-web", "orders-admin"]}},
    # The event a REST API's request authorizer was written for, unless the spec says 2.0.
    "gatekeeper": {"AuthorizerType": "REQUEST", "IdentitySource": IDENTITY, "AuthorizerUri": GATEKEEPER,
                   "AuthorizerPayloadFormatVersion": "1.0"},
}
METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method"}

failures = []


def check(claim, holds, seen=""):
    print(f"{'ok  ' if holds else 'FAIL'} http API: {claim}" + (f" [{seen}]" if seen != "" else ""))
    if not holds:
        failures.append(claim)
    return holds


def not_checked(what):
    print(f"moto: not checked: {what}")


# --- Reading CloudFormation ----------------------------------------------------------------

class TemplateLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short tags, read as their long forms."""


def _tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


TemplateLoader.add_multi_constructor("!", _tag)


class Unresolved(Exception):
    """A name the template refers to that has no value yet (a resource not made so far)."""


def resolve(node, names):
    """The node with every Ref, Fn::GetAtt, Fn::Sub and Fn::Join replaced by its value."""
    if isinstance(node, list):
        return [resolve(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        (key, value), = node.items()
        if key == "Ref":
            return reference(value, names)
        if key == "Fn::GetAtt":
            return attribute(".".join(value), names)
        if key == "Fn::Sub":
            text, extra = (value, {}) if isinstance(value, str) else (value[0], resolve(value[1], names))

            def substitute(match):
                if match.group(1):
                    return "${" + match.group(2) + "}"
                name = match.group(2)
                if name in extra:
                    return str(extra[name])
                return str(attribute(name, names) if "." in name else reference(name, names))
            return re.sub(r"\$\{(!?)([^}]+)\}", substitute, text)
        if key == "Fn::Join":
            return value[0].join(str(part) for part in resolve(value[1], names))
        if key.startswith("Fn::"):
            raise Unresolved(key)
    return {key: resolve(value, names) for key, value in node.items()}


def reference(name, names):
    """The value of a `Ref`: a parameter's, a pseudo parameter's or a resource's ID."""
    if name not in names:
        raise Unresolved(name)
    return names[name]


def attribute(name, names):
    """The value of `Resource.Attribute`: the one the API gave, or the stand-in of a resource
    moto does not hold (`Resource.*`)."""
    if name in names:
        return names[name]
    resource = name.split(".", 1)[0]
    if f"{resource}.*" in names:
        return names[f"{resource}.*"]
    raise Unresolved(name)


def function_of(uri):
    """The Lambda function an integration or authorizer URI calls, or the URI when it is no
    Lambda invocation URI. An HTTP API takes either form for a Lambda."""
    match = re.fullmatch(r"arn:aws:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(.+)/invocations", uri or "")
    return match.group(1) if match else uri


def headers_of(names):
    return sorted(name.lower() for name in names or [])


def cors_of(api):
    """The API's CORS configuration as moto holds it, header names lower-cased (they are
    case-insensitive) and lists that are sets sorted."""
    held = dict(api.get("CorsConfiguration") or {})
    for key in ("AllowHeaders", "ExposeHeaders"):
        if key in held:
            held[key] = headers_of(held[key])
    for key in ("AllowOrigins", "AllowMethods"):
        if key in held:
            held[key] = sorted(held[key])
    return held


def expected_cors():
    return {key: sorted(value) if isinstance(value, list) else value for key, value in CORS.items()}


# --- Making the API in moto ------------------------------------------------------------------

def import_definition(client, definition, name):
    """Imports a definition the way moto can: into an API made for it. Returns the API's ID.

    moto reads every key of a path item as an operation and fails on any that is not a mapping
    (`parameters`, `summary`); those are left out of the copy it imports, and said."""
    paths = {}
    for path, item in (definition.get("paths") or {}).items():
        kept = {key: value for key, value in item.items() if key in METHODS}
        dropped = sorted(set(item) - set(kept))
        if dropped:
            not_checked(f"{path}'s path-level {', '.join(dropped)} (moto's import takes only operations in a path item; "
                        "left out of the copy it imports)")
        paths[path] = kept
    api = client.create_api(Name=name, ProtocolType="HTTP")["ApiId"]
    client.reimport_api(ApiId=api, Body=yaml.safe_dump({**definition, "paths": paths}, sort_keys=False))
    return api


def replay(client, template, label):
    """Makes each AWS::ApiGatewayV2 resource of a template with the call CloudFormation makes for
    it, its properties as the call's parameters. Returns the logical IDs' values and the IDs of
    the authorizers made."""
    names = dict(PSEUDO)
    for name, parameter in (template.get("Parameters") or {}).items():
        if "Default" in parameter:
            names[name] = parameter["Default"]
    pending = dict(template.get("Resources") or {})
    authorizers = []
    skipped = []
    while pending:
        progressed = False
        for logical, resource in list(pending.items()):
            kind = resource.get("Type")
            if not kind.startswith("AWS::ApiGatewayV2::"):
                # What refers to it (a stage's log group, say) gets a stand-in value.
                skipped.append(kind)
                names[logical] = names[f"{logical}.*"] = f"arn:aws:stand-in:{REGION}:{ACCOUNT}:{logical}"
                del pending[logical]
                progressed = True
                continue
            try:
                properties = resolve(resource.get("Properties") or {}, names)
            except Unresolved:
                continue
            del pending[logical]
            progressed = True
            try:
                if kind == "AWS::ApiGatewayV2::Api" and "Body" in properties:
                    made = import_definition(client, properties["Body"], logical)
                    names[logical] = made
                    names[f"{logical}.ApiId"] = made
                    names[f"{logical}.ApiEndpoint"] = client.get_api(ApiId=made)["ApiEndpoint"]
                elif kind == "AWS::ApiGatewayV2::Api":
                    made = client.create_api(**properties)
                    names[logical] = names[f"{logical}.ApiId"] = made["ApiId"]
                    names[f"{logical}.ApiEndpoint"] = made["ApiEndpoint"]
                elif kind == "AWS::ApiGatewayV2::Integration":
                    names[logical] = client.create_integration(**properties)["IntegrationId"]
                elif kind == "AWS::ApiGatewayV2::Authorizer":
                    names[logical] = client.create_authorizer(**properties)["AuthorizerId"]
                    authorizers.append(names[logical])
                elif kind == "AWS::ApiGatewayV2::Route":
                    names[logical] = client.create_route(**properties)["RouteId"]
                elif kind == "AWS::ApiGatewayV2::Stage":
                    names[logical] = client.create_stage(**properties)["StageName"]
                else:
                    skipped.append(kind)
                    continue
            except Exception as error:  # a parameter the call does not take, or moto refusing it
                check(f"{label}: {logical} ({kind}) is made from its properties", False, f"{type(error).__name__}: {error}".replace("\n", " "))
        if not progressed:
            check(f"{label}: every resource's references resolve", False, ", ".join(sorted(pending)))
            break
    for kind in sorted(set(skipped)):
        not_checked(f"{label}: {kind} ({skipped.count(kind)}), which moto's apigatewayv2 does not hold")
    return names, authorizers


# --- What moto holds -----------------------------------------------------------------------

def check_api(client, api, label, authorizations):
    """The CORS configuration, the route keys and every route's integration; with
    `authorizations`, every route's authorization too."""
    held = client.get_api(ApiId=api)
    check(f"{label}: the CORS configuration is the policy's", cors_of(held) == expected_cors(), cors_of(held))
    routes = client.get_routes(ApiId=api)["Items"]
    # moto's import keeps the extension's name as the method (AWS makes it ANY); the gap check
    # below holds it to that.
    keys = {route["RouteKey"].replace("X-AMAZON-APIGATEWAY-ANY-METHOD ", "ANY "): route for route in routes}
    check(f"{label}: the routes are {', '.join(ROUTES)}", sorted(keys) == sorted(ROUTES) and len(routes) == len(ROUTES),
          ", ".join(sorted(route["RouteKey"] for route in routes)))
    integrations = {item["IntegrationId"]: item for item in client.get_integrations(ApiId=api)["Items"]}
    for key, (authorization, authorizer, scopes, integration) in ROUTES.items():
        route = keys.get(key)
        if route is None:
            continue
        target = (route.get("Target") or "").removeprefix("integrations/")
        made = integrations.get(target)
        seen = made and (made.get("IntegrationType", "").upper(), function_of(made.get("IntegrationUri")),
                         made.get("IntegrationMethod"), made.get("PayloadFormatVersion"))
        check(f"{label}: {key} goes to {integration[0]} {integration[1]} ({integration[2]}, payload {integration[3]})",
              seen == integration, seen or f"target {route.get('Target')!r}")
        if authorizations:
            name = route.get("AuthorizerId") and client.get_authorizer(ApiId=api, AuthorizerId=route["AuthorizerId"])["Name"]
            seen = (route.get("AuthorizationType"), name, route.get("AuthorizationScopes") or [])
            check(f"{label}: {key} is authorized by {authorization}" + (f" {authorizer}" if authorizer else "")
                  + (f" with scopes {', '.join(scopes)}" if scopes else ""),
                  seen == (authorization, authorizer, scopes), seen)
    return routes, integrations


def check_authorizers(client, api, ids, label):
    held = {}
    for authorizer in ids:
        made = client.get_authorizer(ApiId=api, AuthorizerId=authorizer)
        held[made["Name"]] = made
    check(f"{label}: the authorizers are {', '.join(sorted(AUTHORIZERS))}", sorted(held) == sorted(AUTHORIZERS), sorted(held))
    for name, expected in AUTHORIZERS.items():
        made = held.get(name)
        if made is None:
            continue
        seen = {key: function_of(made.get(key)) if key == "AuthorizerUri" else made.get(key) for key in expected}
        check(f"{label}: authorizer {name} is " + ", ".join(f"{key} {value}" for key, value in expected.items()),
              seen == expected, seen)
        if expected["AuthorizerType"] == "REQUEST":
            # Simple responses exist only for payload format 2.0.
            check(f"{label}: authorizer {name} answers with an IAM policy, not a simple response",
                  not made.get("EnableSimpleResponses"), made.get("EnableSimpleResponses"))


def check_stage(client, api, label):
    stages = client.get_stages(ApiId=api)["Items"]
    seen = [(stage["StageName"], stage.get("AutoDeploy")) for stage in stages]
    check(f"{label}: one stage, $default, deploying every change itself", seen == [("$default", True)], seen)


# --- The three outputs -----------------------------------------------------------------------

def convert(binary, folder, out, *arguments):
    """Runs convert on the inputs with the settings file; the output's text, or None."""
    command = [binary, "convert", str(HERE / "openapi.yaml"), "--cors", str(HERE / "cors.yaml"),
               "--config", str(HERE / "options.yaml"), "--api", "http", *arguments, "-o", str(folder / out)]
    done = subprocess.run(command, capture_output=True, text=True)
    shown = " ".join(arguments) or "--to cloudformation"
    errors = [line for line in done.stderr.splitlines() if "error" in line]
    if not check(f"convert {shown} writes {out}", done.returncode == 0,
                 f"exit {done.returncode}: {'; '.join(errors)[:600]}" if done.returncode else "exit 0"):
        return None
    return (folder / out).read_text()


def openapi_output(text):
    label = "openapi"
    definition = yaml.load(text, Loader=TemplateLoader)
    with mock_aws():
        client = boto3.client("apigatewayv2", region_name=REGION)
        try:
            client.import_api(Body=text)
            check("moto gap: import_api is not implemented (the definition is imported with reimport_api)", False,
                  "import_api answered")
        except NotImplementedError:
            check("moto gap: import_api is not implemented (the definition is imported with reimport_api)", True)
        api = import_definition(client, definition, "imported")
        routes, _ = check_api(client, api, label, authorizations=False)
        check("moto gap: the import makes no route authorization and no authorizer",
              all(route.get("AuthorizationType") is None and route.get("AuthorizerId") is None for route in routes),
              sorted((route["RouteKey"], route.get("AuthorizationType")) for route in routes))
        check("moto gap: the import names an x-amazon-apigateway-any-method route X-AMAZON-APIGATEWAY-ANY-METHOD",
              any(route["RouteKey"] == "X-AMAZON-APIGATEWAY-ANY-METHOD /{proxy+}" for route in routes),
              ", ".join(sorted(route["RouteKey"] for route in routes)))
    not_checked(f"{label}: the routes' authorization (type, authorizer, scopes) and the authorizers "
                "(moto's import reads neither security nor x-amazon-apigateway-authorizer)")
    not_checked(f"{label}: which routes share an integration (moto's import makes one per operation)")


def resources_output(text):
    label = "cloudformation"
    template = yaml.load(text, Loader=TemplateLoader)
    with mock_aws():
        # The gap the replay below stands in for.
        cfn = boto3.client("cloudformation", region_name=REGION)
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            try:
                cfn.create_stack(StackName="http-api", TemplateBody=text)
                status = cfn.describe_stacks(StackName="http-api")["Stacks"][0]["StackStatus"]
            except AttributeError as error:
                # An output's Fn::GetAtt of a type moto does not know fails in moto itself.
                status = f"create_stack failed: {error}"
        made = boto3.client("apigatewayv2", region_name=REGION).get_apis()["Items"]
        check("moto gap: moto's CloudFormation makes no AWS::ApiGatewayV2 resource (CREATE_COMPLETE without them, "
              "or an AttributeError on a GetAtt of one)",
              (status == "CREATE_COMPLETE" or "has_cfn_attr" in status) and made == [], f"{status}; {len(made)} APIs")
    with mock_aws():
        client = boto3.client("apigatewayv2", region_name=REGION)
        names, authorizers = replay(client, template, label)
        api = names.get("Api") or next((value for key, value in names.items()
                                        if template["Resources"].get(key, {}).get("Type") == "AWS::ApiGatewayV2::Api"), None)
        if not check(f"{label}: the template has one AWS::ApiGatewayV2::Api", api is not None):
            return
        _, integrations = check_api(client, api, label, authorizations=True)
        check(f"{label}: routes with the same backend share an integration (2)", len(integrations) == 2, len(integrations))
        check_authorizers(client, api, authorizers, label)
        check_stage(client, api, label)
        # moto intercepts the call (requests is patched by mock_aws), so nothing leaves the machine.
        try:
            answer = requests.options(client.get_api(ApiId=api)["ApiEndpoint"] + "/orders", timeout=5, headers={
                "Origin": CORS["AllowOrigins"][0], "Access-Control-Request-Method": "GET"})
            seen = f"{answer.status_code} {answer.text[:40]!r}"
            answered = "access-control-allow-origin" in {name.lower() for name in answer.headers}
        except Exception as error:
            seen, answered = f"{type(error).__name__}: {str(error)[:60]}", False
        check("moto gap: moto serves no request to an HTTP API (a preflight gets no CORS answer)", not answered, seen)
    not_checked(f"{label}: how the API answers requests: preflights, CORS headers, authorizers, integrations "
                "(moto serves no HTTP API; the simulator's table tests carry those rules)")
    not_checked(f"{label}: that CloudFormation itself accepts the template (moto's CloudFormation skips these types; "
                "the resources were made by the API calls CloudFormation makes, see cfn-lint in swift test)")


def body_output(text):
    label = "body"
    template = yaml.load(text, Loader=TemplateLoader)
    resources = template.get("Resources") or {}
    kinds = sorted(resource["Type"] for resource in resources.values() if resource["Type"].startswith("AWS::ApiGatewayV2::"))
    check(f"{label}: the ApiGatewayV2 resources are one Api and one Stage",
          kinds == ["AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage"], kinds)
    api_properties = next((r.get("Properties") or {} for r in resources.values() if r["Type"] == "AWS::ApiGatewayV2::Api"), {})
    check(f"{label}: the Api has a Body and no CorsConfiguration beside it",
          "Body" in api_properties and "CorsConfiguration" not in api_properties, sorted(api_properties))
    with mock_aws():
        client = boto3.client("apigatewayv2", region_name=REGION)
        names, _ = replay(client, template, label)
        api = next((value for key, value in names.items() if resources.get(key, {}).get("Type") == "AWS::ApiGatewayV2::Api"), None)
        if api is None:
            return
        check_api(client, api, label, authorizations=False)
        check_stage(client, api, label)
    not_checked(f"{label}: the routes' authorization and the authorizers (moto's import reads neither)")


def main():
    binary = os.environ.get("OAS2APIGW") or sys.exit("set OAS2APIGW")
    print(f"http API: moto {moto.__version__}, boto3 {boto3.__version__}, Python {sys.version.split()[0]}")
    os.environ.update({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION})
    folder = Path(tempfile.mkdtemp(prefix="http-api-"))
    outputs = os.environ.get("HTTP_API_OUTPUTS")
    if outputs:
        texts = [(Path(outputs) / name).read_text() for name in ("openapi.yaml", "resources.yaml", "body.yaml")]
    else:
        texts = [convert(binary, folder, "openapi.yaml", "--to", "openapi"),
                 convert(binary, folder, "resources.yaml"),
                 convert(binary, folder, "body.yaml", "--cfn-style", "body")]
    for text, run in zip(texts, (openapi_output, resources_output, body_output)):
        if text is not None:
            run(text)
    if failures:
        sys.exit(f"http API: {len(failures)} failed")


if __name__ == "__main__":
    main()
