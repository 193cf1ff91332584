#!/usr/bin/env bash
# The end-to-end tier: deploys the converter's outputs to LocalStack and checks CORS with real
# cross-origin fetch() calls in headless Chromium, row by row from Tests/EndToEnd/expectations.tsv.
#
#   scripts/e2e.sh                      every row
#   E2E_CASES=petstore,cors-multi-origin scripts/e2e.sh     only those cases
#
# Installs what is missing (Chromium and openssl from apt-get, LocalStack into a virtual
# environment under ~/.cache, see scripts/localstack.sh), builds the tool, starts a LocalStack of
# its own on a free port of 127.0.0.1 and stops it by its PID when the run ends, failed or not.
# Exits non-zero when any row's outcome differs from the table.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "e2e: $*" >&2; }
# The driver reports the time from here, installation and build included.
E2E_STARTED=$(date +%s)
export E2E_STARTED

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} with apt-get"
    source scripts/apt_install.sh
    apt_install "${missing[@]}"
fi

scripts/localstack.sh install
swift build --product oas2apigw
binary="$(swift build --show-bin-path)/oas2apigw"

# One LocalStack for this run, in a folder of its own: a run never stops another's server.
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/oas2apigw-e2e-run.XXXXXX")
export LOCALSTACK_RUN_DIR="$run_dir"
stop_localstack() {
    local status=$?
    # Quietly on success, so the runner's "N passed, N failed" stays the run's last line.
    if [ "$status" -eq 0 ]; then
        scripts/localstack.sh stop 2>/dev/null || true
    else
        scripts/localstack.sh stop || true
    fi
    if [ "$status" -ne 0 ] && [ -f "$run_dir/log" ]; then
        cp "$run_dir/log" "${TMPDIR:-/tmp}/oas2apigw-e2e-localstack.log" 2>/dev/null &&
            log "LocalStack's log: ${TMPDIR:-/tmp}/oas2apigw-e2e-localstack.log"
    fi
    rm -rf "$run_dir"
    exit "$status"
}
trap stop_localstack EXIT
trap 'exit 130' INT TERM

scripts/localstack.sh start
eval "$(scripts/localstack.sh env)"
# The stand-in's known gaps first (docs/testing.md): if one closed, the page is out of date.
LOCALSTACK_URL="$LOCALSTACK_URL" "$E2E_PYTHON" Tests/EndToEnd/stand_in_gaps.py
# An API over CloudFormation's 500 resources, deployed from S3 (docs/large-apis.md).
LOCALSTACK_URL="$LOCALSTACK_URL" OAS2APIGW="$binary" "$E2E_PYTHON" Tests/EndToEnd/large_api.py
# An HTTP API (API Gateway v2), which LocalStack's community edition does not serve: moto holds
# what it can of the three outputs (docs/testing.md, "HTTP APIs").
OAS2APIGW="$binary" "$E2E_PYTHON" Tests/EndToEnd/http_api.py
LOCALSTACK_URL="$LOCALSTACK_URL" OAS2APIGW="$binary" CHROMIUM="$(command -v chromium)" \
    "$E2E_PYTHON" Tests/EndToEnd/browser_cors.py
