#!/usr/bin/env bash
# ctest cmake_integration: configures and builds tests/cmake/project (a user's
# project using cmake/Cgoc.cmake) with the cgoc and libcgo under test, then
# runs its programs and checks their output.
#   run.sh <source dir> <cgoc> <libcgo.a> <work dir>
set -euo pipefail
src=$1 cgoc=$2 lib=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
cp -r "$src/tests/cmake/project" "$work/src" # the test touches its sources
cmake -S "$work/src" -B "$work/build" -DCGOC_SOURCE_DIR="$src" \
    -DCGOC_EXECUTABLE="$cgoc" -DCGOC_LIBRARY="$lib" -DCGOC_INCLUDE_DIR="$src/runtime/include" >/dev/null
cmake --build "$work/build"
# The translation is a build step: the generated files exist ...
b=$work/build
test -f "$b/cgoc/jobs.h" && test -f "$b/cgoc/jobs.c" && test -f "$b/cgoc/pipeline.c"
# ... and the programs behave.
diff -u "$src/examples/pipeline.stdout" <("$b/pipeline")
diff -u <(echo "sum of squares of 1..100 = 338350") <("$b/jobs")
# A second build after touching the .gh header translates again.
sleep 1
touch "$work/src/jobs.gh"
rebuild=$(cmake --build "$b")
grep -q "cgoc .*jobs.gc" <<<"$rebuild" || { echo "jobs.gc was not re-translated after jobs.gh changed" >&2; exit 1; }
echo "cmake integration: ok"
