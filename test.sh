#!/usr/bin/env bash
# Builds everything and runs the whole test suite through ctest:
#   1. the normal build (-Werror): grammar, translator and runtime tests;
#   2. the runtime tests again under ThreadSanitizer and under
#      AddressSanitizer+UBSan.
# Installs missing Debian packages and the grammar's npm dependency first.
# Set CGOC_QUICK=1 to skip the sanitizer builds while developing.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
cgoc_install_deps test

jobs=$(nproc)
run_suite() { # <build dir> <ctest filter or empty> [cmake args...]
    local dir=$1 filter=$2
    shift 2
    echo "==> building $dir ($*)"
    cmake -S . -B "$dir" -DCGOC_WERROR=ON "$@" >/dev/null
    cmake --build "$dir" -j"$jobs"
    echo "==> ctest in $dir${filter:+ (tests matching $filter)}"
    ctest --test-dir "$dir" --output-on-failure ${filter:+-R "$filter"}
}

run_suite build ""
if [ -z "${CGOC_QUICK:-}" ]; then
    run_suite build-tsan '^runtime_' -DCGOC_SANITIZE=thread
    run_suite build-asan '^runtime_' -DCGOC_SANITIZE=address
fi
echo "==> all test suites passed"
