#!/usr/bin/env bash
# Rebuilds the corpus of real-world OpenAPI documents that the sweep runs against. The corpus
# stays outside the repository (licences vary); docs/real-world-sources.tsv says where each
# document comes from, at which commit, and how to cut it out.
#
#   scripts/corpus.sh [FOLDER] [SOURCES]
#
#   FOLDER   where the corpus goes (default /work/corpus); rows already there are rewritten,
#            and SOURCES is copied in as FOLDER/SOURCES.tsv
#   SOURCES  the sources table (default docs/real-world-sources.tsv in this repository)
#
# Environment:
#   CORPUS_CACHE        where repositories are fetched to, one blobless bare clone each, holding
#                       only the commits the table names (default
#                       ${XDG_CACHE_HOME:-$HOME/.cache}/oas2apigw/corpus)
#   CORPUS_GIT_BASE     where OWNER/NAME.git are fetched from (default https://github.com)
#   CORPUS_MIRROR_ROOT  read repositories from OWNER+NAME/repo (or OWNER+NAME/repo/.git) below
#                       this folder instead of fetching them; no network is used
#
# Each row's path_in_repository says how its document is made:
#   TEMPLATE#Resource[.Property]   the resource's DefinitionBody (or Body, or Property) taken
#                                  out of a SAM/CloudFormation template (corpus_files.py extract)
#   kind multi-file                the entry file and every file its relative $refs reach
#                                  (corpus_files.py multi)
#   anything else                  the file's bytes at that commit
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-/work/corpus}
sources=${2:-$here/../docs/real-world-sources.tsv}
cache=${CORPUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oas2apigw/corpus}
base=${CORPUS_GIT_BASE:-https://github.com}
mirrors=${CORPUS_MIRROR_ROOT:-}

[[ -f "$sources" ]] || { echo "corpus.sh: no sources table at $sources" >&2; exit 64; }
mkdir -p "$out"

# rows: the table's rows, without the header, with \037 between fields instead of tabs: a tab is
# IFS white space, so `read` would drop the empty fields between two tabs.
rows() { tail -n +2 "$sources" | tr '\t' '\037'; }

# git_dir REPO: the git directory REPO is read from.
git_dir() {
  if [[ -n "$mirrors" ]]; then
    local dir=$mirrors/${1/\//+}/repo
    [[ -d "$dir/.git" ]] && dir=$dir/.git
    echo "$dir"
  else
    echo "$cache/${1/\//+}.git"
  fi
}

# needs LOCAL_PATH PATH KIND: the path in the repository that a row reads from. A multi-file
# row reads the folder its files share: the entry's folder, less as many levels as LOCAL_PATH
# has below provider/name/ (so ../ references stay inside).
needs() {
  local local_path=$1 path=${2%%#*} kind=$3
  if [[ "$kind" != multi-file ]]; then
    echo "$path"
    return
  fi
  local below=${local_path#*/*/} folder
  folder=$(dirname "$path")
  while [[ "$below" == */* ]]; do
    below=${below#*/}
    folder=$(dirname "$folder")
  done
  echo "$folder"
}

# fetch_repo REPO COMMIT PATH…: makes COMMIT and the blobs under PATH… local, in two fetches. A
# blob the table's paths miss is still fetched, one at a time, when it is read.
fetch_repo() {
  local repo=$1 commit=$2 dir
  shift 2
  dir=$(git_dir "$repo")
  if [[ ! -d "$dir" ]]; then
    git init -q --bare "$dir"
    git --git-dir="$dir" remote add origin "$base/$repo.git"
    git --git-dir="$dir" config remote.origin.promisor true
    git --git-dir="$dir" config remote.origin.partialclonefilter blob:none
  fi
  # No `cat-file -e` first: in a blobless clone a missing commit is fetched with all its history.
  # fetch itself makes no transfer when the commit is already here.
  git --git-dir="$dir" fetch -q --no-tags --depth 1 --filter=blob:none origin "$commit" || return 1
  git --git-dir="$dir" ls-tree -r "$commit" -- "$@" | awk '$2 == "blob" { print $3 }' |
    git --git-dir="$dir" fetch -q --no-tags --no-write-fetch-head --filter=blob:none --stdin origin
}

declare -A unfetched=()
if [[ -z "$mirrors" ]]; then
  mkdir -p "$cache"
  # One fetch for each repository and commit, of every path its rows need.
  while IFS=$'\x1f' read -r repo commit paths; do
    IFS=$'\x1f' read -r -a paths <<<"$paths"
    fetch_repo "$repo" "$commit" "${paths[@]}" || unfetched["$repo $commit"]=1
  done < <(
    while IFS=$'\x1f' read -r local_path provider repo commit path version bytes kind notes; do
      printf '%s\037%s\t%s\n' "$repo" "$commit" "$(needs "$local_path" "$path" "$kind")"
    done < <(rows) | sort -u | awk -F'\t' '
      $1 != key { if (key != "") print key "\037" list; key = $1; list = $2; next }
      { list = list "\037" $2 }
      END { if (key != "") print key "\037" list }'
  )
fi

failed=0 count=0
while IFS=$'\x1f' read -r local_path provider repo commit path version bytes kind notes; do
  count=$((count + 1))
  target=$out/$local_path
  dir=$(git_dir "$repo")
  mkdir -p "$(dirname "$target")"
  if [[ -n "${unfetched["$repo $commit"]:-}" ]] ||
    ! GIT_NO_LAZY_FETCH=1 git --git-dir="$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "corpus.sh: $local_path: could not fetch $commit of $repo" >&2
    failed=$((failed + 1))
  elif [[ "$path" == *"#"* ]]; then
    python3 "$here/corpus_files.py" extract "$dir" "$commit" "$path" "$target" || failed=$((failed + 1))
  elif [[ "$kind" == multi-file ]]; then
    python3 "$here/corpus_files.py" multi "$dir" "$commit" "$path" "$target" || failed=$((failed + 1))
  elif git --git-dir="$dir" cat-file blob "$commit:$path" >"$target.part"; then
    mv "$target.part" "$target"
    size=$(stat -c %s "$target")
    [[ -z "$bytes" || "$bytes" == "$size" ]] ||
      echo "corpus.sh: $local_path has $size bytes, the table says $bytes" >&2
  else
    rm -f "$target.part"
    failed=$((failed + 1))
  fi
done < <(rows)

[[ "$sources" -ef "$out/SOURCES.tsv" ]] || cp "$sources" "$out/SOURCES.tsv"
echo "corpus.sh: $((count - failed)) of $count documents in $out" >&2
[[ "$failed" -eq 0 ]]
