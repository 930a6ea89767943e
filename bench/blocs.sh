#!/bin/sh
# blocs.sh: voting blocs of every year 1946-2026 in one call
# (blocs.Detect over align.Years on the General Assembly record), as
# `blocwatch blocs --by year` computes them: BenchmarkBlocsAllYears, with
# its graph-building part (BenchmarkAllPairsAllYears) beside it.
# Target: at most 2 s per call on a 2-core machine.
#
# Prints the wall time per call and the CPU time per call (user + system,
# from two runs that differ only in the number of calls), which other load
# on the machine disturbs less.
#
# Usage: bench/blocs.sh [DB]
# DB: a store holding the real record (blocwatch ingest ../shared/data/undl
# ../shared/data/unvotes ../shared/data/vetoes); without it each run of the
# benchmark first ingests ../shared/data into a temporary store (about 20 s,
# not timed).
# Needs: go, /usr/bin/time.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then
	BLOCWATCH_BENCH_DB=$(realpath "$1")
	export BLOCWATCH_BENCH_DB
fi
n=${N:-10}

go test -c -o "$tmp/blocs.test" ./internal/blocs
cd internal/blocs
echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
"$tmp/blocs.test" -test.run '^$' -test.bench 'AllYears$' -test.benchtime "${n}x" -test.benchmem | grep '^Benchmark'
# CPU time: a run with b.N = 1 and one with b.N = n (each also runs b.N = 1
# once first and loads the data).
cpu() {
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$tmp/blocs.test" -test.run '^$' -test.bench 'BlocsAllYears$' \
		-test.benchtime "$1x" >/dev/null
	cat "$tmp/time"
}
one=$(cpu 1)
many=$(cpu "$n")
echo "$one $many" | awk -v n="$n" '{
	printf "CPU time per call: %.2f s (user + system)\n", (($4 + $5) - ($1 + $2)) / n
	printf "peak RSS (load + benchmark): %.0f MB\n", $6 / 1024
}'
echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
