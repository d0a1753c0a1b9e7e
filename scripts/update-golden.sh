#!/usr/bin/env bash
# update-golden.sh — regenerates the translator's golden files in testdata/
# with the built cgoc:
#
#   scripts/update-golden.sh [NAME...]   (default: every testdata/*.gc, *.gh)
#
# cgoc is build/translator/cgoc, or $CGOC, or the one in $BUILD_DIR. For each
# testdata/NAME.gc it writes
#   NAME.c       the translation (when cgoc succeeds; error_* cases never
#                have one); NAME.h for a NAME.gh header
#   NAME.stderr  cgoc's diagnostics (--color=never), when it printed any
# and removes the one of those two that no longer applies. cgoc runs from
# the repository root with the relative path, exactly as the ctest driver
# (tests/golden/run_golden.sh) does, so the files are machine-independent.
#
# NAME.stdout, NAME.status and NAME.stderr-prefix are never touched: they
# are the specification of what the program does, written by hand.
#
# Review the result with `git diff testdata/` before committing: a golden
# file records what cgoc does now, not what it should do.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${BUILD_DIR:-build}
cgoc=${CGOC:-$build/translator/cgoc}
if [ ! -x "$cgoc" ]; then
    echo "update-golden.sh: no cgoc at '$cgoc' (build first, or set CGOC or BUILD_DIR)" >&2
    exit 2
fi

cases=()
if [ $# -eq 0 ]; then
    for f in testdata/*.gc testdata/*.gh; do
        [ -e "$f" ] && cases+=("$f")
    done
else
    for n in "$@"; do
        n=${n#testdata/}
        if [ -f "testdata/$n" ]; then
            cases+=("testdata/$n")
        elif [ -f "testdata/$n.gh" ]; then
            cases+=("testdata/$n.gh")
        else
            cases+=("testdata/${n%.gc}.gc")
        fi
    done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# put <generated file> <golden path>: replaces the golden if it changed.
put() {
    if [ -f "$2" ] && cmp -s "$1" "$2"; then
        return 0
    fi
    cp "$1" "$2"
    echo "   wrote $2"
    changed=$((changed + 1))
}
drop() {
    if [ -f "$1" ]; then
        rm -f "$1"
        echo "   removed $1"
        changed=$((changed + 1))
    fi
}

changed=0 problems=0 pending=0
for f in "${cases[@]}"; do
    if [ ! -f "$f" ]; then
        echo "update-golden.sh: no such file '$f'" >&2
        problems=$((problems + 1))
        continue
    fi
    base=${f%.*}
    name=${base##*/}
    out_ext=c
    [ "${f##*.}" = gh ] && out_ext=h
    rm -f "$tmp/out.c" "$tmp/err"
    st=0
    "$cgoc" --color=never "$f" -o "$tmp/out.c" 2>"$tmp/err" || st=$?

    if [ $st -ne 0 ] && grep -q "cannot yet translate" "$tmp/err"; then
        echo "-- $name: cgoc cannot translate it yet; nothing written"
        pending=$((pending + 1))
        continue
    fi
    case $name in
    error_*)
        if [ $st -ne 1 ]; then
            echo "!! $name: an error case, but cgoc exited $st; nothing written" >&2
            problems=$((problems + 1))
            continue
        fi
        put "$tmp/err" "$base.stderr"
        drop "$base.$out_ext"
        ;;
    *)
        if [ $st -ne 0 ]; then
            echo "!! $name: cgoc exited $st; nothing written:" >&2
            sed 's/^/   | /' "$tmp/err" | head -n 20 >&2
            problems=$((problems + 1))
            continue
        fi
        put "$tmp/out.c" "$base.$out_ext"
        if [ -s "$tmp/err" ]; then
            put "$tmp/err" "$base.stderr"
        else
            drop "$base.stderr"
        fi
        ;;
    esac
done

echo "update-golden.sh: ${#cases[@]} case(s), $changed file(s) changed, $pending not translatable yet, $problems problem(s)"
[ $changed -eq 0 ] || echo "review the changes with: git diff --stat testdata/ && git diff testdata/"
[ $problems -eq 0 ]
