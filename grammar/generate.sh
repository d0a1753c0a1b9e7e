#!/usr/bin/env bash
# Regenerates the committed parser from grammar.js:
#   grammar/src/parser.c, grammar/src/grammar.json, grammar/src/node-types.json,
#   grammar/src/tree_sitter/parser.h
# with the tree-sitter CLI 0.20.8 (language ABI 14, which Debian's
# libtree-sitter 0.20.7 loads). Run from anywhere:
#
#   grammar/generate.sh            # regenerate
#   TREE_SITTER=/path/to/tree-sitter grammar/generate.sh
#
# Then rebuild and run the grammar tests (ctest -R grammar); after a change of
# the grammar, CGOC_UPDATE_CORPUS=1 ctest -R grammar_corpus rewrites the
# corpus expectations, to be reviewed with git diff. See docs/grammar.md.
set -euo pipefail

cd "$(dirname "$0")"
want_version=0.20.8

find_cli() {
    local c
    for c in "${TREE_SITTER:-}" /opt/tree-sitter-cli/tree-sitter "$(command -v tree-sitter 2>/dev/null || true)"; do
        if [ -n "$c" ] && [ -x "$c" ]; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

if ! cli=$(find_cli); then
    cat >&2 <<EOF
generate.sh: the tree-sitter CLI $want_version was not found
(looked at \$TREE_SITTER, /opt/tree-sitter-cli/tree-sitter, tree-sitter in PATH).

Build it from the tree-sitter sources at tag v$want_version with Rust's cargo:

$(sed -n 's/^#@ \{0,1\}//p' "$0")
EOF
    exit 1
fi

version=$("$cli" --version | awk '{print $2}')
if [ "$version" != "$want_version" ]; then
    echo "generate.sh: $cli is tree-sitter $version, expected $want_version" >&2
    echo "generate.sh: (another version may emit a language ABI the system libtree-sitter cannot load)" >&2
    exit 1
fi

if [ ! -f node_modules/tree-sitter-c/grammar.js ]; then
    echo "==> npm ci (the pinned tree-sitter-c that grammar.js extends)"
    npm ci --no-audit --no-fund --loglevel=error
fi

echo "==> $cli generate --abi 14 --no-bindings"
"$cli" generate --abi 14 --no-bindings

abi=$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\)$/\1/p' src/parser.c)
if [ "$abi" != 13 ] && [ "$abi" != 14 ]; then
    echo "generate.sh: src/parser.c has language ABI '$abi'; libtree-sitter 0.20.7 loads 13-14" >&2
    exit 1
fi
echo "==> src/parser.c regenerated (language ABI $abi)"

# How to build the CLI (printed above when it is missing):
#@   git clone --depth 1 --branch v0.20.8 https://github.com/tree-sitter/tree-sitter
#@   cd tree-sitter && cargo build --release --locked -p tree-sitter-cli
#@   install -D target/release/tree-sitter /opt/tree-sitter-cli/tree-sitter
