#!/usr/bin/env python3
"""The file work of scripts/corpus.sh, reading a repository at one commit.

    corpus_files.py extract GIT_DIR COMMIT TEMPLATE#Resource[.Property] OUT
    corpus_files.py multi GIT_DIR COMMIT ENTRY OUT

extract: writes Properties.DefinitionBody (or the property named after the resource, such as
Body) of one resource of a CloudFormation or SAM template to OUT, as YAML (JSON when OUT ends in
.json). Short-form tags (!Sub, !Ref, !GetAtt, …) become the long form ({Fn::Sub: …}), so the
result is plain YAML that keeps what the template meant.

multi: copies ENTRY to OUT and every file it reaches through relative $refs (at any depth, in
any key, x- extensions too), each at the same place relative to OUT as it has relative to
ENTRY, so ../common/Error.yaml lands beside OUT's folder as it does in the repository. Only
what the spec needs is copied; referenced files that are not YAML or JSON (code samples) are
copied and not read.
"""

import json
import os
import posixpath
import subprocess
import sys

import yaml


# CloudFormation's short tags (`!Ref X`) read as their long forms, as the sweep reads them.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sweep import _TaggedLoader as TemplateLoader  # noqa: E402


class Blobs:
    """Files of one commit, through one `git cat-file --batch`."""

    def __init__(self, git_dir, commit):
        self.commit = commit
        self.process = subprocess.Popen(
            ["git", "--git-dir", git_dir, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def read(self, path):
        self.process.stdin.write(("%s:%s\n" % (self.commit, path)).encode())
        self.process.stdin.flush()
        header = self.process.stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return None
        data = self.process.stdout.read(int(header[2]))
        self.process.stdout.read(1)
        return data


def load(data, name):
    text = data.decode("utf-8-sig")
    if name.endswith(".json") or text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except ValueError:
            pass
    return yaml.load(text, Loader=TemplateLoader)


def references(node):
    """Every `$ref` string under node."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "$ref" and isinstance(value, str):
                    yield value
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def extract(git_dir, commit, where, out):
    template_path, _, resource = where.partition("#")
    resource, _, prop = resource.partition(".")
    data = Blobs(git_dir, commit).read(template_path)
    if data is None:
        return "%s is not in the repository at %s" % (template_path, commit)
    template = load(data, template_path)
    properties = (((template or {}).get("Resources") or {}).get(resource) or {}).get("Properties") or {}
    body = properties.get(prop) if prop else properties.get("DefinitionBody", properties.get("Body"))
    if not isinstance(body, dict):
        return "%s has no %s.%s" % (template_path, resource, prop or "DefinitionBody")
    with open(out, "w", encoding="utf-8") as handle:
        if out.endswith(".json"):
            json.dump(body, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        else:
            yaml.safe_dump(body, handle, sort_keys=False, allow_unicode=True, width=1 << 16)
    return None


def multi(git_dir, commit, entry, out):
    blobs = Blobs(git_dir, commit)
    base = posixpath.dirname(entry)
    out_base = os.path.dirname(out)
    queue, seen, missing = [entry], {entry}, []
    while queue:
        path = queue.pop()
        data = blobs.read(path)
        if data is None:
            missing.append(path)
            continue
        target = out if path == entry else os.path.normpath(os.path.join(out_base, posixpath.relpath(path, base)))
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
        if not path.endswith((".yaml", ".yml", ".json")):
            continue
        try:
            document = load(data, path)
        except Exception:
            continue  # a file the spec's own tools could not read either; the sweep will say so
        for ref in references(document):
            file_part = ref.split("#", 1)[0]
            if not file_part or "://" in file_part:
                continue
            reached = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part))
            if reached not in seen and not reached.startswith("../"):
                seen.add(reached)
                queue.append(reached)
    if missing:
        print("corpus_files.py: %s refers to files the repository lacks: %s" % (entry, ", ".join(sorted(missing))), file=sys.stderr)
    return None if entry not in missing else "%s is not in the repository at %s" % (entry, commit)


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("extract", "multi"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 64
    mode, git_dir, commit, where, out = sys.argv[1:]
    problem = (extract if mode == "extract" else multi)(git_dir, commit, where, out)
    if problem:
        print("corpus_files.py: " + problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
