#!/usr/bin/env bash
# Measures the translator (the numbers in the README's "Measurements"):
#   1. throughput and peak memory of cgoc on large plain-C files (which it
#      must pass through byte for byte);
#   2. translation time of a large dialect program against `gcc -O2 -c` of
#      the C that cgoc produced for it.
# Each timing is the best of several runs (the machines are shared and noisy).
#
#   scripts/measure-translate.sh [build-dir]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cgoc=$build/translator/cgoc
[ -x "$cgoc" ] || { echo "measure-translate: $cgoc not built (run ./setup.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=5

# best_of <runs> <cmd...>: prints "<seconds> <peak KB>" of the fastest run.
best_of() {
    local n=$1 best_s="" best_kb=""
    shift
    for _ in $(seq "$n"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1
        read -r s kb <"$work/time"
        if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
        if [ -z "$best_kb" ] || [ "$kb" -gt "$best_kb" ]; then best_kb=$kb; fi
    done
    echo "$best_s $best_kb"
}

plain_c() { # <name> <file>
    local name=$1 file=$2 bytes s kb
    bytes=$(stat -c %s "$file")
    read -r s kb < <(best_of "$runs" "$cgoc" "$file" -o "$work/out.c")
    cmp -s "$file" "$work/out.c" || { echo "measure-translate: $name was changed by cgoc" >&2; exit 1; }
    awk -v n="$name" -v b="$bytes" -v s="$s" -v kb="$kb" 'BEGIN {
        printf "%-34s %6.1f MB  %6.2f s  %6.1f MB/s  peak %5.0f MB\n", n, b/1e6, s, (s > 0 ? b/1e6/s : 0), kb/1024 }'
}

echo "== plain C through cgoc (byte-identical output checked; best of $runs)"
plain_c "grammar/src/parser.c (generated)" grammar/src/parser.c
# Real hand-written C: the system headers, preprocessed, ten times over.
printf '#define _GNU_SOURCE\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <pthread.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n#include <unistd.h>\n#include <signal.h>\n#include <math.h>\n#include <complex.h>\n#include <clang-c/Index.h>\n#include <tree_sitter/api.h>\n' >"$work/hdrs.c"
gcc -E -P $(pkg-config --cflags tree-sitter 2>/dev/null) -I/usr/lib/llvm-14/include "$work/hdrs.c" >"$work/hdrs1.c"
for _ in $(seq 10); do cat "$work/hdrs1.c"; done >"$work/headers_x10.c"
plain_c "system headers, preprocessed, x10" "$work/headers_x10.c"

# A large dialect program: every example's functions, many times over, with
# the names made unique per copy, and one main.
echo "== a large dialect program: cgoc vs gcc -O2 -c of its output (best of $runs)"
copies=60
{
    grep -h '^#include' examples/*.gc | sort -u
    for i in $(seq "$copies"); do
        for ex in pipeline fan_in worker_pool prime_sieve producer_consumer defer_cleanup timeout sync_counter; do
            # Drop the includes; give every name the example defines at file
            # scope (functions, enum constants, struct tags) a per-copy suffix.
            perl -0777 -ne '
                my %names;
                $names{$1} = 1 while /^(?:static\s+)?\w[\w \*]*?\b(\w+)\s*\([^;]*?\)\s*\{/mg;
                while (/^enum\s*\{([^}]*)\}/mg) { my $b = $1; $names{$1} = 1 while $b =~ /(\w+)\s*=/g; }
                $names{$1} = 1 while /^struct\s+(\w+)\s*\{/mg;
                $names{$1} = 1 while /^static\s+[\w ]*?\b(\w+)\s*[;=]/mg;
                s/^#include.*\n//mg;
                my $re = join "|", map { quotemeta } sort keys %names;
                s/\b($re)\b/$1_'"${ex}_$i"'/g if $re;
                print;' "examples/$ex.gc"
        done
    done
    echo 'int main(void) { puts("ok"); return 0; }'
} >"$work/large.gc"
if ! "$cgoc" --color=never "$work/large.gc" -o "$work/large.c" 2>"$work/large.err"; then
    echo "measure-translate: the synthetic program did not translate:" >&2
    head -5 "$work/large.err" >&2
    exit 1
fi
gc_lines=$(wc -l <"$work/large.gc")
read -r t_cgoc kb_cgoc < <(best_of "$runs" "$cgoc" "$work/large.gc" -o "$work/large.c")
read -r t_gcc _ < <(best_of "$runs" gcc -std=c11 -O2 -Iruntime/include -c "$work/large.c" -o "$work/large.o")
awk -v l="$gc_lines" -v a="$t_cgoc" -v b="$t_gcc" -v kb="$kb_cgoc" 'BEGIN {
    printf "%d lines of .gc: cgoc %.2f s (peak %.0f MB), gcc -O2 -c %.2f s: cgoc takes %.0f%% of gcc'"'"'s time\n",
        l, a, kb/1024, b, (b > 0 ? 100*a/b : 0) }'
