"""Deploys an API larger than one CloudFormation template can hold, the body-s3 way, and calls it.

Issue 23: a generated spec of more than 600 resources (CloudFormation takes 500 per template)
is converted with --cfn-style body-s3, its definition uploaded to S3 and the template deployed
as a stack; then the deepest path must answer its GET and its preflight with the policy's
headers. Prints the size of each file, the conversion's time, and how long the stack took.

Needs LOCALSTACK_URL and OAS2APIGW (the binary); run by scripts/e2e.sh.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3

ORIGIN = "https://app.example.com"
# 30 top-level collections, each with items, sub-collections and actions, five levels deep:
# 30 * (1 + 1 + 6 * 3) + the root = 601 resources.
COLLECTIONS = 30
SUBS = 6


def spec():
    """The generated spec, and the deepest path it has."""
    lines = ["openapi: 3.0.3", "info: {title: large-api, version: '1'}", "paths:"]
    deepest = ""
    for c in range(COLLECTIONS):
        base = f"/c{c}"
        paths = [base, f"{base}/{{id{c}}}"]
        for s in range(SUBS):
            sub = f"{base}/{{id{c}}}/s{s}"
            paths += [sub, f"{sub}/{{sid}}", f"{sub}/{{sid}}/act"]
        for path in paths:
            lines += [f"  {path}:", "    get:", "      responses: {'200': {description: ok}}"]
            if path.count("/") > deepest.count("/"):
                deepest = path
    return "\n".join(lines) + "\n", deepest


def call(url, headers=None, method="GET"):
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def main():
    url = os.environ.get("LOCALSTACK_URL") or sys.exit("set LOCALSTACK_URL")
    binary = os.environ.get("OAS2APIGW") or sys.exit("set OAS2APIGW")
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    folder = Path(tempfile.mkdtemp(prefix="large-api-"))
    text, deepest = spec()
    (folder / "openapi.yaml").write_text(text)
    (folder / "cors.yaml").write_text(f"allowOrigins: [{ORIGIN}]\nallowHeaders: [Content-Type]\n")
    started = time.monotonic()
    converted = subprocess.run(
        [binary, "convert", "openapi.yaml", "--cors", "cors.yaml", "--cfn-style", "body-s3", "-o", "api.yaml"],
        cwd=folder, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if converted.returncode != 0:
        sys.exit(f"FAIL large API: convert exit {converted.returncode}: {converted.stderr[-2000:]}")
    resources = text.count("\n  /") + 1
    # One resource per path and method is more than a template takes: on standard output the
    # resource style is refused, and with -o FILE it is split into nested stacks.
    plain = subprocess.run([binary, "convert", "openapi.yaml", "--cors", "cors.yaml"], cwd=folder, capture_output=True, text=True)
    if plain.returncode == 0 or "[CFN001]" not in plain.stderr:
        sys.exit(f"FAIL large API: the resource style on standard output was not refused with CFN001: {plain.stderr[-1000:]}")
    split = subprocess.run([binary, "convert", "openapi.yaml", "--cors", "cors.yaml", "-o", "nested.yaml"],
                           cwd=folder, capture_output=True, text=True)
    if split.returncode != 0:
        sys.exit(f"FAIL large API: the resource style with -o was not split: {split.stderr[-1000:]}")
    children = sorted(folder.glob("nested.stack-*.yaml"))
    print(f"large API: nested stacks: parent {(folder / 'nested.yaml').stat().st_size} bytes and {len(children)} children "
          f"({', '.join(str(c.stat().st_size) for c in children)} bytes)")
    print(f"large API: {resources} resources; convert {seconds:.2f} s; template {(folder / 'api.yaml').stat().st_size} bytes, "
          f"definition {(folder / 'api.definition.yaml').stat().st_size} bytes")
    failures = []

    def check(claim, holds, seen):
        print(f"{'ok  ' if holds else 'FAIL'} large API: {claim} [{seen}]")
        if not holds:
            failures.append(claim)

    s3 = session.client("s3", endpoint_url=url)
    cfn = session.client("cloudformation", endpoint_url=url)
    apigw = session.client("apigateway", endpoint_url=url)
    bucket = "large-api-files"
    s3.create_bucket(Bucket=bucket)

    def deploy(stack, template, parameters, way):
        started = time.monotonic()
        cfn.create_stack(StackName=stack, TemplateBody=template,
                         Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()])
        try:
            status = "still in progress"
            for _ in range(1200):
                status = cfn.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
                if not status.endswith("IN_PROGRESS"):
                    break
                time.sleep(0.5)
            print(f"large API, {way}: stack {status} in {time.monotonic() - started:.1f} s")
            check(f"{way}: the stack is created", status == "CREATE_COMPLETE", status)
            if status != "CREATE_COMPLETE":
                return
            outputs = {o["OutputKey"]: o["OutputValue"] for o in cfn.describe_stacks(StackName=stack)["Stacks"][0]["Outputs"]}
            api = outputs["ApiId"]
            made, position = 0, None
            while True:
                page = apigw.get_resources(restApiId=api, limit=500, **({"position": position} if position else {}))
                made += len(page["items"])
                position = page.get("position")
                if not position:
                    break
            check(f"{way}: API Gateway holds every resource ({resources})", made == resources, made)
            concrete = re.sub(r"\{[^}]+\}", "7", deepest)
            target = f"{url}/_aws/execute-api/{api}/v1{concrete}"
            got, headers = call(target, {"Origin": ORIGIN})
            check(f"{way}: GET on the deepest path {deepest} answers 200 with the origin", got == 200
                  and headers.get("access-control-allow-origin") == ORIGIN, f"{got} {headers.get('access-control-allow-origin')}")
            got, headers = call(target, {"Origin": ORIGIN, "Access-Control-Request-Method": "GET"}, method="OPTIONS")
            check(f"{way}: its preflight allows GET from the origin", got in (200, 204)
                  and "GET" in headers.get("access-control-allow-methods", ""), f"{got} {headers.get('access-control-allow-methods')}")
        finally:
            cfn.delete_stack(StackName=stack)

    s3.upload_file(str(folder / "api.definition.yaml"), bucket, "api.definition.yaml")
    deploy("large-api-s3", (folder / "api.yaml").read_text(), {"DefinitionBucket": bucket}, "body-s3")
    # What `aws cloudformation package` does: each child uploaded, its TemplateURL made the
    # object's URL.
    parent = (folder / "nested.yaml").read_text()
    for child in children:
        s3.upload_file(str(child), bucket, child.name)
        parent = parent.replace(f"TemplateURL: {child.name}", f"TemplateURL: {url}/{bucket}/{child.name}")
    deploy("large-api-nested", parent, {}, "nested stacks")
    if failures:
        sys.exit(f"large API: {len(failures)} failed")


if __name__ == "__main__":
    main()
