#!/usr/bin/env bash
# The Action's second step: runs `oas2apigw check` or `convert` with the inputs, problems
# as GitHub annotations (--diagnostics-format github). For `check`, the Markdown summary of
# how each path's CORS answer changes goes to GITHUB_STEP_SUMMARY, compared with the golden
# files of the base branch (a pull request's, or `base`) when git has them.
#
# Environment: INPUT_COMMAND, INPUT_CASES, INPUT_GOLDEN, INPUT_SPEC, INPUT_CORS,
# INPUT_OUTPUT, INPUT_ARGS, INPUT_SUMMARY, INPUT_BASE (from action.yml); RUNNER_TEMP,
# GITHUB_STEP_SUMMARY, GITHUB_BASE_REF, GITHUB_WORKSPACE as the runner sets them.
set -euo pipefail

problem() {
    echo "::error title=oas2apigw::$*"
    exit 2
}

command=${INPUT_COMMAND:-check}
golden=${INPUT_GOLDEN:-golden}
extra=()
[ -n "${INPUT_ARGS:-}" ] && read -r -a extra <<<"$INPUT_ARGS"
arguments=()
summary=""

# The golden files at `ref`, unpacked into a folder of their own; prints that folder's copy
# of $golden, or nothing when git cannot give them (a shallow clone without the base).
golden_at() {
    local ref=$1 revision="" into="${RUNNER_TEMP:?}/oas2apigw-base"
    for candidate in "origin/$ref" "$ref"; do
        if git rev-parse --verify --quiet "$candidate^{commit}" >/dev/null; then
            revision=$candidate
            break
        fi
    done
    if [ -z "$revision" ] && git fetch --quiet --no-tags --depth=1 origin "$ref" 2>/dev/null; then
        revision=FETCH_HEAD
    fi
    [ -n "$revision" ] || return 0
    rm -rf "$into"
    mkdir -p "$into"
    # A base without the golden files (they are new) compares with nothing: every path new.
    if git archive "$revision" -- "$golden" 2>/dev/null | tar -x -C "$into" 2>/dev/null; then :; fi
    echo "$into/$golden"
}

case "$command" in
check)
    if [ -n "${INPUT_SPEC:-}" ]; then
        arguments=(check "$INPUT_SPEC" --golden "$golden")
        [ -n "${INPUT_CORS:-}" ] && arguments+=(--cors "$INPUT_CORS")
    else
        arguments=(check --cases "${INPUT_CASES:-specs}" --golden "$golden")
    fi
    if [ "${INPUT_SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        summary="${RUNNER_TEMP:?}/oas2apigw-summary.md"
        rm -f "$summary"
        arguments+=(--summary "$summary")
        base=${INPUT_BASE:-${GITHUB_BASE_REF:-}}
        if [ -n "$base" ]; then
            before=$(golden_at "$base")
            if [ -n "$before" ]; then
                arguments+=(--before "$before")
            else
                echo "::warning title=oas2apigw::cannot read $golden at $base (fetch it, or check out with fetch-depth: 0); the summary compares with the golden files as they are"
            fi
        fi
    fi
    ;;
convert)
    [ -n "${INPUT_SPEC:-}" ] || problem "convert needs the spec input"
    arguments=(convert "$INPUT_SPEC")
    [ -n "${INPUT_CORS:-}" ] && arguments+=(--cors "$INPUT_CORS")
    [ -n "${INPUT_OUTPUT:-}" ] && arguments+=(-o "$INPUT_OUTPUT")
    ;;
*)
    problem "command is check or convert, not '$command'"
    ;;
esac

arguments+=("${extra[@]}" --diagnostics-format github)
echo "oas2apigw ${arguments[*]}"
status=0
oas2apigw "${arguments[@]}" || status=$?
if [ -n "$summary" ] && [ -s "$summary" ]; then
    cat "$summary" >>"$GITHUB_STEP_SUMMARY"
fi
exit "$status"
