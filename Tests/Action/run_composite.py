"""Runs the composite action in action.yml the way a GitHub runner does, for the tests.

Each step's `run` goes to `bash --noprofile --norc -eo pipefail {0}` in GITHUB_WORKSPACE, with the runner's variables
(RUNNER_TEMP, GITHUB_PATH, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH, ...), the step's `env`
with `${{ inputs.X }}` and `${{ github.X }}` filled in (inputs not given take their
defaults), and the folders earlier steps appended to GITHUB_PATH put first on PATH. The
steps stop at the first that fails, whose status is this script's.

    python3 run_composite.py ACTION_DIR WORKSPACE RUNNER_TEMP [input=value ...] [github.key=value ...]
"""

import os
import re
import subprocess
import sys

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(inputs|github)\.([A-Za-z0-9_-]+)\s*\}\}")


def main():
    action_dir, workspace, runner_temp = sys.argv[1:4]
    given = {"inputs": {}, "github": {}}
    for argument in sys.argv[4:]:
        key, _, value = argument.partition("=")
        if key.startswith("github."):
            given["github"][key[len("github."):]] = value
        else:
            given["inputs"][key] = value
    with open(os.path.join(action_dir, "action.yml")) as handle:
        action = yaml.safe_load(handle)
    assert action["runs"]["using"] == "composite", "not a composite action"
    declared = action.get("inputs", {})
    for name in given["inputs"]:
        if name not in declared:
            sys.exit(f"run_composite: action.yml has no input {name}")
    inputs = {name: given["inputs"].get(name, str(spec.get("default", ""))) for name, spec in declared.items()}

    def fill(text):
        def value(match):
            scope, key = match.groups()
            if scope == "inputs":
                if key not in inputs:
                    sys.exit(f"run_composite: action.yml uses undeclared input {key}")
                return inputs[key]
            return given["github"].get(key, "")

        return EXPRESSION.sub(value, str(text))

    os.makedirs(runner_temp, exist_ok=True)
    files = {name: os.path.join(runner_temp, "_runner_" + name) for name in ("path", "summary", "env", "output")}
    for path in files.values():
        open(path, "a").close()
    environment = dict(os.environ)
    environment.update(
        {
            "GITHUB_ACTIONS": "true",
            "CI": "true",
            "RUNNER_OS": "Linux",
            "RUNNER_TEMP": runner_temp,
            "GITHUB_WORKSPACE": workspace,
            "GITHUB_ACTION_PATH": action_dir,
            "GITHUB_PATH": files["path"],
            "GITHUB_STEP_SUMMARY": files["summary"],
            "GITHUB_ENV": files["env"],
            "GITHUB_OUTPUT": files["output"],
        }
    )
    for key in ("event_name", "base_ref", "head_ref", "repository", "sha", "ref"):
        if key in given["github"]:
            environment["GITHUB_" + key.upper()] = given["github"][key]
    for step in action["runs"]["steps"]:
        assert step.get("shell") == "bash", "every step runs in bash"
        step_environment = dict(environment)
        with open(files["path"]) as handle:
            added = [line.strip() for line in handle if line.strip()]
        # The runner puts the latest addition first.
        step_environment["PATH"] = os.pathsep.join(list(reversed(added)) + [environment["PATH"]])
        step_environment.update({key: fill(value) for key, value in (step.get("env") or {}).items()})
        print(f"::group::{fill(step.get('name', 'step'))}", flush=True)
        # As the runner runs `shell: bash`: the step written to a file, run with these flags.
        script = os.path.join(runner_temp, "_runner_step.sh")
        with open(script, "w") as handle:
            handle.write(fill(step["run"]) + "\n")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", script]
        status = subprocess.run(command, cwd=workspace, env=step_environment).returncode
        print("::endgroup::", flush=True)
        if status != 0:
            sys.exit(status)


if __name__ == "__main__":
    main()
