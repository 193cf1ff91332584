#!/usr/bin/env bash
# Tests the GitHub Action (action.yml) by running its steps as a runner does
# (Tests/Action/run_composite.py: the runner's variables, the inputs, GITHUB_PATH between
# steps) in a scratch repository with a pull request's history: a base branch `main` and a
# branch that lets a new origin call the pet store. The release it installs is one made by
# scripts/release.sh, downloaded from a file:// URL in place of GitHub's.
#
#   scripts/test_action.sh                   makes the release first
#   OAS2APIGW_DIST=dist OAS2APIGW_VERSION=1.2.3 scripts/test_action.sh   uses one already made
set -euo pipefail
cd "$(dirname "$0")/.."
repository=$(pwd)
log() { echo "test_action: $*" >&2; }
fail() { echo "test_action: FAILED: $*" >&2; exit 1; }
started=$(date +%s)

work=$(mktemp -d "${TMPDIR:-/tmp}/oas2apigw-action.XXXXXX")
trap 'rm -rf "$work"' EXIT
version=${OAS2APIGW_VERSION:-0.0.0-test}
dist=${OAS2APIGW_DIST:-}
if [ -z "$dist" ]; then
    dist="$work/dist"
    # The action is what is tested here, so a working tree with changes is packed too.
    scripts/release.sh --version "$version" --output "$dist" --allow-dirty >&2
fi
dist=$(cd "$dist" && pwd)
name="oas2apigw-${version}-linux-x86_64"
[ -f "$dist/$name.tar.gz" ] || fail "no $dist/$name.tar.gz"

# The user's repository: the pet store case on main, and a pull request's branch.
workspace="$work/workspace"
mkdir -p "$workspace/specs" "$workspace/golden"
cp -R specs/petstore "$workspace/specs/petstore"
cp -R golden/petstore "$workspace/golden/petstore"
cd "$workspace"
git init -q -b main
git config user.email test@example.com
git config user.name test
git add -A
git commit -qm "the pet store"
git checkout -q -b preview-origin
sed -i 's#  - https://shop.example.com#  - https://shop.example.com\n  - https://preview.example.com#' specs/petstore/cors.yaml
git commit -qam "let the preview site call the API (goldens not updated yet)"
cd "$repository"

# Runs the action with INPUTS (name=value) in the workspace, with a runner folder of its
# own; prints what the steps printed and returns their status.
run_action() {
    local runner="$work/runner-$1"
    shift
    python3 Tests/Action/run_composite.py "$repository" "$workspace" "$runner" \
        "release-url=file://$dist" github.action_repository=example/oas2apigw "github.action_ref=v$version" "$@"
}
summary_of() { cat "$work/runner-$1/_runner_summary"; }

# 1. The pull request changes the policy and not the goldens: check fails, with an
#    annotation at the first line that differs, and the summary tells what the change does.
status=0
run_action stale github.event_name=pull_request github.base_ref=main >"$work/out1" 2>&1 || status=$?
[ "$status" = 1 ] || { cat "$work/out1"; fail "check on stale goldens ended $status, not 1"; }
grep -q "installed oas2apigw $version from file://$dist (SHA-256 checked)" "$work/out1" || { cat "$work/out1"; fail "no install line"; }
grep -q "^::error file=golden/petstore/cloudformation.yaml,line=[0-9]*,col=1,title=GOLD003::" "$work/out1" ||
    { cat "$work/out1"; fail "no GOLD003 annotation"; }
summary_of stale | grep -qF -- '- `/pets` is now callable from https://preview.example.com' ||
    { summary_of stale; fail "the summary does not say who may now call /pets"; }

# 2. The goldens updated in the same pull request: check passes, and against the base
#    branch's goldens the summary still tells the change.
cd "$workspace"
"$work/runner-stale/oas2apigw-$version/$name/bin/oas2apigw" check --cases specs --golden golden --update >/dev/null 2>&1
git commit -qam "update the goldens"
cd "$repository"
run_action updated github.event_name=pull_request github.base_ref=main >"$work/out2" 2>&1 || { cat "$work/out2"; fail "check failed on updated goldens"; }
grep -q -- "--before $work/runner-updated/oas2apigw-base/golden" "$work/out2" || { cat "$work/out2"; fail "the base branch's goldens were not used"; }
summary_of updated | grep -qF -- '- `/pets/{petId}` is now callable from https://preview.example.com' ||
    { summary_of updated; fail "the summary against main does not tell the change"; }
grep -q "::error" "$work/out2" && { cat "$work/out2"; fail "annotations on a passing check"; }
# Without a base (a push), the goldens are the before side: nothing changed.
run_action push github.event_name=push >"$work/out3" 2>&1 || { cat "$work/out3"; fail "check failed on a push"; }
summary_of push | grep -q "No path's CORS answer changed: 1 output compared with \`golden\`." || { summary_of push; fail "the push summary"; }

# 3. convert writes the template the golden holds.
run_action convert command=convert spec=specs/petstore/openapi.yaml cors=specs/petstore/cors.yaml output=out/template.yaml \
    >"$work/out4" 2>&1 || { cat "$work/out4"; fail "convert failed"; }
cmp -s "$workspace/out/template.yaml" "$workspace/golden/petstore/cloudformation.yaml" || fail "convert wrote another template than the golden"

# 4. A tarball that does not match its checksum is not installed, and nothing runs.
cp -R "$dist" "$work/tampered"
printf 'x' >>"$work/tampered/$name.tar.gz"
status=0
run_action tampered "release-url=file://$work/tampered" >"$work/out5" 2>&1 || status=$?
[ "$status" = 1 ] || { cat "$work/out5"; fail "a tampered tarball ended $status, not 1"; }
grep -q "::error title=oas2apigw install::$name.tar.gz does not match its SHA-256" "$work/out5" || { cat "$work/out5"; fail "no checksum annotation"; }
grep -q "^oas2apigw check" "$work/out5" && { cat "$work/out5"; fail "check ran after a failed install"; }

# 5. An action used at a branch, with no version: a clear error.
status=0
run_action unpinned github.action_ref=main >"$work/out6" 2>&1 || status=$?
[ "$status" = 1 ] && grep -q "no version to install: use the action at a release tag" "$work/out6" ||
    { cat "$work/out6"; fail "an unpinned action without version"; }

# 6. The sample workflow passes only inputs the action declares.
python3 - "$repository" <<'PY' || fail "docs/workflows/oas2apigw.yml uses inputs action.yml lacks"
import sys, yaml
root = sys.argv[1]
declared = set(yaml.safe_load(open(f"{root}/action.yml"))["inputs"])
workflow = yaml.safe_load(open(f"{root}/docs/workflows/oas2apigw.yml"))
steps = [s for job in workflow["jobs"].values() for s in job["steps"] if "/oas2apigw@" in s.get("uses", "")]
assert steps, "the sample workflow does not use the action"
for step in steps:
    unknown = set(step.get("with", {})) - declared
    assert not unknown, unknown
PY

log "ok in $(($(date +%s) - started)) s"
