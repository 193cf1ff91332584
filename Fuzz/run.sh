#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs them on a seed corpus made
# from specs/ (each spec alone, and each spec with its CORS policy after a NUL byte; for the
# policy target, each policy alone).
#
#   Fuzz/run.sh reader  SECONDS    the YAML/JSON readers and writers
#   Fuzz/run.sh convert SECONDS    the whole conversion, spec and policy in
#   Fuzz/run.sh definition SECONDS the readers of templates and exported documents, the
#                                  doctor and the preflight simulator
#   Fuzz/run.sh policy SECONDS     the CORS policy reader, its resolution and the origin
#                                  matcher (seeded with every specs/*/cors* policy alone)
#
# Crashes are written to Fuzz/crashes/ (not committed); turn each into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?reader, convert, definition or policy}"
seconds="${2:-60}"
scratch=.build-fuzz

case "$target" in
    reader) module=FuzzReader; objects=(FuzzReader YAML Diagnostics) ;;
    convert) module=FuzzConvert; objects=(FuzzConvert Convert CORS Plan Planning Render Spec Support YAML Diagnostics) ;;
    definition) module=FuzzDefinition; objects=(FuzzDefinition CORSDoctor Intake CORS Plan Planning Preflight Read Spec Support YAML Diagnostics) ;;
    policy) module=FuzzPolicy; objects=(FuzzPolicy CORS Support YAML Diagnostics) ;;
    *) echo "usage: Fuzz/run.sh reader|convert|definition|policy SECONDS" >&2; exit 64 ;;
esac

swift build --scratch-path "$scratch" --target "$module" -Xswiftc -sanitize=fuzzer,address >/dev/null
# The targets are libraries; libFuzzer's own main drives them, so they are linked here.
swiftc -sanitize=fuzzer,address -emit-executable \
    $(for o in "${objects[@]}"; do echo "$scratch/debug/$o.build/"*.o; done) \
    $(pkg-config --libs yaml-0.1) -o "$scratch/fuzz-$target" 2>&1 | grep -v "warning: Cannot export" || true

corpus="$scratch/corpus-$target"
rm -rf "$corpus"
mkdir -p "$corpus" Fuzz/crashes
if [ "$target" = definition ]; then
    # Hand-written definitions and every generated output: templates and exported documents.
    for file in specs/*/template.* specs/*/gateway.* golden/*/cloudformation.* golden/*/openapi.*; do
        [ -f "$file" ] && cp "$file" "$corpus/$(basename "$(dirname "$file")")-$(basename "$file")"
    done
fi
if [ "$target" = policy ]; then
    # The policies alone: a spec before them would only be read as a policy and refused.
    for policy in specs/*/cors*.yaml specs/*/cors*.json; do
        [ -f "$policy" ] && cp "$policy" "$corpus/$(basename "$(dirname "$policy")")-$(basename "$policy")"
    done
else
    for spec in specs/*/openapi.*; do
        folder=$(dirname "$spec")
        name=$(basename "$folder")
        cp "$spec" "$corpus/$name"
        for policy in "$folder"/cors.yaml "$folder"/cors.json; do
            [ -f "$policy" ] && { cat "$spec"; printf '\0'; cat "$policy"; } > "$corpus/$name-with-policy"
        done
    done
fi

# The Swift crash handler waits on a debugger under ASan; libFuzzer reports crashes itself.
SWIFT_BACKTRACE=enable=no "$scratch/fuzz-$target" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 "$corpus"
