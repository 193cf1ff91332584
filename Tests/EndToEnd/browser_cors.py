"""End-to-end CORS check: deploy the converter's outputs to LocalStack, call them from headless Chromium.

Every row of expectations.tsv names a spec case, an output kind, a backend and one cross-origin
fetch() with the outcome a browser must reach. For each (case, output, backend) the converter's
output is deployed once: the CloudFormation template as a stack, the OpenAPI document by
import_rest_api and a deployment. Then one Chromium, driven over the DevTools protocol, loads a
page on each row's origin and runs the row's fetch() against the deployed API; the row passes when
the browser allowed or blocked it as stated, and when `oas2apigw preflight` (the simulator) reaches
the same outcome for the same fetch() (SimulatorMatchesBrowserTests checks the same on every
`swift test`; here a disagreement shows next to what the browser said).

The origins are real names (https://shop.example.com) so the specs' own policies are used as
written: Chromium's --host-resolver-rules sends each of them to a page server on 127.0.0.1, and
that server's certificate is self-signed (--ignore-certificate-errors). Nothing leaves 127.0.0.1.

Run by scripts/e2e.sh, which builds the binary, starts LocalStack and passes:
  LOCALSTACK_URL   http://127.0.0.1:PORT of the running LocalStack
  OAS2APIGW        the built oas2apigw binary
  CHROMIUM         the chromium binary (default: chromium)
Standard library and boto3 (installed with LocalStack) only.
"""

import http.server
import json
import os
import select
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expectations.tsv")
STACK_TIMEOUT = 120
PROBE_TIMEOUT = 30


@dataclass(frozen=True)
class Row:
    """One line of the table: one fetch() from one origin and the outcome a browser must reach."""

    line: int
    case: str
    output: str
    backend: str
    origin: str
    method: str
    path: str
    headers: tuple
    credentials: str
    expected: str

    def describe(self):
        headers = ",".join(f"{name}" for name, _ in self.headers) or "-"
        return (f"{self.case} {self.output} {self.backend} {self.origin} {self.method} {self.path} "
                f"headers={headers} credentials={self.credentials}")


def read_table(path):
    """Rows of the expectations table; `both` in the output column stands for one row per output kind."""
    rows = []
    columns = ["case", "output", "backend", "origin", "method", "path", "headers", "credentials", "expected"]
    with open(path, encoding="utf-8") as table:
        for number, text in enumerate(table, start=1):
            text = text.strip()
            if not text or text.startswith("#"):
                continue
            fields = text.split()
            if len(fields) != len(columns):
                sys.exit(f"{path}:{number}: {len(fields)} columns, want {len(columns)}: {' '.join(columns)}")
            values = dict(zip(columns, fields))
            if values["expected"] not in ("allowed", "blocked"):
                sys.exit(f"{path}:{number}: expected must be allowed or blocked, not {values['expected']}")
            if values["credentials"] not in ("same-origin", "include", "omit"):
                sys.exit(f"{path}:{number}: credentials must be same-origin, include or omit")
            if values["backend"] not in ("mock", "http-cors", "http-bare"):
                sys.exit(f"{path}:{number}: backend must be mock, http-cors or http-bare")
            headers = ()
            if values["headers"] != "-":
                pairs = []
                for item in values["headers"].split(","):
                    name, colon, value = item.partition(":")
                    if not colon:
                        sys.exit(f"{path}:{number}: header {item!r} must be written Name:value")
                    pairs.append((name, value))
                headers = tuple(pairs)
            kinds = ["cloudformation", "openapi"] if values["output"] == "both" else [values["output"]]
            for kind in kinds:
                if kind not in ("cloudformation", "openapi"):
                    sys.exit(f"{path}:{number}: output must be cloudformation, openapi or both")
                rows.append(Row(number, values["case"], kind, values["backend"], values["origin"],
                                values["method"], values["path"], headers, values["credentials"],
                                values["expected"]))
    return rows


# Servers on 127.0.0.1 -------------------------------------------------------------------------

PAGE = b"""<!doctype html>
<meta charset="utf-8">
<title>oas2apigw end-to-end probe</title>
<pre id="result"></pre>
<script>
// Runs one cross-origin fetch() and reports what the page's script may see: the status and body
// when the browser let it through, the error when CORS blocked it.
async function probe(url, init) {
  let result;
  try {
    const response = await fetch(url, init);
    result = {outcome: "allowed", status: response.status, body: (await response.text()).slice(0, 300)};
  } catch (error) {
    result = {outcome: "blocked", error: String(error)};
  }
  document.getElementById("result").textContent = JSON.stringify(result);
  return result;
}
</script>
"""


class PageHandler(http.server.BaseHTTPRequestHandler):
    """Serves the probe page on every path, for whichever origin the browser thinks it is on."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


class BackendHandler(http.server.BaseHTTPRequestHandler):
    """The HTTP backend behind HTTP_PROXY integrations.

    Under /cors/ it answers like a backend that follows the converter's PLAN006 note for a
    one-origin policy (Access-Control-Allow-Origin: https://shop.example.com, Vary: Origin);
    under /bare/ it sends no CORS header, as a backend that ignored the note would. Every request
    is recorded, so the run can show that no preflight ever reached it.
    """

    seen = []
    lock = threading.Lock()

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with self.lock:
            self.seen.append((self.command, self.path))
        body = json.dumps({"method": self.command, "path": urllib.parse.urlsplit(self.path).path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if self.path.startswith("/cors/"):
            self.send_header("Access-Control-Allow-Origin", "https://shop.example.com")
            self.send_header("Vary", "Origin")
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = answer

    def log_message(self, *args):
        pass


def serve(handler, context=None):
    """Starts a threaded server for `handler` on a free port of 127.0.0.1; returns it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def self_signed_context(folder):
    """A TLS context with a fresh self-signed certificate, for the https origins' page server."""
    key, cert = os.path.join(folder, "key.pem"), os.path.join(folder, "cert.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=oas2apigw-e2e", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


# The simulator's word on the same fetch() ---------------------------------------------------------

# The headers BackendHandler sends under /cors/, for the simulator's --backend-header.
CORS_BACKEND_HEADERS = ("Access-Control-Allow-Origin: https://shop.example.com", "Vary: Origin")

# Chromium's corsError names without their "Preflight" prefix, by the simulator's summary words.
CHROMIUM_REASONS = [
    ("no Access-Control-Allow-Origin", "MissingAllowOriginHeader"),
    ("origin not allowed", "AllowOriginMismatch"),
    ("credentials not allowed with *", "WildcardOriginNotAllowed"),
    ("credentials not allowed", "InvalidAllowCredentials"),
    ("preflight status", "InvalidStatus"),
    ("several origins", "MultipleAllowOriginValues"),
    ("is not an origin", "InvalidAllowOriginValue"),
    ("method", "MethodDisallowedByPreflightResponse"),
    ("header", "HeaderDisallowedByPreflightResponse"),
    ("Access-Control-Allow-Methods unreadable", "InvalidAllowMethodsPreflightResponse"),
    ("Access-Control-Allow-Headers unreadable", "InvalidAllowHeadersPreflightResponse"),
]


def chromium_reason(summary):
    """The corsError Chromium reports for a failure the simulator words as `summary`."""
    words = summary.removeprefix("blocked: ")
    return next((reason for start, reason in CHROMIUM_REASONS if words.startswith(start) or start in words), None)


@dataclass
class Simulation:
    """What `oas2apigw preflight` predicts for a row, on the terms LocalStack serves it."""

    outcome: str = ""
    summary: str = ""
    error: str = ""


def simulate(binary, row, backend_url):
    """Runs `oas2apigw preflight` for a row's fetch() against the plan convert deploys for it.

    The simulator models AWS. Where API Gateway answers the actual request by itself (a gateway
    response), LocalStack sends the status without the response's CORS headers (docs/testing.md),
    so the browser here is blocked where AWS would let the page read the error; that row is
    compared on LocalStack's terms and says so.
    """
    spec, *policy = case_files(row.case)
    # The case's files as convert takes them (--cors, --config) plan the spec as it was deployed.
    args = [binary, "preflight", spec, *policy, "--path", row.path, "--origin", row.origin, "--method", row.method,
            "--format", "json"]
    for name, value in row.headers:
        args += ["--header", f"{name}: {value}"]
    if row.credentials == "include":
        args.append("--credentials")
    if row.backend != "mock":
        args += ["--backend", f"http:{backend_url}/{row.backend.removeprefix('http-')}"]
        if row.backend == "http-cors":
            for header in CORS_BACKEND_HEADERS:
                args += ["--backend-header", header]
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if result.returncode not in (0, 1):
        return Simulation(error=f"preflight exited {result.returncode}: {result.stderr.strip()}")
    report = json.loads(result.stdout)
    verdict = report["verdict"]
    actual = report.get("actualAnswer") or {}
    if actual.get("gatewayResponseType"):
        return Simulation("blocked", f"blocked: no Access-Control-Allow-Origin on LocalStack "
                                     f"({actual['gatewayResponseType']} without its headers; on AWS {verdict['summary']})")
    return Simulation("allowed" if verdict["allowed"] else "blocked", verdict["summary"])


# Deployment -------------------------------------------------------------------------------------

def case_files(case):
    """The spec, policy and settings of specs/<case>/, as convert takes them."""
    folder = os.path.join(ROOT, "specs", case)
    spec = next((os.path.join(folder, name) for name in ("openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json")
                 if os.path.exists(os.path.join(folder, name))), None)
    if spec is None:
        sys.exit(f"specs/{case}: no openapi.yaml, openapi.yml or openapi.json (or swagger.*)")
    args = [spec]
    for name in ("cors.yaml", "cors.json"):
        if os.path.exists(os.path.join(folder, name)):
            args += ["--cors", os.path.join(folder, name)]
    if os.path.exists(os.path.join(folder, "options.yaml")):
        args += ["--config", os.path.join(folder, "options.yaml")]
    return args


def convert(binary, case, output, backend, backend_url):
    """The text `oas2apigw convert` writes for one deployment."""
    args = [binary, "convert", *case_files(case), "--to", output]
    if backend != "mock":
        args += ["--backend", f"http:{backend_url}/{backend.removeprefix('http-')}"]
    result = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"convert failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


@dataclass
class Deployment:
    """One (case, output, backend) deployed to LocalStack, and where its stage answers."""

    case: str
    output: str
    backend: str
    stack: str = ""
    api_id: str = ""
    stage: str = ""
    error: str = ""
    rows: list = field(default_factory=list)


def clients(url):
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    return session.client("cloudformation", endpoint_url=url), session.client("apigateway", endpoint_url=url)


def deploy_all(deployments, binary, backend_url, localstack_url):
    """Creates every stack first and waits for them together, then imports the OpenAPI documents."""
    cfn, apigw = clients(localstack_url)
    for number, deployment in enumerate(deployments):
        try:
            text = convert(binary, deployment.case, deployment.output, deployment.backend, backend_url)
        except RuntimeError as error:
            deployment.error = str(error)
            continue
        if deployment.output == "cloudformation":
            deployment.stack = f"e2e-{number}-{deployment.case}"[:128]
            try:
                cfn.create_stack(StackName=deployment.stack, TemplateBody=text)
            except Exception as error:  # the stand-in refused the template itself
                deployment.error = f"create_stack: {error}"
        else:
            try:
                api = apigw.import_rest_api(body=text.encode(), failOnWarnings=True)
                deployment.api_id = api["id"]
                deployment.stage = "e2e"
                apigw.create_deployment(restApiId=api["id"], stageName="e2e",
                                        variables={"backendHost": urllib.parse.urlsplit(backend_url).netloc})
            except Exception as error:
                deployment.error = f"import_rest_api: {error}"
    deadline = time.monotonic() + STACK_TIMEOUT
    pending = [d for d in deployments if d.stack and not d.error]
    while pending:
        for deployment in list(pending):
            stack = cfn.describe_stacks(StackName=deployment.stack)["Stacks"][0]
            status = stack["StackStatus"]
            if status.endswith("IN_PROGRESS"):
                continue
            pending.remove(deployment)
            if status != "CREATE_COMPLETE":
                events = cfn.describe_stack_events(StackName=deployment.stack)["StackEvents"]
                reasons = [f"{e['LogicalResourceId']}: {e.get('ResourceStatusReason')}" for e in events
                           if e["ResourceStatus"].endswith("FAILED")]
                deployment.error = f"stack {status}: " + "; ".join(reasons)
                continue
            outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
            deployment.api_id = outputs.get("ApiId", "")
            stages = apigw.get_stages(restApiId=deployment.api_id)["item"] if deployment.api_id else []
            if not stages:
                deployment.error = "the stack has no ApiId output or no stage"
            else:
                deployment.stage = stages[0]["stageName"]
                # Specs with their own HTTP integrations name the backend ${stageVariables.backendHost}.
                apigw.update_stage(restApiId=deployment.api_id, stageName=deployment.stage, patchOperations=[
                    {"op": "replace", "path": "/variables/backendHost",
                     "value": urllib.parse.urlsplit(backend_url).netloc}])
        if pending and time.monotonic() > deadline:
            for deployment in pending:
                deployment.error = f"stack not complete after {STACK_TIMEOUT} s"
            break
        if pending:
            time.sleep(0.25)


def clean_up(deployments, localstack_url):
    """Deletes what this run created, so a long-lived LocalStack does not fill up."""
    cfn, apigw = clients(localstack_url)
    for deployment in deployments:
        try:
            if deployment.stack:
                cfn.delete_stack(StackName=deployment.stack)
            elif deployment.api_id:
                apigw.delete_rest_api(restApiId=deployment.api_id)
        except Exception:
            pass


# Chromium over the DevTools protocol ------------------------------------------------------------

class Browser:
    """Headless Chromium driven over --remote-debugging-pipe (JSON messages ending in NUL)."""

    def __init__(self, chromium, resolver_rules, profile):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def arrange_pipes():
            # Chromium reads commands from fd 3 and writes answers to fd 4.
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--remote-debugging-pipe", f"--user-data-dir={profile}",
             f"--host-resolver-rules={resolver_rules}", "--ignore-certificate-errors",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-gpu",
             "--disable-background-networking", "--disable-sync", "--disable-component-update",
             # Chromium would otherwise try http:// origins over https first, and the https page
             # server would answer, turning http://shop.example.com into https://shop.example.com.
             "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
             "--mute-audio", "about:blank"],
            preexec_fn=arrange_pipes, pass_fds=(3, 4),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Network.enable", session=True)
        self.origin = None

    def send(self, method, params, session):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self.from_browser, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return json.loads(message)

    def call(self, method, params=None, session=False, timeout=PROBE_TIMEOUT):
        number = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self.receive(deadline)
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for_event(self, name, timeout=PROBE_TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self.events):
                if event["method"] == name:
                    del self.events[: index + 1]
                    return event
            self.events.append(self.receive(deadline))

    def open(self, origin):
        """Loads the probe page on `origin`, unless it is already there."""
        if self.origin == origin:
            return
        self.events.clear()
        self.call("Page.navigate", {"url": origin + "/probe.html"}, session=True)
        self.wait_for_event("Page.loadEventFired")
        # The row is about this origin only if the page really is on it (no upgrade to https,
        # no redirect), since the browser sends the page's origin in Origin.
        actual = self.call("Runtime.evaluate", {"expression": "location.origin", "returnByValue": True},
                           session=True)["result"].get("value")
        if actual != origin:
            raise RuntimeError(f"the probe page for {origin} loaded on {actual}")
        self.origin = origin

    def fetch(self, url, init):
        """Runs fetch(url, init) in the page; returns what the page saw and the CORS error, if any."""
        self.events.clear()
        expression = f"probe({json.dumps(url)}, {json.dumps(init)})"
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True}, session=True)
        seen = result.get("result", {}).get("value") or {"outcome": "error", "error": json.dumps(result)}
        for event in self.events:
            cors = event.get("params", {}).get("corsErrorStatus")
            if event["method"] == "Network.loadingFailed" and cors:
                seen["cors"] = cors.get("corsError", "") + (f" ({cors['failedParameter']})" if cors.get("failedParameter") else "")
        return seen

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def resolver_rules(origins, https_port, http_port):
    """Host rules that send every row's origin to the page server of its scheme on 127.0.0.1."""
    rules = []
    for origin in sorted(origins):
        parts = urllib.parse.urlsplit(origin)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        target = https_port if parts.scheme == "https" else http_port
        rules.append(f"MAP {parts.hostname}:{port} 127.0.0.1:{target}")
    return ",".join(rules)


def request_init(row):
    """The fetch() options of a row; a JSON content type brings a small JSON body."""
    init = {"method": row.method, "credentials": row.credentials, "cache": "no-store"}
    if row.headers:
        init["headers"] = dict(row.headers)
    if any(name.lower() == "content-type" for name, _ in row.headers):
        init["body"] = json.dumps({"name": "e2e"})
    return init


def reached_backend_on(row, body):
    """Whether an allowed call reached the test's backend on the row's path, where it should.

    The backend answers with the path it was called on: through a proxy (`http-*` rows) that is
    /cors or /bare plus the row's path; through a spec's own HTTP integration, whose template
    passes the body on, it ends with the row's path. A MOCK answers without the backend.
    """
    try:
        called = json.loads(body).get("path") if body.strip().startswith("{") else None
    except ValueError:
        called = None
    path = urllib.parse.urlsplit(row.path).path
    if row.backend != "mock":
        return called == "/" + row.backend.removeprefix("http-") + path
    return called is None or called.endswith(path)


def main():
    localstack_url = os.environ.get("LOCALSTACK_URL")
    binary = os.environ.get("OAS2APIGW")
    chromium = os.environ.get("CHROMIUM", "chromium")
    if not localstack_url or not binary:
        sys.exit("set LOCALSTACK_URL and OAS2APIGW (scripts/e2e.sh does)")
    only = os.environ.get("E2E_CASES", "").split(",") if os.environ.get("E2E_CASES") else None
    table = read_table(TABLE)
    unknown = sorted(set(only or []) - {row.case for row in table})
    if unknown:
        # A misspelt name would otherwise run nothing and pass.
        sys.exit(f"E2E_CASES names cases without rows in {TABLE}: {', '.join(unknown)}")
    rows = [row for row in table if only is None or row.case in only]
    started = time.monotonic()

    work = tempfile.mkdtemp(prefix="oas2apigw-e2e-")
    backend = serve(BackendHandler)
    http_pages = serve(PageHandler)
    https_pages = serve(PageHandler, self_signed_context(work))
    backend_url = f"http://127.0.0.1:{backend.server_address[1]}"

    deployments = {}
    for row in rows:
        key = (row.case, row.output, row.backend)
        deployments.setdefault(key, Deployment(*key)).rows.append(row)
    deploy_all(list(deployments.values()), binary, backend_url, localstack_url)
    print(f"e2e: {len(deployments)} deployments in {time.monotonic() - started:.1f} s", flush=True)

    simulations = {row.line: simulate(binary, row, backend_url) for row in rows}
    browser = Browser(chromium, resolver_rules({row.origin for row in rows}, https_pages.server_address[1],
                                               http_pages.server_address[1]), os.path.join(work, "profile"))
    passed = failed = 0
    try:
        # Rows of one origin run together so the page is loaded once per origin and deployment.
        for deployment in deployments.values():
            if deployment.error:
                for row in deployment.rows:
                    print(f"FAIL {row.describe()}: not deployed: {deployment.error}")
                    failed += 1
                continue
            base = f"{localstack_url}/_aws/execute-api/{deployment.api_id}/{deployment.stage}"
            for row in sorted(deployment.rows, key=lambda r: (r.origin, r.line)):
                browser.open(row.origin)
                seen = browser.fetch(base + row.path, request_init(row))
                problems = []
                if seen["outcome"] != row.expected:
                    problems.append(f"expected {row.expected}, got {seen['outcome']}")
                if seen["outcome"] == "allowed" and not reached_backend_on(row, seen.get("body") or ""):
                    problems.append(f"the backend was called on the wrong path: {seen.get('body')!r}")
                if seen["outcome"] == "allowed" and (seen.get("body") or "")[:1].isspace():
                    # The converter's templates write nothing but the body (every line ends in ##).
                    problems.append(f"the body starts with whitespace the template wrote: {seen.get('body')!r}")
                simulation = simulations[row.line]
                if simulation.error:
                    problems.append(f"the simulator could not run: {simulation.error}")
                elif simulation.outcome != seen["outcome"]:
                    problems.append(f"the simulator says {simulation.summary}")
                detail = f"status {seen.get('status')}" if seen["outcome"] == "allowed" else seen.get("cors", seen.get("error"))
                reason = chromium_reason(simulation.summary) if seen["outcome"] == simulation.outcome == "blocked" else None
                if reason and seen.get("cors") and reason not in seen["cors"]:
                    # The table records outcomes, not reasons: a different reason is reported, not failed.
                    detail += f"; the simulator's reason differs: {simulation.summary}"
                if problems:
                    failed += 1
                    print(f"FAIL Tests/EndToEnd/expectations.tsv:{row.line} {row.describe()}: {'; '.join(problems)} [{detail}]")
                else:
                    passed += 1
                    print(f"ok   {row.describe()}: {seen['outcome']} [{detail}]")
    finally:
        browser.close()
        clean_up(deployments.values(), localstack_url)
        for server in (backend, http_pages, https_pages):
            server.shutdown()
            server.server_close()
        shutil.rmtree(work, ignore_errors=True)

    # API Gateway answers preflights with the generated OPTIONS mock; one reaching the backend
    # would mean a proxy method swallowed OPTIONS.
    preflights = [path for method, path in BackendHandler.seen if method == "OPTIONS"]
    if preflights:
        failed += 1
        print(f"FAIL a preflight reached the HTTP backend: {preflights}")
    total = f", {time.time() - int(os.environ['E2E_STARTED']):.0f} s with setup" if os.environ.get("E2E_STARTED") else ""
    print(f"e2e: {time.monotonic() - started:.1f} s for deployments and browser{total}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
