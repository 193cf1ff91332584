#!/usr/bin/env python3
"""Convert every spec of a folder into every output under two CORS policies, and check each.

    scripts/sweep.py CORPUS_DIR [--jobs N] [--binary PATH] [--report out.tsv] [--keep DIR]
                                [--limit N] [--only SUBSTRING] [--timeout SECONDS] [--strict]

A spec is every *.yaml, *.yml or *.json file under CORPUS_DIR, at any depth and outside
folders named `golden`, whose top-level mapping has an `openapi` or `swagger` key (the entry
file of a multi-file spec has it, its fragments do not). A file that does not parse at all is
converted too: the tool must refuse it with a located error, never crash on it.

Each spec is converted eight times: policies `exact` (one origin) and `patterns` (several
origins, a subdomain pattern and credentials), times outputs `resources` (CloudFormation, one
resource per path and verb, split into nested stacks over 500), `body` (CloudFormation with the
OpenAPI Body), `body-s3` (CloudFormation reading the definition written beside it from S3) and
`openapi` (OpenAPI with x-amazon-apigateway extensions). Each written output is checked by
cfn-lint (templates and their child stacks, errors only), openapi-spec-validator (the OpenAPI
document, the Body of a body-style template, a body-s3 definition), `oas2apigw doctor` (errors only, the import rules included) and
`oas2apigw preflight` on up to three of the spec's paths, which must let the browser through.
An OpenAPI output is also given to `oas2apigw check --summary` (unless a --convert-option is
one check lacks): converted again it must match byte for byte, and read back, every path's
CORS answer must be unchanged.

One row per spec, policy and output; see docs/real-world.md for what each status means. The
exit status is 0 whatever the rows say (the sweep is a report), 1 with --strict when a row is
a crash, invalid or refused-unlocated or a refusal does not say whether --repair fixes it, 2
when the runner itself cannot run.
"""

import argparse
import concurrent.futures
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
POLICIES = {
    "exact": "allowOrigins:\n  - https://app.example.com\n",
    "patterns": (
        "allowOrigins:\n"
        "  - https://app.example.com\n"
        '  - "https://*.preview.example.com"\n'
        "  - http://localhost:5173\n"
        "allowHeaders: [Content-Type, Authorization]\n"
        "allowCredentials: true\n"
        "maxAge: 600\n"
    ),
}
# The origin each preflight sample comes from: the `patterns` policy's samples take its
# three kinds of origin in turn, so the pattern and the loopback origin are exercised too.
ORIGINS = {
    "exact": ["https://app.example.com"],
    "patterns": ["https://app.example.com", "https://pr-7.preview.example.com", "http://localhost:5173"],
}
OUTPUTS = {
    "resources": ["--to", "cloudformation", "--cfn-style", "resources"],
    "body": ["--to", "cloudformation", "--cfn-style", "body"],
    "body-s3": ["--to", "cloudformation", "--cfn-style", "body-s3"],
    "openapi": ["--to", "openapi"],
}
STATUSES = ["valid", "refused", "refused-unlocated", "invalid", "crash"]
SKIPPED_FOLDERS = {"golden", ".git", ".build", "node_modules"}
# Headers a page cannot set (the Fetch standard's forbidden request headers): a sample
# never sends them, whatever the spec declares.
FORBIDDEN_HEADERS = {
    "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
    "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
    "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
}
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}


# MARK: - Reading YAML

class _TaggedLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader that reads CloudFormation's short tags (`!Ref X`) as `{"Ref": X}`."""


def _construct_tagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {name: value}


_TaggedLoader.add_multi_constructor("!", _construct_tagged)


def load_document(path):
    """The parsed document of `path`; raises on text that is not one YAML or JSON document."""
    with open(path, "rb") as handle:
        data = handle.read()
    if path.suffix == ".json":
        try:
            return json.loads(data)
        except ValueError:
            pass  # YAML is a superset of most JSON the tool accepts; let it try.
    return yaml.load(data, Loader=_TaggedLoader)


def with_string_keys(value):
    """`value` with every mapping key a string, as JSON has them: YAML reads `200:` as a number."""
    if isinstance(value, dict):
        return {(str(k).lower() if isinstance(k, bool) else str(k)): with_string_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [with_string_keys(v) for v in value]
    return value


def is_spec_root(path):
    """Whether the sweep converts `path`: an OpenAPI or Swagger entry file, or a file that does not parse."""
    try:
        document = load_document(path)
    except Exception:  # noqa: BLE001 - any parse failure: the tool must refuse the file itself.
        return True
    if document is None:
        return True  # An empty file: the tool must refuse it with a place.
    return isinstance(document, dict) and ("openapi" in document or "swagger" in document)


def find_candidates(corpus):
    files = []
    for folder, subfolders, names in os.walk(corpus):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS)
        for name in sorted(names):
            if name.endswith((".yaml", ".yml", ".json")):
                files.append(Path(folder) / name)
    return sorted(files, key=lambda p: p.relative_to(corpus).as_posix())


# MARK: - Running the tool

def run(command, timeout, cwd=None):
    """(exit status, stdout, stderr, seconds); the status is None after a timeout."""
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, cwd=cwd)
        return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), time.monotonic() - started
    except subprocess.TimeoutExpired as expired:
        out = (expired.stdout or b"").decode("utf-8", "replace")
        err = (expired.stderr or b"").decode("utf-8", "replace")
        return None, out, err, time.monotonic() - started


def diagnostics_of(text):
    """The diagnostics of a `--diagnostics-format json` document in `text`, or None."""
    start = text.find("{")
    if start < 0:
        return None
    try:
        document, _ = json.JSONDecoder().raw_decode(text[start:])
    except ValueError:
        return None
    items = document.get("diagnostics") if isinstance(document, dict) else None
    return items if isinstance(items, list) else None


def one_line(text, limit=240):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tail(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return one_line(lines[-1]) if lines else "no output"


def describe(diagnostic):
    place = ""
    if all(k in diagnostic for k in ("file", "line", "column")):
        place = f" ({Path(diagnostic['file']).name}:{diagnostic['line']}:{diagnostic['column']})"
    return f"{diagnostic.get('code', '?')} {one_line(diagnostic.get('message', ''), 200)}{place}"


def crash_detail(what, status, stderr, timeout):
    if status is None:
        return f"{what}: timed out after {timeout:g}s"
    if status < 0:
        return f"{what}: killed by signal {-status}: {tail(stderr)}"
    return f"{what}: exit {status}: {tail(stderr)}"


# MARK: - Sampling paths for preflight

def preflight_samples(binary, spec, timeout):
    """Up to three (path, method, headers) a page would send, from `inspect --format json`.

    The resources with operations and without an OPTIONS of their own are taken in tree
    order, and the first, middle and last are kept; for each, the method that most needs a preflight, with the headers the
    operation makes a page send: its header parameters, Content-Type for its body, and the
    header of its security (Authorization, or an API key's header).
    """
    status, out, _, _ = run([binary, "inspect", str(spec), "--format", "json", "--diagnostics-format", "json"], timeout)
    if status is None:
        return []
    try:
        model = json.loads(out)
    except ValueError:
        return []
    schemes = {s.get("name"): s for s in model.get("securitySchemes", []) if isinstance(s, dict)}
    resources = []

    def walk(node):
        operations = node.get("operations", [])
        # A path with its own OPTIONS keeps it as written (CORS025): the plan leaves that
        # preflight to the spec, so it says nothing a sample could agree with.
        own_preflight = any(o.get("method") == "OPTIONS" for o in operations)
        operations = [o for o in operations if o.get("method") != "OPTIONS"]
        if operations and not own_preflight:
            resources.append((node.get("path", "/"), operations))
        for child in node.get("children", []):
            walk(child)

    if isinstance(model.get("root"), dict):
        walk(model["root"])
    if not resources:
        return []
    picked = sorted({0, len(resources) // 2, len(resources) - 1})
    samples = []
    for index in picked:
        path, operations = resources[index]
        preference = ["PUT", "PATCH", "DELETE", "ANY", "POST", "GET", "HEAD"]
        operation = min(operations, key=lambda o: preference.index(o["method"]) if o["method"] in preference else len(preference))
        method = "PUT" if operation["method"] == "ANY" else operation["method"]
        headers = {}
        for parameter in operation.get("parameters", []):
            name = parameter.get("name", "")
            if parameter.get("in") == "header" and name and name.lower() not in FORBIDDEN_HEADERS and not name.lower().startswith(("sec-", "proxy-")):
                headers[name.lower()] = (name, "1")
        body = operation.get("requestBody")
        if isinstance(body, dict) and "content-type" not in headers:
            types = body.get("mediaTypes") or ["application/json"]
            kind = types[0]
            headers["content-type"] = ("Content-Type", "application/json" if "*" in kind else kind)
        requirements = operation.get("security", {}).get("requirements") or []
        for requirement in requirements[:1]:
            for entry in requirement:
                scheme = schemes.get(entry.get("scheme"), {})
                authtype = str((scheme.get("extensions") or {}).get("x-amazon-apigateway-authtype", "")).lower()
                if authtype in ("awssigv4", "aws_iam"):
                    # A page calling an IAM-authorised API signs the request (Amplify, the AWS
                    # SDK): Signature Version 4 in Authorization, with its date.
                    headers["authorization"] = ("Authorization", "AWS4-HMAC-SHA256 Credential=1, SignedHeaders=host, Signature=1")
                    headers["x-amz-date"] = ("X-Amz-Date", "20260101T000000Z")
                elif scheme.get("type") == "apiKey" and scheme.get("in") == "header" and scheme.get("parameterName"):
                    headers[scheme["parameterName"].lower()] = (scheme["parameterName"], "1")
                elif scheme.get("type") in ("http", "oauth2", "openIdConnect", "basic"):
                    headers["authorization"] = ("Authorization", "Bearer 1")
        url = "/" + "/".join("1" if part.startswith("{") else part for part in path.split("/") if part)
        samples.append((url, method, sorted(headers.values())))
    return samples


# MARK: - Checks

_VALIDATOR = None


GREEDY_PARAMETER = re.compile(r"Path parameter '([^']+)' for '[a-z-]+' operation in '([^']+)' was not resolved")


def is_greedy_complaint(message):
    """Whether the validator only fails to match API Gateway's greedy `{name+}` to a parameter.

    `{proxy+}` is API Gateway's path syntax, not OpenAPI's: the validator finds neither a
    parameter `proxy+` nor `proxy` for it, in the input and in the output alike.
    """
    match = GREEDY_PARAMETER.search(message)
    return bool(match) and ("{%s+}" % match.group(1).rstrip("+")) in match.group(2)


def without_intrinsics(value):
    """`value` with each CloudFormation function (`{"Fn::Sub": …}`, `{"Ref": …}`) a string,
    as CloudFormation resolves them before API Gateway reads a Body."""
    if isinstance(value, dict):
        if len(value) == 1:
            (key,) = value
            if key == "Ref" or str(key).startswith("Fn::"):
                return "resolved-by-cloudformation"
        return {k: without_intrinsics(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_intrinsics(v) for v in value]
    return value


def spec_validator_errors(document, limit=3):
    """The first errors openapi-spec-validator finds in `document`, as strings."""
    global _VALIDATOR
    if _VALIDATOR is None:
        from openapi_spec_validator.shortcuts import get_validator_cls

        _VALIDATOR = get_validator_cls
    try:
        document = with_string_keys(document)
        validator = _VALIDATOR(document)(document)
        messages = (one_line(getattr(e, "message", e), 200) for e in validator.iter_errors())
        return list(itertools.islice((m for m in messages if not is_greedy_complaint(m)), limit))
    except Exception as error:  # noqa: BLE001 - an unknown version or a resolver failure is a finding too.
        return [one_line(f"{type(error).__name__}: {error}", 200)]


def cfn_lint(templates, timeout):
    """File → its cfn-lint errors (E codes), from one cfn-lint process; and why it did not run, if so."""
    if not templates:
        return {}, None
    command = ["cfn-lint", "--format", "json", "--ignore-checks", "W", "I", "--"] + [str(t) for t in templates]
    status, out, err, _ = run(command, timeout * max(1, len(templates)))
    if status is None:
        return {}, f"cfn-lint timed out after {timeout * len(templates):g}s"
    try:
        matches = json.loads(out) if out.strip() else []
    except ValueError:
        return {}, f"cfn-lint exit {status}: {tail(err or out)}"
    found = {str(t): [] for t in templates}
    for match in matches:
        if match.get("Level") != "Error":
            continue
        start = match.get("Location", {}).get("Start", {})
        text = f"cfn-lint {match.get('Rule', {}).get('Id', '?')} {one_line(match.get('Message', ''), 160)} (line {start.get('LineNumber', '?')})"
        for template in templates:
            if match.get("Filename") in (str(template), template.name) or Path(match.get("Filename", "")).resolve() == template.resolve():
                found[str(template)].append(text)
                break
    return found, None


def doctor_errors(binary, output, timeout):
    """(errors, crash): the doctor's error findings, or why the doctor itself broke."""
    status, out, err, _ = run([binary, "doctor", str(output), "--diagnostics-format", "json"], timeout)
    if status not in (0, 1, 2):
        return [], crash_detail("doctor", status, err, timeout)
    items = diagnostics_of(err) or diagnostics_of(out) or []
    errors = [f"doctor {describe(d)}" for d in items if d.get("severity") == "error"]
    if status != 0 and not errors:
        errors = [f"doctor exit {status}: {tail(err)}"]
    return errors, None


def preflight_errors(binary, output, samples, policy, timeout):
    """(errors, crash): each sample the browser would block, or why preflight itself broke."""
    errors = []
    origins = ORIGINS[policy]
    for index, (path, method, headers) in enumerate(samples):
        origin = origins[index % len(origins)]
        command = [binary, "preflight", str(output), "--path", path, "--origin", origin, "--method", method, "--format", "json"]
        for name, value in headers:
            command += ["--header", f"{name}: {value}"]
        # A proxy integration's backend does the CORS the plan leaves to it: it answers the
        # origin as the policy would. The gateway's own part (preflight mocks, mapped
        # headers, gateway responses) is what the sweep checks.
        backend = [
            f"Access-Control-Allow-Origin: {origin}",
            "Vary: Origin",
            f"Access-Control-Allow-Methods: {method}",
        ]
        if headers:
            backend.append("Access-Control-Allow-Headers: " + ", ".join(name for name, _ in headers))
        if policy == "patterns":
            command.append("--credentials")
            backend.append("Access-Control-Allow-Credentials: true")
        for header in backend:
            command += ["--backend-header", header]
        status, out, err, _ = run(command, timeout)
        if status not in (0, 1, 2):
            return errors, crash_detail(f"preflight {method} {path}", status, err, timeout)
        if status == 0:
            continue
        what = f"preflight {method} {path} from {origin}"
        if status == 2:
            items = diagnostics_of(err) or []
            first = next((describe(d) for d in items if d.get("severity") == "error"), tail(err))
            errors.append(f"{what}: cannot read the output: {first}")
            continue
        try:
            verdict = json.loads(out).get("verdict", {})
            summary = verdict.get("summary") or "blocked"
            message = verdict.get("message") or ""
        except (ValueError, AttributeError):
            summary, message = "blocked", tail(out)
        errors.append(f"{what}: {summary}" + (f": {one_line(message, 160)}" if message else ""))
    return errors, None


# MARK: - One spec

# The --convert-option words `check` takes as well; with others (--backend) the summary is not
# asked, since check reads those from a settings file instead.
CHECK_TAKES = {"--repair", "--trim", "--api", "rest", "http"}


def summary_errors(binary, spec, policy, output, extra, timeout):
    """`check --summary` on an OpenAPI output just written: the same conversion again must
    match it byte for byte (exit 0), and reading both back and asking the simulator every
    path's CORS answer must find no change."""
    summary = output.with_suffix(".summary.md")
    command = [binary, "check", str(spec), "--cors", policy, "--to", "openapi", *extra, "--golden", str(output),
               "--summary", str(summary), "--quiet"]
    status, out, err, _ = run(command, timeout)
    if status not in (0, 1, 2):
        return [], crash_detail("check --summary", status, err, timeout)
    if status != 0:
        return [f"check --summary: exit {status}: {one_line(out + err)}"], None
    text = summary.read_text() if summary.exists() else ""
    if not text.startswith("## CORS changes\n\nNo path's CORS answer changed"):
        return [f"check --summary: {one_line(text) or 'no summary written'}"], None
    return [], None


def sweep_spec(task):
    """Every row of one spec: its eight conversions (two policies, four outputs) and their checks."""
    spec, relative, binary, policy_files, keep, timeout, extra = task
    work = Path(keep) / relative if keep else Path(tempfile.mkdtemp(prefix="sweep-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    written = []  # (row, output path)
    try:
        for policy, output in itertools.product(POLICIES, OUTPUTS):
            target = work / f"{policy}-{output}.yaml"
            if target.exists():
                target.unlink()
            command = [binary, "convert", str(spec), "--cors", policy_files[policy], *OUTPUTS[output], *extra,
                       "--diagnostics-format", "json", "-o", str(target)]
            status, _, err, seconds = run(command, timeout)
            row = {"spec": relative, "policy": policy, "output": output, "seconds": seconds, "errors": [], "inputInvalid": False}
            rows.append(row)
            has_file = target.exists() and target.stat().st_size > 0
            if status == 0:
                try:
                    document = load_document(target) if has_file else None
                except Exception as error:  # noqa: BLE001 - a written output must parse.
                    document, err = None, f"{type(error).__name__}: {error}"
                if not isinstance(document, dict):
                    row.update(status="crash", detail=f"convert exit 0 but the output is {'unreadable: ' + tail(err) if has_file else 'missing'}")
                    continue
                row["document"] = document
                written.append((row, target))
            elif status == 2 and not target.exists():
                items = diagnostics_of(err) or []
                errors = [d for d in items if d.get("severity") == "error"]
                located = [d for d in errors if all(k in d for k in ("file", "line", "column"))]
                if located:
                    # Point 3 of the bar: a refusal says whether --repair fixes it (the
                    # detail is shortened, so the whole message is read here).
                    row.update(status="refused", detail=describe(located[0]),
                               repairSaid="--repair" in located[0].get("message", ""))
                else:
                    first = describe(errors[0]) if errors else f"no error diagnostic: {tail(err)}"
                    row.update(status="refused-unlocated", detail=first)
            elif status in (0, 2):
                row.update(status="crash", detail=f"convert exit {status} but the output was written")
            else:
                row.update(status="crash", detail=crash_detail("convert", status, err, timeout))

        templates = [target for row, target in written if row["output"] != "openapi"]
        # The children of a template split into nested stacks are templates of the row too.
        children = {target: sorted(target.parent.glob(f"{target.stem}.stack-*{target.suffix}")) for target in templates}
        lint, lint_failure = cfn_lint(templates + [c for found in children.values() for c in found], timeout)
        samples = preflight_samples(binary, spec, timeout) if written else []
        for row, target in written:
            document = row.pop("document")
            errors = row["errors"]
            errors += lint.get(str(target), [])
            for child in children.get(target, []):
                errors += [f"{child.name}: {e}" for e in lint.get(str(child), [])]
            if row["output"] == "openapi":
                errors += [f"spec-validator {e}" for e in spec_validator_errors(document)]
            else:
                bodies = [r.get("Properties", {}).get("Body") for r in (document.get("Resources") or {}).values()
                          if isinstance(r, dict) and r.get("Type") in ("AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api")]
                for body in bodies:
                    if isinstance(body, dict):
                        errors += [f"spec-validator (Body) {e}" for e in spec_validator_errors(without_intrinsics(body))]
                # A body-s3 template deploys the definition written beside it.
                definition = target.with_name(f"{target.stem}.definition{target.suffix}")
                if row["output"] == "body-s3":
                    try:
                        errors += [f"spec-validator (definition) {e}" for e in spec_validator_errors(load_document(definition))]
                    except Exception as error:  # noqa: BLE001 - a written definition must parse.
                        errors.append(f"the definition beside the template cannot be read: {type(error).__name__}: {error}")
            found, crash = doctor_errors(binary, target, timeout)
            errors += found
            if crash is None and row["output"] == "openapi" and all(o in CHECK_TAKES for o in extra):
                found, crash = summary_errors(binary, spec, policy_files[row["policy"]], target, extra, timeout)
                errors += found
            if crash is None:
                found, crash = preflight_errors(binary, target, samples, row["policy"], timeout)
                errors += found
            if crash:
                row.update(status="crash", detail=crash)
            elif errors:
                row.update(status="invalid", detail=" | ".join(errors[:3]))
                if any(e.startswith("spec-validator") for e in errors) and input_is_invalid(spec):
                    row["inputInvalid"] = True
                    row["detail"] += " | the input fails spec-validator too"
            else:
                row.update(status="valid", detail="")
            if lint_failure and row["output"] != "openapi":
                row["detail"] = (row["detail"] + " | " if row["detail"] else "") + f"not linted: {lint_failure}"
    except Exception as error:  # noqa: BLE001 - the runner's own failure, kept in the row.
        for row in rows:
            row.setdefault("status", "crash")
            row.setdefault("detail", f"runner failed: {type(error).__name__}: {one_line(error)}")
            row.pop("document", None)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    for row in rows:
        row.pop("errors", None)
        row.pop("document", None)
    return rows


_INPUT_VERDICTS = {}


def input_is_invalid(spec):
    """Whether the input spec itself fails openapi-spec-validator ($refs read from its folder)."""
    if spec not in _INPUT_VERDICTS:
        try:
            from openapi_spec_validator.shortcuts import get_validator_cls

            document = with_string_keys(load_document(spec))
            validator = get_validator_cls(document)(document, base_uri=Path(spec).resolve().as_uri())
            messages = (str(getattr(e, "message", e)) for e in validator.iter_errors())
            _INPUT_VERDICTS[spec] = any(not is_greedy_complaint(m) for m in messages)
        except Exception:  # noqa: BLE001 - any failure means the validator refuses the input.
            _INPUT_VERDICTS[spec] = True
    return _INPUT_VERDICTS[spec]


# MARK: - Main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the folder of specs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="specs converted at once (default: every core)")
    parser.add_argument("--binary", default=".build/release/oas2apigw", help="the oas2apigw to run (default: .build/release/oas2apigw)")
    parser.add_argument("--report", type=Path, help="write every row, sorted, to this TSV file")
    parser.add_argument("--keep", type=Path, help="keep the outputs under this folder, one subfolder per spec")
    parser.add_argument("--limit", type=int, help="sweep only the first N specs")
    parser.add_argument("--only", help="sweep only the specs whose path contains this text")
    parser.add_argument("--timeout", type=float, default=120, help="seconds each command may take (default: 120)")
    parser.add_argument("--convert-option", action="append", default=[], metavar="OPTION",
                        help="pass OPTION to every convert, such as --convert-option=--trim; repeat for more")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a row is a crash, invalid or refused-unlocated, or a refusal does not say whether --repair fixes it")
    args = parser.parse_args()

    started = time.monotonic()
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder")
    binary = Path(args.binary)
    if not binary.is_absolute() and not binary.exists():
        binary = REPO / binary
    if not binary.is_file() or not os.access(binary, os.X_OK):
        parser.error(f"no oas2apigw executable at {args.binary}; build it with swift build -c release")
    binary = str(binary.resolve())
    if shutil.which("cfn-lint") is None:
        parser.error("cfn-lint is not on PATH (pip install cfn-lint)")

    policy_folder = Path(tempfile.mkdtemp(prefix="sweep-policies-"))
    policy_files = {}
    for name, text in POLICIES.items():
        (policy_folder / f"{name}.yaml").write_text(text)
        policy_files[name] = str(policy_folder / f"{name}.yaml")

    rows = []
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            candidates = find_candidates(corpus)
            roots = [path for path, is_root in zip(candidates, pool.map(is_spec_root, candidates, chunksize=16)) if is_root]
            specs = [(path, path.relative_to(corpus).as_posix()) for path in roots]
            if args.only:
                specs = [s for s in specs if args.only in s[1]]
            if args.limit is not None:
                specs = specs[: args.limit]
            print(f"sweep: {len(specs)} specs under {args.corpus}, {len(specs) * len(POLICIES) * len(OUTPUTS)} conversions, {args.jobs} jobs", flush=True)
            tasks = [(str(path), relative, binary, policy_files, str(args.keep.resolve()) if args.keep else None, args.timeout,
              args.convert_option)
                     for path, relative in specs]
            futures = {pool.submit(sweep_spec, task): task[1] for task in tasks}
            for future in concurrent.futures.as_completed(futures):
                try:
                    spec_rows = future.result()
                except Exception as error:  # noqa: BLE001 - a sweep that cannot run a spec says so in a row.
                    spec_rows = [{"spec": futures[future], "policy": "-", "output": "-", "seconds": 0.0,
                                  "status": "crash", "detail": f"the sweep itself failed: {type(error).__name__}: {error}"}]
                for row in spec_rows:
                    rows.append(row)
                    print(format_row(row), flush=True)
    finally:
        shutil.rmtree(policy_folder, ignore_errors=True)

    rows.sort(key=lambda r: (r["spec"], list(POLICIES).index(r["policy"]) if r["policy"] in POLICIES else -1, list(OUTPUTS).index(r["output"]) if r["output"] in OUTPUTS else -1))
    if args.report:
        with open(args.report, "w", encoding="utf-8") as report:
            report.write("spec\tpolicy\toutput\tstatus\tseconds\tdetail\n")
            for row in rows:
                detail = row["detail"].replace("\t", " ").replace("\n", " ")
                report.write(f"{row['spec']}\t{row['policy']}\t{row['output']}\t{row['status']}\t{row['seconds']:.2f}\t{detail}\n")
    print_totals(rows, len(specs), time.monotonic() - started)
    bad = [r for r in rows if r["status"] in ("crash", "invalid", "refused-unlocated")
           or r["status"] == "refused" and not r.get("repairSaid", True)]
    return 1 if args.strict and bad else 0


def format_row(row):
    return f"{row['status']:<17} {row['seconds']:6.2f}s  {row['spec']}  {row['policy']}  {row['output']}" + (
        f"  {row['detail']}" if row["detail"] else "")


def print_totals(rows, spec_count, wall):
    print()
    print("totals:  " + "  ".join(f"{status} {sum(r['status'] == status for r in rows)}" for status in STATUSES))
    for output in OUTPUTS:
        of = [r for r in rows if r["output"] == output]
        print(f"  {output:<10}" + "  ".join(f"{status} {sum(r['status'] == status for r in of)}" for status in STATUSES))
    silent = sorted({r["detail"].split(" ", 1)[0] for r in rows if r["status"] == "refused" and not r.get("repairSaid", True)})
    print(f"  refusals that do not say whether --repair fixes them: "
          f"{sum(r['status'] == 'refused' and not r.get('repairSaid', True) for r in rows)}"
          + (f" ({', '.join(silent)})" if silent else ""))
    inherited = sum(r["status"] == "invalid" and r.get("inputInvalid", False) for r in rows)
    if inherited:
        print(f"  invalid rows whose input spec fails openapi-spec-validator too: {inherited}")
    print(f"specs: {spec_count}  rows: {len(rows)}  wall time: {wall:.1f}s")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader (head, less) stopped reading; the rows it wanted were printed.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
