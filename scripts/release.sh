#!/usr/bin/env bash
# Usage: scripts/release.sh [options]
#
# Builds the release tarball of oas2apigw for Linux x86_64 from a commit, not from the working
# tree: the commit is taken with `git archive` into a staging copy, whose version line
# (Sources/oas2apigw/OAS2APIGW+Version.swift) is rewritten there and nowhere else. The staged
# build is the release configuration, which links one static executable (Package.swift); it is
# stripped and packed with its man pages and shell completions as
#
#   DIR/oas2apigw-VERSION-linux-x86_64.tar.gz          one folder oas2apigw-VERSION-linux-x86_64/
#   DIR/oas2apigw-VERSION-linux-x86_64.tar.gz.sha256   for `sha256sum -c`
#
# The version is the commit's tag: vX.Y.Z gives X.Y.Z. An untagged commit needs --version.
#
# Options:
#   --version X.Y.Z   the version to print and name the files by; required when the commit
#                     carries no vX.Y.Z tag, and must agree with the tag when it does
#   --ref REF         the commit to release (default: HEAD)
#   --output DIR      where the tarball and its checksum go (default: dist/ in the repository)
#   --arch ARCH       x86_64 only (the default); aarch64 is refused, see docs/install.md
#   --repo DIR        the repository to release (default: the one holding this script)
#   --build-dir DIR   the staging copy and the build folder, kept between runs so a second
#                     release builds only what changed (default: .build-release/ in the repo)
#   --allow-dirty     release HEAD although the working tree has uncommitted changes (they
#                     are not in the release either way: it is built from the commit)
#   -h, --help        print this text
#
# Exit codes: 0 packed, 1 the build or a check of the packed binary failed, 64 usage or a
# refusal (no version, dirty tree, unsupported architecture).
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }
refuse() { echo "release: $*" >&2; exit 64; }
fail() { echo "release: FAILED: $*" >&2; exit 1; }
say() { echo "release: $*" >&2; }

version=""
ref=HEAD
output=""
arch=x86_64
repo=""
build_dir=""
allow_dirty=false
while [ $# -gt 0 ]; do
    case "$1" in
        --version) [ $# -ge 2 ] || refuse "--version needs a value"; version=$2; shift 2 ;;
        --ref) [ $# -ge 2 ] || refuse "--ref needs a value"; ref=$2; shift 2 ;;
        --output) [ $# -ge 2 ] || refuse "--output needs a value"; output=$2; shift 2 ;;
        --arch) [ $# -ge 2 ] || refuse "--arch needs a value"; arch=$2; shift 2 ;;
        --repo) [ $# -ge 2 ] || refuse "--repo needs a value"; repo=$2; shift 2 ;;
        --build-dir) [ $# -ge 2 ] || refuse "--build-dir needs a value"; build_dir=$2; shift 2 ;;
        --allow-dirty) allow_dirty=true; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; refuse "unknown argument '$1'" ;;
    esac
done

case "$arch" in
    x86_64) ;;
    aarch64|arm64)
        # A static aarch64 build on this x86_64 host is a cross build: it needs the Static Linux
        # SDK (musl) of exactly this compiler's version, and libyaml built for aarch64-musl,
        # since the static link takes libyaml.a from the host's x86_64 library folder.
        refuse "--arch $arch is not supported: cross-compiling needs the Static Linux SDK for" \
            "Swift $(swift --version 2>&1 | sed -n 's/.*Swift version \([0-9.]*\).*/\1/p' | head -n 1)" \
            "(swift sdk install <the static-linux artifact bundle from swift.org>, then" \
            "swift build --swift-sdk aarch64-swift-linux-musl) and a libyaml.a built for aarch64-musl;" \
            "'swift sdk list' shows what is installed here: $(swift sdk list 2>/dev/null | tr '\n' ' ' | sed 's/ *$//' | grep . || echo nothing)" ;;
    *) refuse "--arch $arch is not supported (x86_64 only)" ;;
esac
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || refuse "this script builds on the host, which must be Linux x86_64, not $(uname -s)-$(uname -m)"

repo=$(git -C "${repo:-$(dirname "${BASH_SOURCE[0]}")}" rev-parse --show-toplevel) || refuse "no git repository at ${repo:-$(dirname "${BASH_SOURCE[0]}")}"
output=${output:-$repo/dist}
build_dir=${build_dir:-$repo/.build-release}
commit=$(git -C "$repo" rev-parse --verify --quiet "$ref^{commit}") || refuse "'$ref' is no commit of $repo"

# The version: the commit's vX.Y.Z tag, or --version, and the two must not disagree.
semver='^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$'
tag=$(git -C "$repo" describe --tags --exact-match --match 'v[0-9]*' "$commit" 2>/dev/null || true)
if [ -z "$version" ]; then
    [ -n "$tag" ] || refuse "commit ${commit:0:12} carries no vX.Y.Z tag: tag it (git tag vX.Y.Z) or give --version X.Y.Z"
    version=${tag#v}
elif [ -n "$tag" ] && [ "${tag#v}" != "$version" ]; then
    refuse "--version $version disagrees with the commit's tag $tag"
fi
[[ "$version" =~ $semver ]] || refuse "'$version' is not a version of the form X.Y.Z or X.Y.Z-suffix"

# Uncommitted changes are not in a release built from the commit; refusing says so before
# someone ships a tarball they believe holds their fix.
if [ "$commit" = "$(git -C "$repo" rev-parse HEAD)" ] && ! $allow_dirty \
    && [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
    refuse "the working tree has uncommitted changes, which a release of commit ${commit:0:12} would not hold:" \
        "commit or stash them, or pass --allow-dirty"
fi

name=oas2apigw-$version-linux-$arch
commit_epoch=$(git -C "$repo" log -1 --format=%ct "$commit")
commit_day=$(date -u -d "@$commit_epoch" +%Y-%m-%d)
say "releasing $name from ${commit:0:12} (${tag:-untagged}, committed $commit_day)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$SECONDS

# The staging copy lives in the build folder, and only files whose bytes changed are copied
# over it, so unchanged sources keep their timestamps and the build after it is incremental.
stage=$build_dir/source
scratch=$build_dir/scratch
mkdir -p "$work/fresh" "$stage" "$scratch"
git -C "$repo" archive --format=tar "$commit" | tar -x -C "$work/fresh"
version_file=Sources/oas2apigw/OAS2APIGW+Version.swift
[ -f "$work/fresh/$version_file" ] || fail "commit ${commit:0:12} has no $version_file, which releases need to set the version"
version_line='^\( *static let version = \)"[^"]*"$'
[ "$(grep -c "$version_line" "$work/fresh/$version_file")" = 1 ] \
    || fail "$version_file must hold exactly one line 'static let version = \"…\"'"
sed -i "s/$version_line/\1\"$version\"/" "$work/fresh/$version_file"
(cd "$work/fresh" && find . -type f -print0) | while IFS= read -r -d '' file; do
    if ! cmp -s "$work/fresh/$file" "$stage/$file"; then
        mkdir -p "$(dirname "$stage/$file")"
        cp "$work/fresh/$file" "$stage/$file"
    fi
done
# Files the commit no longer has go too; Package.resolved is SwiftPM's own, kept so that
# every release from this folder resolves swift-argument-parser the same way.
(cd "$stage" && find . -type f ! -path ./Package.resolved -print0) | while IFS= read -r -d '' file; do
    [ -e "$work/fresh/$file" ] || rm -f "$stage/$file"
done
staged=$SECONDS

swift_build=(swift build -c release --package-path "$stage" --scratch-path "$scratch")
"${swift_build[@]}" --product oas2apigw >&2 || fail "swift build of oas2apigw failed"
# generate-manual is swift-argument-parser's tool behind its GenerateManual plugin; run here
# directly on the stripped binary, it needs no build of the whole package and writes where told.
"${swift_build[@]}" --product generate-manual >&2 || fail "swift build of generate-manual failed"
bin_path=$("${swift_build[@]}" --show-bin-path)
built=$SECONDS

binary=$bin_path/oas2apigw
# A static executable has no program interpreter: ldd says so, and file names it static.
ldd_says=$(ldd "$binary" 2>&1 || true)
case "$ldd_says" in
    *"not a dynamic executable"*) ;;
    *) fail "$binary is not static; ldd lists what it would load:"$'\n'"$ldd_says" ;;
esac
file_says=$(file -b "$binary")
case "$file_says" in
    *"statically linked"*|*"static-pie linked"*) ;;
    *) fail "$binary is not static; file says: $file_says" ;;
esac

root=$work/$name
mkdir -p "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
strip --strip-all -o "$root/bin/oas2apigw" "$binary"
chmod 0755 "$root/bin/oas2apigw"
printed=$("$root/bin/oas2apigw" --version)
[ "$printed" = "$version" ] || fail "the stripped binary prints version '$printed', not '$version'"

"$root/bin/oas2apigw" --generate-completion-script bash >"$root/share/bash-completion/completions/oas2apigw"
"$root/bin/oas2apigw" --generate-completion-script zsh >"$root/share/zsh/site-functions/_oas2apigw"
"$root/bin/oas2apigw" --generate-completion-script fish >"$root/share/fish/vendor_completions.d/oas2apigw.fish"
# One page per subcommand (oas2apigw.1, oas2apigw.convert.1, …), dated by the commit so that
# the pages of one commit are the same whenever they are made.
"$bin_path/generate-manual" "$root/bin/oas2apigw" --multi-page --date "$commit_day" \
    --output-directory "$root/share/man/man1" >&2 || fail "generate-manual failed"
ls "$root/share/man/man1"/oas2apigw.1 >/dev/null 2>&1 || fail "generate-manual wrote no oas2apigw.1"

# Both read their whole input: a reader that stops early would fail the pipe (pipefail).
argument_parser=$(awk -F '"' '/swift-argument-parser/ { found = 1 } found && $2 == "version" { print $4; exit }' "$stage/Package.resolved")
toolchain=$(swift --version 2>&1 | sed -n 's/.*\(Swift version [^ ]*\).*/\1/p')
cat >"$root/README" <<EOF
oas2apigw $version for Linux x86_64

Turns OpenAPI specs into Amazon API Gateway definitions (CloudFormation or OpenAPI with
x-amazon-apigateway extensions), with CORS done right.

Built from commit $commit (${tag:-untagged}) of $commit_day with $toolchain,
swift-argument-parser ${argument_parser:-(unknown)}. bin/oas2apigw is one static executable:
it needs no Swift toolchain and no shared library, and runs on any x86_64 Linux kernel.

Install under a prefix, e.g. /usr/local or ~/.local:

    cp -R bin share /usr/local/

or run bin/oas2apigw where it is. Then, with the prefix's share/ folder on the usual
search paths:

    man oas2apigw                    share/man/man1/oas2apigw.1; each subcommand has its
                                     own page: man oas2apigw.convert
    bash completion                  share/bash-completion/completions/oas2apigw
    zsh completion                   share/zsh/site-functions/_oas2apigw
    fish completion                  share/fish/vendor_completions.d/oas2apigw.fish

Start with: oas2apigw convert openapi.yaml --cors cors.yaml

Linked into the executable: the Swift runtime and standard library and Foundation Essentials
(Apache License 2.0 with Runtime Library Exception), swift-argument-parser (Apache License
2.0), libyaml (MIT) and the GNU C Library (LGPL 2.1 or later).
EOF

# The tarball is reproducible from the same binary: names sorted, every mtime the commit's,
# owner and group 0, modes normalised, GNU format (no pax access times), gzip without a name
# or time stamp. The binary itself is what the compiler and linker made of the staged copy;
# the same toolchain, staging path and resolved dependency give the same bytes, another
# toolchain or folder need not.
mkdir -p "$output"
tarball=$output/$name.tar.gz
(cd "$work" && LC_ALL=C tar --create --format=gnu --sort=name --mtime="@$commit_epoch" \
    --owner=0 --group=0 --numeric-owner --mode='u=rwX,go=rX' "$name") | gzip -9 -n >"$tarball.partial"
mv "$tarball.partial" "$tarball"
(cd "$output" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
packed=$SECONDS

size() { stat -c %s "$1"; }
say "packed $tarball"
say "  executable $(size "$binary") bytes, stripped $(size "$root/bin/oas2apigw") bytes, tarball $(size "$tarball") bytes"
say "  sha256 $(cut -d ' ' -f 1 "$tarball.sha256")"
say "  seconds: staging $((staged - started)), build $((built - staged)), pack $((packed - built)), total $((packed - started))"
echo "$tarball"
