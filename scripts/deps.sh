#!/usr/bin/env bash
# Installs the Debian packages cgoc needs, if any are missing, and the
# grammar's npm dependency (the stock tree-sitter-c parser the tests compare
# against). Sourced by setup.sh and test.sh; takes "build" or "test".
#
#   build: C compiler, CMake, pkg-config, tree-sitter, libclang
#   test:  the above + Criterion, clang (the generated C is checked with
#          both gcc and clang), valgrind, Node.js/npm
set -euo pipefail

cgoc_packages() {
    local pkgs=(gcc make cmake pkg-config libtree-sitter-dev libclang-dev)
    if [ "${1:-build}" = test ]; then
        pkgs+=(libcriterion-dev clang valgrind)
        # Node.js often comes from elsewhere than Debian (NodeSource ships
        # npm inside its nodejs package, and Debian's npm then conflicts):
        # ask apt only for what is not already on PATH.
        command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
        command -v npm >/dev/null 2>&1 || pkgs+=(npm)
    fi
    echo "${pkgs[@]}"
}

cgoc_missing_packages() {
    local p missing=()
    for p in $(cgoc_packages "$1"); do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    echo "${missing[@]}"
}

cgoc_install_deps() {
    local what=${1:-build}
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "cgoc: not a Debian-based system; install these yourself: $(cgoc_packages "$what")" >&2
        return 0
    fi
    local missing
    missing=$(cgoc_missing_packages "$what")
    if [ -n "$missing" ]; then
        local sudo=""
        if [ "$(id -u)" -ne 0 ]; then
            if command -v sudo >/dev/null 2>&1; then
                sudo=sudo
            else
                echo "cgoc: missing packages: $missing" >&2
                echo "cgoc: run as root or install sudo, or: apt-get install $missing" >&2
                return 1
            fi
        fi
        echo "==> installing Debian packages: $missing"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
    fi
    if [ "$what" = test ] && [ ! -f grammar/node_modules/tree-sitter-c/src/parser.c ]; then
        echo "==> installing the grammar's npm dependencies (npm ci in grammar/)"
        (cd grammar && npm ci --no-audit --no-fund --loglevel=error)
    fi
}
