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

version_line=$("$cli" --version)
version=$(echo "$version_line" | awk '{print $2}')
if [ "$version" != "$want_version" ]; then
    echo "generate.sh: $cli is tree-sitter $version, expected $want_version" >&2
    echo "generate.sh: (another version may emit a language ABI the system libtree-sitter cannot load)" >&2
    exit 1
fi

if [ ! -f node_modules/tree-sitter-c/grammar.js ]; then
    echo "==> npm ci (the pinned tree-sitter-c that grammar.js extends)"
    npm ci --no-audit --no-fund --loglevel=error
fi

case "$version_line" in
*"generate only"*)
    # A build of only the CLI's generator (see below): ABI 14, no bindings.
    echo "==> $cli generate"
    "$cli" generate ;;
*)
    echo "==> $cli generate --abi 14 --no-bindings"
    "$cli" generate --abi 14 --no-bindings ;;
esac

abi=$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\)$/\1/p' src/parser.c)
if [ "$abi" != 13 ] && [ "$abi" != 14 ]; then
    echo "generate.sh: src/parser.c has language ABI '$abi'; libtree-sitter 0.20.7 loads 13-14" >&2
    exit 1
fi
echo "==> src/parser.c regenerated (language ABI $abi)"

# How to build the CLI (printed above when it is missing). Either the official
# tree-sitter CLI 0.20.8, or, offline on Debian, only its generator built from
# the v0.20.8 sources with Debian's packaged Rust crates (what the project uses;
# its `--version` says "(generate only)" and it takes no options):
#@ 1. apt-get install cargo librust-anyhow-dev librust-indexmap-dev \
#@      librust-lazy-static-dev librust-regex-dev librust-regex-syntax-dev \
#@      librust-rustc-hash-dev librust-semver-dev librust-serde-dev \
#@      librust-serde-derive-dev librust-serde-json-dev librust-smallbitvec-dev \
#@      librust-log-dev
#@ 2. Get the tree-sitter sources at tag v0.20.8 (repository tree-sitter/tree-sitter).
#@    Make a crate ts-generate: copy cli/src/generate/ to src/generate/ and
#@    lib/include/tree_sitter/parser.h to src/parser.h; its Cargo.toml lists
#@    anyhow, indexmap 1, lazy_static, regex, regex-syntax 0.6, rustc-hash,
#@    semver, serde (derive), serde_derive, smallbitvec, serde_json
#@    (preserve_order), log (std); src/main.rs declares `mod generate;` and
#@    `mod tree_sitter { LANGUAGE_VERSION = 14; PARSER_HEADER = parser.h }` and
#@    calls generate::generate_parser_in_directory(cwd, argv[1], 14, false, None).
#@ 3. .cargo/config.toml: [source.crates-io] replace-with = "debian";
#@    [source.debian] directory = "/usr/share/cargo/registry"; [net] offline = true
#@ 4. cargo build --release; install target/release/ts-generate in
#@    /opt/tree-sitter-cli/ next to a `tree-sitter` wrapper script that answers
#@    `--version` with "tree-sitter 0.20.8 (generate only)" and runs
#@    ts-generate for `generate`.
