#!/usr/bin/env bash
# The SwiftPM command plugin as a package that uses it runs it: docs/swiftpm-plugin-sample,
# copied to a temporary folder (its dependency on this repository rewritten from ../.. to this
# repository's path), converted, checked against its committed template, and then broken on
# purpose to see that each failure is reported and fails `swift package`.
#
#   scripts/test_plugin.sh
#   PLUGIN_SCRATCH_PATH=/tmp/plugin-build scripts/test_plugin.sh    keep the build between runs
#
# The build goes to a scratch path outside the repository (a fresh one unless given), so the
# run never touches another checkout's .build. Exits non-zero on the first step that differs.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sample_in_repo="$repo/docs/swiftpm-plugin-sample"
started=$(date +%s)

log() { echo "test_plugin: $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/oas2apigw-plugin-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
scratch=${PLUGIN_SCRATCH_PATH:-$work/build}
sample="$work/sample"

# The sample as committed, without what a local build left in it.
mkdir "$sample"
(cd "$sample_in_repo" && git ls-files -z . | xargs -0 cp --parents -t "$sample")
sed -i "s|\.package(path: \"\.\./\.\.\")|.package(path: \"$repo\")|" "$sample/Package.swift"
grep -qF ".package(path: \"$repo\")" "$sample/Package.swift" \
    || fail "the sample's Package.swift no longer depends on .package(path: \"../..\"); update this script"

passed=0
output="$work/output.txt"

# Runs the plugin in the copy with the permission to write, its output kept in $output; returns
# `swift package`'s status.
plugin() {
    swift package --package-path "$sample" --scratch-path "$scratch" --allow-writing-to-package-directory \
        oas2apigw "$@" </dev/null >"$output" 2>&1
}

# A run that must fail, naming what went wrong: `expect_failure TEXT ARGUMENTS…`.
expect_failure() {
    local text=$1
    shift
    if plugin "$@"; then
        cat "$output" >&2
        fail "swift package oas2apigw $* exited 0; expected a failure saying: $text"
    fi
    if ! grep -qF -- "$text" "$output"; then
        cat "$output" >&2
        fail "swift package oas2apigw $* failed without saying: $text"
    fi
    passed=$((passed + 1))
}

log "convert -o deploy/template.yaml (builds the tool in debug into $scratch)"
rm "$sample/deploy/template.yaml"
plugin convert -o deploy/template.yaml || { cat "$output" >&2; fail "convert exited non-zero"; }
if ! diff -u "$sample_in_repo/deploy/template.yaml" "$sample/deploy/template.yaml" >&2; then
    fail "convert wrote a template that differs from docs/swiftpm-plugin-sample/deploy/template.yaml (diff above);" \
        "if the change is intended, run the same command in docs/swiftpm-plugin-sample and commit the template"
fi
grep -qF "oas2apigw convert Sources/BookshelfServer/openapi.yaml --cors Sources/BookshelfServer/cors.yaml" "$output" \
    || { cat "$output" >&2; fail "convert did not use the spec and policy in Sources/BookshelfServer/"; }
passed=$((passed + 1))

log "check --golden deploy/template.yaml"
plugin check --golden deploy/template.yaml || { cat "$output" >&2; fail "check of the committed template exited non-zero"; }
passed=$((passed + 1))

log "check --target BookshelfServer"
plugin check --target BookshelfServer --golden deploy/template.yaml \
    || { cat "$output" >&2; fail "check with --target BookshelfServer exited non-zero"; }
passed=$((passed + 1))

log "check with a spec named on the command line"
mkdir "$sample/api"
mv "$sample/Sources/BookshelfServer/openapi.yaml" "$sample/api/openapi.yaml"
plugin check api/openapi.yaml --cors Sources/BookshelfServer/cors.yaml --golden deploy/template.yaml \
    || { cat "$output" >&2; fail "check with the spec's path given exited non-zero"; }
passed=$((passed + 1))

log "no spec in any target: a clear error"
expect_failure "no openapi.yaml, openapi.yml, openapi.json in the folder of any target" check --golden deploy/template.yaml
mv "$sample/api/openapi.yaml" "$sample/Sources/BookshelfServer/openapi.yaml"

log "two specs: a clear error that lists both"
cp "$sample/Sources/BookshelfServer/openapi.yaml" "$sample/Sources/BookshelfServer/openapi.yml"
expect_failure "2 specs found (Sources/BookshelfServer/openapi.yaml, Sources/BookshelfServer/openapi.yml)" convert
rm "$sample/Sources/BookshelfServer/openapi.yml"

log "an unknown --target: a clear error"
expect_failure "no Swift target named Frontend" check --target Frontend --golden deploy/template.yaml

log "a changed policy: check fails with the diff"
sed -i 's/^maxAge: 600$/maxAge: 300/' "$sample/Sources/BookshelfServer/cors.yaml"
grep -q '^maxAge: 300$' "$sample/Sources/BookshelfServer/cors.yaml" || fail "the sample's cors.yaml no longer says maxAge: 600"
expect_failure "+              method.response.header.Access-Control-Max-Age: \"'300'\"" check --golden deploy/template.yaml
grep -qF "error: oas2apigw check exited with status 1" "$output" \
    || { cat "$output" >&2; fail "the failed check did not report the tool's status 1"; }

log "a broken policy: check fails with the tool's diagnostic and status 2"
printf 'allowOrigins: 5\n' >"$sample/Sources/BookshelfServer/cors.yaml"
expect_failure "Sources/BookshelfServer/cors.yaml:1:15: error: [CORS002]" check --golden deploy/template.yaml
grep -qF "error: oas2apigw check exited with status 2" "$output" \
    || { cat "$output" >&2; fail "the failed check did not report the tool's status 2"; }

log "took $(($(date +%s) - started)) s"
echo "test_plugin: $passed passed, 0 failed"
