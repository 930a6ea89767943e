#!/bin/sh
# align.sh: all-dyad voting agreement per year on the UN GA file, side by side:
# the R peer (data.table self-join, ../shared/bench/agree_datatable.R) and
# blocwatch's align.AllPairs (BenchmarkAllPairsAgree), in one run.
# Prints both times, the ratio, peak memory, and checks that the dyads the R
# script prints equal blocwatch's.
#
# Usage: bench/align.sh [GA_FILE]
# Needs: go, Rscript with data.table, /usr/bin/time.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
ga=$(realpath "${1:-../shared/data/undl/ga_voting.csv.gz}")
peer=$(realpath "${PEER:-../shared/bench/agree_datatable.R}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go test -c -o "$tmp/align.test" ./internal/align

cd "$root/internal/align"
export BLOCWATCH_GA_FILE="$ga"
echo "== Go: BenchmarkAllPairsAgree"
/usr/bin/time -v "$tmp/align.test" -test.run '^$' -test.bench '^BenchmarkAllPairsAgree$' \
	-test.benchtime "${BENCHTIME:-20x}" >"$tmp/go.out" 2>"$tmp/go.time"
grep '^Benchmark' "$tmp/go.out"
"$tmp/align.test" -test.run '^TestGAAgree$' -test.v >"$tmp/go.dyads"

echo "== R: $(basename "$peer")"
/usr/bin/time -v Rscript "$peer" "$ga" >"$tmp/r.out" 2>"$tmp/r.time"
head -1 "$tmp/r.out"

rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
go_ns=$(awk '/^BenchmarkAllPairsAgree/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ns/op") print $i }' "$tmp/go.out")
r_s=$(sed -n 's/.* agreement \([0-9.]*\)s.*/\1/p' "$tmp/r.out")
echo "== Result"
awk -v g="$go_ns" -v r="$r_s" -v gm="$(rss "$tmp/go.time")" -v rm="$(rss "$tmp/r.time")" 'BEGIN {
	printf "agreement step: Go %.1f ms, R %.2f s, ratio %.0fx\n", g / 1e6, r, r / (g / 1e9)
	printf "peak RSS: Go test binary (load + benchmark) %d MB, R %d MB\n", gm, rm
}'

echo "== Cross-check (year a b n agree)"
# R prints "1: 1995 CHN PRK  62 0.8709677"; the test logs "dyad 1995 CHN PRK 62 0.8709677".
sed -n 's/.*dyad \([0-9]* [A-Z]* [A-Z]* [0-9]* [0-9.]*\)$/\1/p' "$tmp/go.dyads" >"$tmp/go.rows"
awk '$1 ~ /^[0-9]+:$/ { print $2, $3, $4, $5, $6 }' "$tmp/r.out" >"$tmp/r.rows"
awk 'NR == FNR { go[$1 " " $2 " " $3] = $4 " " $5; next }
{
	k = $1 " " $2 " " $3
	split(go[k], g, " ")
	ok = (k in go) && g[1] == $4 && (g[2] - $5 < 5e-7 && $5 - g[2] < 5e-7)
	printf "%s  R n=%s agree=%s  Go n=%s agree=%s  %s\n", k, $4, $5, g[1], g[2], ok ? "ok" : "DIFFERENT"
	n++; bad += !ok
}
END { printf "%d dyad-years compared, %d different\n", n, bad; exit bad > 0 || n == 0 }' "$tmp/go.rows" "$tmp/r.rows"
