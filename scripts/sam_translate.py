#!/usr/bin/env python3
"""Turns a SAM template into the CloudFormation that SAM's own transform deploys.

    scripts/sam_translate.py TEMPLATE [OUTPUT]

writes the translation to OUTPUT (standard output without it) as JSON.

The oracle of the SAM reader's tests: aws-sam-translator (installed with cfn-lint) runs
offline here, with the region set to us-east-1 and no IAM lookups (a managed-policy
loader that knows no policies). `Fn::Transform` with `AWS::Include` of a file beside the
template is inlined first, as CloudFormation does before SAM's transform runs. The output
keeps the translator's key order. Exit status 2 when SAM refuses the template, with its
message on standard error.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402
from samtranslator.model.exceptions import InvalidDocumentException  # noqa: E402


class NoPolicies:
    def load(self):
        return {}


def inline_includes(node, folder):
    if isinstance(node, list):
        return [inline_includes(item, folder) for item in node]
    if not isinstance(node, dict):
        return node
    transform_spec = node.get("Fn::Transform") if len(node) == 1 else None
    if isinstance(transform_spec, dict) and transform_spec.get("Name") == "AWS::Include":
        location = transform_spec.get("Parameters", {}).get("Location", "")
        with open(os.path.join(folder, location)) as included:
            return inline_includes(yaml_parse(included.read()), folder)
    return {key: inline_includes(value, folder) for key, value in node.items()}


def main():
    path = sys.argv[1]
    with open(path) as source:
        template = yaml_parse(source.read())
    template = inline_includes(template, os.path.dirname(os.path.abspath(path)))
    try:
        translated = transform(template, {}, NoPolicies())
    except InvalidDocumentException as refused:
        for cause in refused.causes:
            print(cause.message, file=sys.stderr)
        sys.exit(2)
    text = json.dumps(translated, indent=2) + "\n"
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as output:
            output.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
