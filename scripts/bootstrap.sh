#!/usr/bin/env bash
# Installs what building and testing oas2apigw needs on a fresh Debian or Ubuntu machine:
# libyaml (the YAML parser, found through pkg-config), cfn-lint and openapi-spec-validator
# (which the tests run on every generated output), and checkov. Anything already
# present is left alone, so a second run is instant.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
pkg-config --exists yaml-0.1 2>/dev/null || missing+=(libyaml-dev)
if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]} with apt-get" >&2
    source "$(dirname "${BASH_SOURCE[0]}")/apt_install.sh"
    apt_install "${missing[@]}"
fi

for tool in cfn-lint openapi-spec-validator; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "bootstrap: installing $tool with pip" >&2
        python3 -m pip install --quiet "$tool"
    fi
done

# checkov (the tests hold the templates with stage settings to its API Gateway checks) pins
# old boto3 and botocore, which would break LocalStack's and the AWS CLI's, so it lives in
# a virtual environment of its own; the tests look for it there.
checkov_env="${HOME}/.cache/oas2apigw/checkov"
if [ ! -x "$checkov_env/bin/checkov" ]; then
    echo "bootstrap: installing checkov with pip into $checkov_env" >&2
    mkdir -p "$(dirname "$checkov_env")"
    python3 -m venv "$checkov_env"
    "$checkov_env/bin/pip" install --quiet checkov
fi
