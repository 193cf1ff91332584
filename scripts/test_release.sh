#!/usr/bin/env bash
# Usage: scripts/test_release.sh
#
# Tests a release the way a user meets it. HEAD is cloned into a temporary folder and tagged
# there v0.0.0-test (the repository itself gets no tag), scripts/release.sh packs it, and the
# tarball is then:
#   - checked against its .sha256 with sha256sum -c (and a changed copy must fail the check);
#   - unpacked in an empty folder, which must hold one folder with the documented files;
#   - run with no environment and an empty PATH: --version must print 0.0.0-test, and
#     converting copies of specs/petstore/{openapi,cors}.yaml must give
#     golden/petstore/cloudformation.yaml byte for byte;
#   - its man pages must render and its completion scripts must parse in their shells (zsh and
#     fish installed from Debian when missing), bash offering a subcommand and fish an option;
#   - handed to scripts/test_container.sh (the Dockerfile and the empty-root run).
# Before the build, the refusals of release.sh are checked: aarch64, and an untagged commit
# without --version. The build reuses .build-release/, so a second run is incremental.
# Uncommitted changes are not tested: the release is built from the commit.
# Exits 1 with FAILED: on any mismatch; prints how long each step took.
set -euo pipefail

fail() { echo "test_release: FAILED: $*" >&2; exit 1; }
say() { echo "test_release: $*" >&2; }

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
release=$top/scripts/release.sh
version=0.0.0-test
name=oas2apigw-$version-linux-x86_64
started=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] \
    || say "note: the working tree has uncommitted changes; the release tested is HEAD's commit without them"

# A clone shares the repository's objects, so it costs a checkout; its tag stays in it.
git clone --quiet --shared --no-checkout "$top" "$work/clone"
git -C "$work/clone" checkout --quiet --detach "$(git -C "$top" rev-parse HEAD)"

# Refusals come before any build, so they cost nothing to check.
expect_refusal() {
    local expected=$1 output status
    shift
    output=$("$release" "$@" 2>&1) && status=0 || status=$?
    [ "$status" = 64 ] || fail "release.sh $* exited $status, not 64: $output"
    [[ "$output" == *"$expected"* ]] || fail "release.sh $* did not say '$expected': $output"
    say "release.sh $* refused: ${output#release: }"
}
expect_refusal "Static Linux SDK" --repo "$work/clone" --arch aarch64 --version "$version"
expect_refusal "carries no vX.Y.Z tag" --repo "$work/clone" --output "$work/never"
git -C "$work/clone" tag "v$version"
expect_refusal "disagrees with the commit's tag" --repo "$work/clone" --version 9.9.9 --output "$work/never"
[ ! -e "$work/never" ] || fail "a refused release wrote $work/never"

step=$SECONDS
"$release" --repo "$work/clone" --build-dir "$top/.build-release" --output "$work/dist" >/dev/null \
    || fail "release.sh failed"
say "release.sh packed $name in $((SECONDS - step)) s"
tarball=$work/dist/$name.tar.gz
[ -f "$tarball" ] && [ -f "$tarball.sha256" ] || fail "release.sh did not write $tarball and its .sha256"

step=$SECONDS
(cd "$work/dist" && sha256sum --quiet -c "$name.tar.gz.sha256") || fail "the checksum does not match the tarball"
grep -qx "[0-9a-f]\{64\}  $name.tar.gz" "$tarball.sha256" || fail "$name.tar.gz.sha256 is not in sha256sum's format: $(cat "$tarball.sha256")"
mkdir "$work/changed"
cp "$tarball" "$tarball.sha256" "$work/changed/"
printf x >>"$work/changed/$name.tar.gz"
! (cd "$work/changed" && sha256sum --quiet -c "$name.tar.gz.sha256" >/dev/null 2>&1) \
    || fail "sha256sum -c accepted a changed tarball"

clean=$work/clean
mkdir "$clean"
tar -xzf "$tarball" -C "$clean"
[ "$(ls -A "$clean")" = "$name" ] || fail "the tarball does not hold exactly one folder $name: $(ls -A "$clean" | tr '\n' ' ')"
package=$clean/$name
for file in bin/oas2apigw README share/man/man1/oas2apigw.1 share/man/man1/oas2apigw.convert.1 \
    share/bash-completion/completions/oas2apigw share/zsh/site-functions/_oas2apigw \
    share/fish/vendor_completions.d/oas2apigw.fish; do
    [ -s "$package/$file" ] || fail "the tarball has no $name/$file"
done
[ -x "$package/bin/oas2apigw" ] || fail "bin/oas2apigw is not executable"
say "checksum, layout: $((SECONDS - step)) s"

# No environment and no PATH: nothing of the toolchain or the build can be found.
step=$SECONDS
run() { env -i PATH= "$package/bin/oas2apigw" "$@"; }
printed=$(run --version)
[ "$printed" = "$version" ] || fail "bin/oas2apigw --version prints '$printed', not '$version'"
mkdir "$clean/petstore"
cp "$work/clone/specs/petstore/openapi.yaml" "$work/clone/specs/petstore/cors.yaml" "$clean/petstore/"
golden=$work/clone/golden/petstore/cloudformation.yaml
(cd "$clean/petstore" && run convert openapi.yaml --cors cors.yaml -o cloudformation.yaml 2>/dev/null) \
    || fail "bin/oas2apigw convert failed on the pet store"
cmp -s "$clean/petstore/cloudformation.yaml" "$golden" \
    || { diff -u "$golden" "$clean/petstore/cloudformation.yaml" | head -n 40 >&2 || true; fail "the packed binary's template differs from golden/petstore/cloudformation.yaml"; }
say "packed binary under env -i PATH=: prints $version, converts the pet store as golden/ says ($((SECONDS - step)) s)"

# generate-manual writes mdoc (.Dd/.Dt); a man page may also be classic man (.TH).
step=$SECONDS
for page in "$package"/share/man/man1/*.1; do
    grep -q '^\.\(Dt\|TH\) ' "$page" || fail "$(basename "$page") is no man page (no .Dt or .TH)"
    if command -v man >/dev/null; then
        rendered=$(MANWIDTH=80 man -l "$page" 2>/dev/null) || fail "man -l cannot render $(basename "$page")"
    elif command -v groff >/dev/null; then
        rendered=$(groff -mandoc -Tutf8 "$page" 2>/dev/null) || fail "groff cannot render $(basename "$page")"
    else
        rendered=NAME
    fi
    [[ "$rendered" == *NAME* ]] || fail "$(basename "$page") renders without a NAME section"
done
say "$(ls "$package/share/man/man1" | wc -l) man pages render$(command -v man >/dev/null || echo ' (not rendered: no man or groff)')"
bash -n "$package/share/bash-completion/completions/oas2apigw" || fail "the bash completion does not parse"
# zsh and fish from Debian, so that every completion script is read by its own shell.
missing_shells=()
for shell in zsh fish; do command -v $shell >/dev/null || missing_shells+=($shell); done
if [ ${#missing_shells[@]} -gt 0 ]; then
    say "installing ${missing_shells[*]} with apt-get to check their completions"
    (source "$top/scripts/apt_install.sh" && apt_install "${missing_shells[@]}") || say "could not install ${missing_shells[*]}"
fi
# Beyond parsing: the shells complete a subcommand and one of its options from the scripts.
offered=$(bash -c 'source "$1"; COMP_WORDS=(oas2apigw con); COMP_CWORD=1; COMP_LINE="oas2apigw con"; COMP_POINT=13; _oas2apigw; echo "${COMPREPLY[*]}"' _ \
    "$package/share/bash-completion/completions/oas2apigw")
[[ " $offered " == *" convert "* ]] || fail "bash does not offer convert for 'oas2apigw con' (offered: $offered)"
if command -v fish >/dev/null; then
    offered=$(fish -c 'source $argv[1]; complete -C "oas2apigw check --sum"' "$package/share/fish/vendor_completions.d/oas2apigw.fish")
    [[ "$offered" == --summary* ]] || fail "fish does not offer --summary for 'oas2apigw check --sum' (offered: $offered)"
fi
checked=bash
for shell in zsh fish; do
    case $shell in zsh) script=$package/share/zsh/site-functions/_oas2apigw ;; fish) script=$package/share/fish/vendor_completions.d/oas2apigw.fish ;; esac
    if command -v $shell >/dev/null; then
        $shell -n "$script" || fail "the $shell completion does not parse"
        checked="$checked, $shell"
    else
        say "$shell completion not parsed: $shell is not installed"
    fi
done
say "completions parse: $checked ($((SECONDS - step)) s)"

"$top/scripts/test_container.sh" "$tarball" --specs "$work/clone/specs/petstore" --golden "$golden" \
    || fail "scripts/test_container.sh failed"
say "sizes: stripped binary $(stat -c %s "$package/bin/oas2apigw") bytes, tarball $(stat -c %s "$tarball") bytes"
say "passed in $((SECONDS - started)) s"
