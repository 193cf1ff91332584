#!/usr/bin/env bash
# The ways users get oas2apigw, each tested as they use it (docs/install.md): the release
# tarball and the container image (test_release.sh, which runs test_container.sh), the
# GitHub Action (test_action.sh), the pre-commit hooks (test_precommit.sh) and the SwiftPM
# command plugin (test_plugin.sh). CI runs it after the end-to-end tier. The first release
# build is the slow part; test_action.sh reuses it from .build-release/.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
for test in test_release test_action test_precommit test_plugin; do
    step=$(date +%s)
    echo "install_tests: $test" >&2
    "scripts/$test.sh"
    echo "install_tests: $test passed in $(($(date +%s) - step)) s" >&2
done
echo "install_tests: all passed in $(($(date +%s) - started)) s" >&2
