#!/usr/bin/env bash
# Tests the hooks of .pre-commit-hooks.yaml for real: `pre-commit try-repo` runs this
# repository's hooks in a scratch git repository laid out as a user's is (specs/<case>/,
# golden/<case>/), on commits that touch one case, a stale case they do not touch, and no
# case at all, with oas2apigw-check-system and the tool on PATH; then the first of them with
# oas2apigw-check, which pre-commit builds from this repository with Swift (a release build
# of the package, the slow part of this script).
#
#   scripts/test_precommit.sh            both hooks
#   PRECOMMIT_HOOKS=system scripts/test_precommit.sh   only the one that needs no build
#
# pre-commit comes from PyPI into a virtual environment of its own under ~/.cache.
set -euo pipefail
cd "$(dirname "$0")/.."
repository=$(pwd)
log() { echo "test_precommit: $*" >&2; }
fail() { echo "test_precommit: FAILED: $*" >&2; exit 1; }
started=$(date +%s)

env_dir="${HOME}/.cache/oas2apigw/pre-commit"
if [ ! -x "$env_dir/bin/pre-commit" ]; then
    log "installing pre-commit with pip into $env_dir"
    mkdir -p "$(dirname "$env_dir")"
    python3 -m venv "$env_dir"
    "$env_dir/bin/pip" install --quiet pre-commit
fi
pre_commit="$env_dir/bin/pre-commit"

swift build --product oas2apigw >/dev/null
bin_dir=$(swift build --show-bin-path)

work=$(mktemp -d "${TMPDIR:-/tmp}/oas2apigw-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A cache of its own: the swift hook is built from this checkout, never from an old one.
export PRE_COMMIT_HOME="$work/cache"
scratch="$work/api"
mkdir -p "$scratch/specs" "$scratch/golden"
for name in petstore cors-minimal; do
    cp -R "specs/$name" "$scratch/specs/$name"
    cp -R "golden/$name" "$scratch/golden/$name"
done
cd "$scratch"
git init -q
git config user.email test@example.com
git config user.name test
echo "# an API" >README.md
git add -A
git commit -qm "the API as it is"

# Runs HOOK by try-repo on what is staged; prints pre-commit's output, returns its status.
try_hook() {
    local hook=$1 status=0
    "$pre_commit" try-repo "$repository" "$hook" >"$work/out" 2>&1 || status=$?
    cat "$work/out"
    return "$status"
}

hooks=(oas2apigw-check-system oas2apigw-check)
[ "${PRECOMMIT_HOOKS:-}" = system ] && hooks=(oas2apigw-check-system)
for hook in "${hooks[@]}"; do
    hook_started=$(date +%s)
    if [ "$hook" = oas2apigw-check-system ]; then path="$bin_dir:$PATH"; else path="$PATH"; fi
    export PATH="$path"

    # 1. A policy change without its goldens: the hook fails and shows the difference.
    sed -i 's#  - https://shop.example.com#  - https://shop.example.com\n  - https://preview.example.com#' specs/petstore/cors.yaml
    git add specs/petstore/cors.yaml
    if try_hook "$hook" >"$work/run1"; then cat "$work/run1"; fail "$hook passed a policy change whose goldens were not updated"; fi
    grep -q "FAIL petstore" "$work/run1" || { cat "$work/run1"; fail "$hook did not name the case that differs"; }
    grep -q "https://preview.example.com" "$work/run1" || { cat "$work/run1"; fail "$hook did not print the diff"; }
    grep -q "cors-minimal" "$work/run1" && { cat "$work/run1"; fail "$hook checked a case the commit does not touch"; }

    # try-repo builds the swift hook anew on every run (a release build of the package), so
    # it runs this first scenario only; the two hooks differ in nothing else.
    if [ "$hook" = oas2apigw-check ]; then
        git reset -q --hard "$(git rev-list --max-parents=0 HEAD)"
        log "$hook: ok ($(($(date +%s) - hook_started)) s)"
        continue
    fi

    # 2. The goldens updated beside it: the hook passes, though another case is stale
    #    (committed before the hook was installed), because the commit does not touch it.
    "$bin_dir/oas2apigw" check --cases specs --golden golden --update specs/petstore/cors.yaml >/dev/null 2>&1
    git add -A
    echo "# stale" >>golden/cors-minimal/openapi.yaml
    git -c core.hooksPath=/dev/null commit -qm "a stale golden" golden/cors-minimal/openapi.yaml
    try_hook "$hook" >"$work/run2" || { cat "$work/run2"; fail "$hook failed a commit whose case matches its goldens"; }
    grep -q "Passed" "$work/run2" || { cat "$work/run2"; fail "$hook did not run on the touched case"; }

    # 3. A commit that touches no case: pre-commit skips the hook.
    git -c core.hooksPath=/dev/null commit -qm "the policy change"
    echo "more" >>README.md
    git add README.md
    try_hook "$hook" >"$work/run3" || { cat "$work/run3"; fail "$hook failed a commit that touches no case"; }
    grep -q "Skipped" "$work/run3" || { cat "$work/run3"; fail "$hook ran on a commit that touches no case"; }

    # Back to the first commit for the next hook.
    git reset -q --hard "$(git rev-list --max-parents=0 HEAD)"
    log "$hook: ok ($(($(date +%s) - hook_started)) s)"
done
log "ok in $(($(date +%s) - started)) s"
