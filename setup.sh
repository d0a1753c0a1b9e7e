#!/usr/bin/env bash
# Installs what cgoc needs (missing Debian packages, via apt as root or with
# sudo), builds cgoc and libcgo in ./build, and runs the demo end to end:
# translate examples/demo.gc with cgoc, compile it, link libcgo, run it.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
cgoc_install_deps build

BUILD=${BUILD_DIR:-build}
echo "==> configuring and building in $BUILD/"
cmake -S . -B "$BUILD" -DCGOC_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)"

echo "==> demo: cgoc examples/demo.gc -o $BUILD/demo.c"
"$BUILD"/translator/cgoc examples/demo.gc -o "$BUILD/demo.c"
cc -std=c11 -O2 -Iruntime/include "$BUILD/demo.c" -o "$BUILD/demo" "$BUILD/runtime/libcgo.a" -lpthread
echo "==> running $BUILD/demo"
"$BUILD/demo"
