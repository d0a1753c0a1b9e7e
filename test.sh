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
run_suite() { # <build dir> <build target or empty> <ctest filter or empty> <ctest -j> [cmake args...]
    local dir=$1 target=$2 filter=$3 parallel=$4 t0=$SECONDS
    shift 4
    echo "==> building $dir ($*)"
    # CGOC_TESTS=ON explicitly: setup.sh configures build/ without tests,
    # and the cache would otherwise keep that
    cmake -S . -B "$dir" -DCGOC_WERROR=ON -DCGOC_TESTS=ON "$@" >/dev/null
    cmake --build "$dir" -j"$jobs" ${target:+--target "$target"}
    echo "==> ctest in $dir${filter:+ (tests matching $filter)}"
    ctest --test-dir "$dir" --output-on-failure --no-tests=error -j"$parallel" ${filter:+-R "$filter"}
    echo "==> $dir: built and tested in $((SECONDS - t0)) s"
}

# The normal suite runs tests in parallel; the sanitized ones one at a time
# (each is several times slower and its timing bounds are widened for one).
run_suite build "" "" "$jobs"
if [ -z "${CGOC_QUICK:-}" ]; then
    run_suite build-tsan runtime_tests '^runtime_' 1 -DCGOC_SANITIZE=thread -DCGOC_BENCH=OFF
    run_suite build-asan runtime_tests '^runtime_' 1 -DCGOC_SANITIZE=address -DCGOC_BENCH=OFF
fi
echo "==> all test suites passed"
