#!/usr/bin/env bash
# ctest translator_mutations: cgoc never crashes on broken input. Every
# testdata/examples/bench .gc file is mutated (a dialect token inserted at a
# pseudo-random offset, or a byte range cut out; fixed seed, so a failure
# reproduces), and cgoc must exit 0 or 1 (never crash or hang),
# and leave no output file when it exits 1.
#   mutate.sh <cgoc> <source dir> <work dir> [rounds]
set -uo pipefail
cgoc=$1 src=$2 work=$3 rounds=${4:-2}
mkdir -p "$work"
RANDOM=20261122
toks=("<-" "go " "defer " "select {" "chan " "case <-c:" "}" "{" "make(chan int" ";" "(" ")" ","
      "return 1;" "break;" "default:" "chan<- " "<-chan " "go {" "defer {" "x, ok = <-c;"
      "for (int v : c)" "case c <- 1:")
runs=0 bad=0
for ((round = 0; round < rounds; round++)); do
    for f in "$src"/testdata/*.gc "$src"/examples/*.gc "$src"/bench/*.gc; do
        size=$(stat -c %s "$f")
        for k in 1 2 3; do
            a=$(( (RANDOM * 32768 + RANDOM) % size ))
            if (( k == 3 )); then
                b=$(( a + RANDOM % 200 ))
                { head -c "$a" "$f"; tail -c +$((b + 1)) "$f"; } >"$work/m.gc"
                what="cut $a-$b"
            else
                tok=${toks[$((RANDOM % ${#toks[@]}))]}
                { head -c "$a" "$f"; printf '%s' "$tok"; tail -c +$((a + 1)) "$f"; } >"$work/m.gc"
                what="'$tok' at $a"
            fi
            rm -f "$work/m.c"
            timeout 60 "$cgoc" --color=never "$work/m.gc" -o "$work/m.c" >/dev/null 2>"$work/err"
            rc=$?
            runs=$((runs + 1))
            if (( rc > 1 )) || { (( rc == 1 )) && [ -e "$work/m.c" ]; }; then
                bad=$((bad + 1))
                cp "$work/m.gc" "$work/failure_$bad.gc"
                echo "FAIL: exit $rc for ${f#"$src"/} with $what (input kept in $work/failure_$bad.gc)"
                tail -3 "$work/err"
            fi
        done
    done
done
echo "translator_mutations: $runs mutated inputs, $bad failures"
(( bad == 0 ))
