#!/usr/bin/env bash
# Usage: scripts/test_container.sh TARBALL [--specs DIR] [--golden FILE]
#
# Tests the image the Dockerfile makes from a release tarball (scripts/release.sh):
#   - the Dockerfile's ADD and COPY sources exist in a build context that .dockerignore admits,
#     and the tarball holds the path the final stage copies;
#   - with a container engine (`docker info` succeeds): the image is built, prints the
#     tarball's version and converts the pet store exactly as golden/ says, from a mounted /work;
#   - without one: the binary alone runs in an otherwise empty root with /proc mounted, which
#     is what a container runtime gives a FROM scratch image (unshare --root, as root).
# DIR holds openapi.yaml and cors.yaml (default specs/petstore), FILE the expected template
# (default golden/petstore/cloudformation.yaml). Exits 1 with FAILED: on any mismatch.
set -euo pipefail

fail() { echo "test_container: FAILED: $*" >&2; exit 1; }
say() { echo "test_container: $*" >&2; }

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tarball=""
specs=$top/specs/petstore
golden=$top/golden/petstore/cloudformation.yaml
while [ $# -gt 0 ]; do
    case "$1" in
        --specs) specs=$2; shift 2 ;;
        --golden) golden=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        -*) fail "unknown option '$1'" ;;
        *) tarball=$1; shift ;;
    esac
done
[ -f "$tarball" ] || fail "give the release tarball to test (scripts/release.sh prints its path)"
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")
name=$(basename "$tarball" .tar.gz)
version=${name#oas2apigw-}
version=${version%-linux-x86_64}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The build context exactly as `docker build .` would see it from the repository's top.
context=$work/context
mkdir -p "$context/dist"
cp "$top/Dockerfile" "$top/.dockerignore" "$context/"
cp "$tarball" "$context/dist/"

# .dockerignore read the way Docker reads it for these simple patterns: the last pattern that
# matches a path decides, and a leading ! admits.
admitted() {
    local path=$1 verdict=yes line pattern
    while IFS= read -r line; do
        case "$line" in ''|'#'*) continue ;; esac
        pattern=${line#!}
        # shellcheck disable=SC2053 # the pattern is a glob on purpose
        if [[ $path == $pattern ]]; then
            if [ "${line:0:1}" = '!' ]; then verdict=yes; else verdict=no; fi
        fi
    done <"$context/.dockerignore"
    [ "$verdict" = yes ]
}
for kept_out in .build/debug/oas2apigw .build-release/scratch/x Sources/oas2apigw/OAS2APIGW.swift .git/HEAD; do
    ! admitted "$kept_out" || fail ".dockerignore lets $kept_out into the build context"
done
while read -r instruction rest; do
    case "$rest" in --from=*) continue ;; esac
    source=${rest%% *}
    source=${source//\$\{VERSION\}/$version}
    [ -e "$context/$source" ] || fail "the Dockerfile's $instruction source $source is not in the build context"
    admitted "$source" || fail ".dockerignore keeps the Dockerfile's $instruction source $source out of the context"
    say "Dockerfile $instruction source $source: present and admitted"
done < <(grep -E '^(ADD|COPY) ' "$context/Dockerfile")
copied=$(sed -n 's/^COPY --from=unpacked \([^ ]*\) .*/\1/p' "$context/Dockerfile")
copied=${copied//\$\{VERSION\}/$version}
tar -tzf "$tarball" | grep -x "${copied#/}" >/dev/null || fail "the tarball holds no ${copied#/}, which the Dockerfile copies"

mkdir -p "$work/case"
cp "$specs/openapi.yaml" "$specs/cors.yaml" "$work/case/"

if engine=$(docker info 2>&1); then
    image=oas2apigw-test:$version
    started=$SECONDS
    docker build --quiet --build-arg "VERSION=$version" -t "$image" "$context" >/dev/null || fail "docker build failed"
    say "image built in $((SECONDS - started)) s, $(docker image inspect -f '{{.Size}}' "$image") bytes"
    printed=$(docker run --rm "$image" --version)
    [ "$printed" = "$version" ] || { docker rmi -f "$image" >/dev/null; fail "the image prints version '$printed', not '$version'"; }
    docker run --rm -v "$work/case:/work" "$image" convert openapi.yaml --cors cors.yaml -o cloudformation.yaml
    docker rmi -f "$image" >/dev/null
    cmp -s "$work/case/cloudformation.yaml" "$golden" \
        || { diff -u "$golden" "$work/case/cloudformation.yaml" | head -n 40 >&2 || true; fail "the image's template differs from $golden"; }
    say "the image prints $version and converts the pet store as golden/ says"
    exit 0
fi
say "image build skipped: no container engine here (docker info: $(printf '%s\n' "$engine" | grep -m 1 -i 'cannot\|error' || echo 'failed'))"

# What a FROM scratch image holds: the binary at /, the mounted folder at /work, and the /proc
# every container runtime mounts. The Swift runtime reads /proc at startup; without it the
# binary aborts with "Unable to obtain Swift runtime path", shown below for the record.
root=$work/root
mkdir -p "$root/work" "$root/proc"
tar -xzf "$tarball" -C "$work" "${copied#/}"
cp "$work/${copied#/}" "$root/oas2apigw"
cp "$work/case/openapi.yaml" "$work/case/cors.yaml" "$root/work/"
if [ "$(id -u)" != 0 ] || ! unshare --mount --pid --fork --root="$root" --mount-proc=/proc --wd=/work /oas2apigw --help >/dev/null 2>&1; then
    say "empty-root run skipped: it needs root and unshare --root (util-linux 2.36 or later)"
    exit 0
fi
in_root() { unshare --mount --pid --fork --root="$root" --mount-proc=/proc --wd=/work "$@"; }
printed=$(in_root /oas2apigw --version)
[ "$printed" = "$version" ] || fail "in an empty root the binary prints version '$printed', not '$version'"
in_root /oas2apigw convert openapi.yaml --cors cors.yaml -o cloudformation.yaml 2>/dev/null \
    || fail "in an empty root the binary could not convert the pet store"
cmp -s "$root/work/cloudformation.yaml" "$golden" \
    || { diff -u "$golden" "$root/work/cloudformation.yaml" | head -n 40 >&2 || true; fail "the template written in an empty root differs from $golden"; }
say "in an empty root holding only /oas2apigw, /work and /proc: prints $version, converts the pet store as golden/ says"
say "image-equivalent size (the stripped binary alone): $(stat -c %s "$root/oas2apigw") bytes"
without_proc=$(chroot "$root" /oas2apigw --version 2>&1) && status=0 || status=$?
say "for the record, without /proc (chroot): exit $status, $(printf '%s\n' "$without_proc" | head -n 1)"
