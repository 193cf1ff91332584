#!/usr/bin/env bash
# Installs, starts and stops LocalStack's core on the host (no Docker) as the local stand-in
# for API Gateway that the end-to-end tier deploys to.
#
#   scripts/localstack.sh install          the virtual environment only (nothing when present)
#   scripts/localstack.sh start            install if needed, start, wait until healthy
#   scripts/localstack.sh status           exit 0 when the server this script started answers
#   scripts/localstack.sh stop             stop it by the PID it recorded
#   scripts/localstack.sh env              print LOCALSTACK_URL and E2E_PYTHON for `eval`
#
# Settings (environment):
#   OAS2APIGW_E2E_HOME   cache for the virtual environment, outside the repository
#                        (default: ${XDG_CACHE_HOME:-$HOME/.cache}/oas2apigw-e2e)
#   LOCALSTACK_RUN_DIR   where the PID, port, log and state of one server live
#                        (default: $OAS2APIGW_E2E_HOME/run); one folder per server, so two runs
#                        on one machine do not stop each other's server
#   LOCALSTACK_PORT      the port on 127.0.0.1 (default: a free one chosen at start)
set -euo pipefail

# The newest core release on PyPI when this was written, and the date its dependencies are
# resolved at: a plain install pulls cbor2 6, whose missing `cbor2._decoder` keeps the runtime
# from loading its plugins; packages uploaded before this date work together.
LOCALSTACK_VERSION="2026.3.0"
UPLOADED_PRIOR_TO="2026-04-01T00:00:00Z"
PIP_VERSION="26.0.1"

E2E_HOME="${OAS2APIGW_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/oas2apigw-e2e}"
VENV="$E2E_HOME/venv-localstack-$LOCALSTACK_VERSION"
RUN_DIR="${LOCALSTACK_RUN_DIR:-$E2E_HOME/run}"

log() { echo "localstack: $*" >&2; }

# Prints a Python 3.12 or newer: LocalStack's runtime uses PEP 695 generics, a SyntaxError on
# 3.11 (Debian 12's python3). pyenv's builds are not on PATH in CI, so look where pyenv keeps
# them as well as on PATH, and take the newest.
find_python() {
    local candidates=() root
    for name in python3.14 python3.13 python3.12 python3; do
        command -v "$name" >/dev/null 2>&1 && candidates+=("$(command -v "$name")")
    done
    for root in "${PYENV_ROOT:-}" "$(pyenv root 2>/dev/null || true)" "$HOME/.pyenv" /root/.pyenv /usr/local/pyenv /opt/pyenv; do
        [ -n "$root" ] && [ -d "$root/versions" ] || continue
        for python in "$root"/versions/3.*/bin/python3; do
            [ -x "$python" ] && candidates+=("$python")
        done
    done
    local best="" best_version=0 python version
    for python in "${candidates[@]}"; do
        version=$("$python" -c 'import sys; print(sys.version_info[0] * 100 + sys.version_info[1])' 2>/dev/null) || continue
        if [ "$version" -ge 312 ] && [ "$version" -gt "$best_version" ]; then
            best="$python"
            best_version="$version"
        fi
    done
    [ -n "$best" ] || return 1
    echo "$best"
}

install() {
    if [ -x "$VENV/bin/python" ] && [ -f "$VENV/.complete" ]; then
        return 0
    fi
    # Two runs installing into the same cache at once would break each other's venv.
    mkdir -p "$E2E_HOME"
    exec 9>"$E2E_HOME/.install.lock"
    flock 9
    if [ -x "$VENV/bin/python" ] && [ -f "$VENV/.complete" ]; then
        flock -u 9
        return 0
    fi
    local python
    if ! python=$(find_python); then
        log "no Python 3.12 or newer found (on PATH or under pyenv's versions/); install one, e.g. 'pyenv install 3.12'"
        return 1
    fi
    log "installing localstack-core $LOCALSTACK_VERSION with $python into $VENV (about a minute, once)"
    rm -rf "$VENV"
    "$python" -m venv "$VENV"
    # The pip that comes with the interpreter may predate --uploaded-prior-to; bring a fixed one.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pip==$PIP_VERSION"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --uploaded-prior-to "$UPLOADED_PRIOR_TO" \
        "localstack-core[runtime]==$LOCALSTACK_VERSION"
    touch "$VENV/.complete"
    flock -u 9
}

# A free TCP port on 127.0.0.1, as the kernel hands one out.
free_port() {
    "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

running_pid() {
    local pid
    [ -f "$RUN_DIR/pid" ] || return 1
    pid=$(cat "$RUN_DIR/pid")
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

healthy() {
    local port
    port=$(cat "$RUN_DIR/port" 2>/dev/null) || return 1
    "$VENV/bin/python" - "$port" <<'EOF' >/dev/null 2>&1
import json, sys, urllib.request
health = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_localstack/health", timeout=2))
# Every service this tier needs must be there (available until first used, then running).
needed = ["apigateway", "cloudformation", "sts", "iam", "s3"]
sys.exit(0 if all(health["services"].get(name) in ("available", "running") for name in needed) else 1)
EOF
}

# Starts `python -m localstack.runtime.main` after two fixes to its template engine, both things
# API Gateway's Java Velocity has and LocalStack's airspeed-ext lacks. `$input.params().header`
# is a Java Map there, with keySet(); here it is werkzeug's Headers, which has none. And every Java
# string has toLowerCase(); here only header *values* get Java's string methods, not the keys the
# loop sees. The converter's multi-origin templates find the Origin header by walking keySet()
# and comparing lower-cased names (AWS's header map is case-sensitive), so without these every
# multi-origin answer would lack Access-Control-Allow-Origin here, and only here.
LAUNCHER='
import runpy
import airspeed.operators
from werkzeug.datastructures import Headers
methods = airspeed.operators.__additional_methods__
methods[str].update({
    "toLowerCase": lambda self: self.lower(),
    "toUpperCase": lambda self: self.upper(),
    "equals": lambda self, other: self == other,
    "equalsIgnoreCase": lambda self, other: isinstance(other, str) and self.lower() == other.lower(),
})
methods.setdefault(Headers, {}).update({
    "keySet": lambda self: list(dict.fromkeys(self.keys())),
    "size": lambda self: len(dict.fromkeys(self.keys())),
})
runpy.run_module("localstack.runtime.main", run_name="__main__", alter_sys=True)
'

start() {
    if running_pid >/dev/null; then
        log "already running (pid $(running_pid), port $(cat "$RUN_DIR/port"))"
        return 0
    fi
    install
    mkdir -p "$RUN_DIR"
    local port="${LOCALSTACK_PORT:-$(free_port)}"
    echo "$port" >"$RUN_DIR/port"
    rm -rf "$RUN_DIR/fs"
    # hypercorn binds the IPv4 address it is given; the default server (twisted) would listen
    # on every address. DNS_ADDRESS=0 turns off LocalStack's DNS server, which would otherwise
    # bind port 53. No auth token: the core edition needs none.
    env -u LOCALSTACK_AUTH_TOKEN \
        GATEWAY_SERVER=hypercorn GATEWAY_LISTEN="127.0.0.1:$port" \
        SERVICES=apigateway,cloudformation,sts,iam,s3,logs \
        DNS_ADDRESS=0 SKIP_SSL_CERT_DOWNLOAD=1 DISABLE_EVENTS=1 \
        FILESYSTEM_ROOT="$RUN_DIR/fs" \
        "$VENV/bin/python" -c "$LAUNCHER" >"$RUN_DIR/log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/pid"
    local waited=0
    until healthy; do
        if ! running_pid >/dev/null; then
            log "the server exited while starting; its log ($RUN_DIR/log) ends with:"
            tail -n 30 "$RUN_DIR/log" >&2
            return 1
        fi
        if [ "$waited" -ge 600 ]; then
            log "not healthy after 60 s; stopping it; log: $RUN_DIR/log"
            stop
            return 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    log "healthy on http://127.0.0.1:$port (pid $(cat "$RUN_DIR/pid"))"
}

stop() {
    local pid
    if ! pid=$(running_pid); then
        rm -f "$RUN_DIR/pid"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null; do
        if [ "$waited" -ge 100 ]; then
            log "pid $pid still running 10 s after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    rm -f "$RUN_DIR/pid"
    log "stopped (pid $pid)"
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status)
        if running_pid >/dev/null && healthy; then
            echo "running: pid $(running_pid), http://127.0.0.1:$(cat "$RUN_DIR/port")"
        else
            echo "not running"
            exit 1
        fi
        ;;
    env)
        echo "LOCALSTACK_URL=http://127.0.0.1:$(cat "$RUN_DIR/port")"
        echo "E2E_PYTHON=$VENV/bin/python"
        ;;
    *)
        echo "usage: scripts/localstack.sh install|start|status|stop|env" >&2
        exit 64
        ;;
esac
