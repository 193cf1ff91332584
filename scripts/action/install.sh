#!/usr/bin/env bash
# The Action's first step: downloads a released oas2apigw tarball and its SHA-256 file,
# refuses a tarball whose checksum differs, unpacks it under RUNNER_TEMP and puts its bin/
# on GITHUB_PATH for the steps after it. Problems are printed as annotations.
#
# Environment (set by action.yml from the inputs and the github context):
#   INPUT_VERSION       1.2.0 or v1.2.0; empty: the action's own ref, when that is a v-tag
#   INPUT_RELEASE_URL   folder of the release files; empty: this action's GitHub release
#   OAS2APIGW_ACTION_REPOSITORY, OAS2APIGW_ACTION_REF   github.action_repository, .action_ref
#   RUNNER_TEMP, RUNNER_OS, GITHUB_PATH                 as every runner sets them
set -euo pipefail

problem() {
    echo "::error title=oas2apigw install::$*"
    exit 1
}

version=${INPUT_VERSION:-}
if [ -z "$version" ]; then
    case "${OAS2APIGW_ACTION_REF:-}" in
    v[0-9]*) version=${OAS2APIGW_ACTION_REF} ;;
    *) problem "no version to install: use the action at a release tag (uses: ...@v1.2.0) or give with: version: 1.2.0 (the action's ref is '${OAS2APIGW_ACTION_REF:-}')" ;;
    esac
fi
version=${version#v}

[ "${RUNNER_OS:-Linux}" = Linux ] || problem "oas2apigw is released for Linux only; this runner is ${RUNNER_OS}"
case "$(uname -m)" in
x86_64 | amd64) arch=x86_64 ;;
*) problem "oas2apigw is released for x86_64 Linux only; this runner is $(uname -m) (docs/install.md says how to build it)" ;;
esac

name="oas2apigw-${version}-linux-${arch}"
url=${INPUT_RELEASE_URL:-}
if [ -z "$url" ]; then
    [ -n "${OAS2APIGW_ACTION_REPOSITORY:-}" ] || problem "no release-url and no action repository to download from"
    url="https://github.com/${OAS2APIGW_ACTION_REPOSITORY}/releases/download/v${version}"
fi
url=${url%/}

folder="${RUNNER_TEMP:?RUNNER_TEMP is not set}/oas2apigw-${version}"
rm -rf "$folder"
mkdir -p "$folder"
cd "$folder"
for file in "$name.tar.gz" "$name.tar.gz.sha256"; do
    curl --fail --silent --show-error --location --retry 3 --output "$file" "$url/$file" ||
        problem "cannot download $url/$file"
done
# The checksum file names the tarball; sha256sum -c compares it with what was downloaded.
sha256sum --check --status "$name.tar.gz.sha256" ||
    problem "$name.tar.gz does not match its SHA-256 ($url/$name.tar.gz.sha256); not installed"
tar -xzf "$name.tar.gz"
binary="$folder/$name/bin/oas2apigw"
[ -x "$binary" ] || problem "$name.tar.gz holds no bin/oas2apigw"
installed=$("$binary" --version)
[ "$installed" = "$version" ] || problem "the tarball's oas2apigw says it is $installed, not $version"
echo "$folder/$name/bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
echo "installed oas2apigw $installed from $url (SHA-256 checked)"
