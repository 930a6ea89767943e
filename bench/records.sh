#!/usr/bin/env bash
# Benchmarks of the voting-records layer on the real data in ../shared/data:
#   - ingest of the full General Assembly file into a new store (whole process),
#   - start-up load of the vote matrix from the store (Go benchmark),
#   - a `blocwatch vote` lookup end to end (whole process, repeated).
# Usage: bench/records.sh [RUNS]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
data=../shared/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/blocwatch" ./cmd/blocwatch

now() { date +%s.%N; }
echo "== ingest of the full GA file ($data/undl/ga_voting.csv.gz), $runs runs"
for i in $(seq "$runs"); do
  rm -f "$tmp/ga.db"
  t0=$(now)
  "$tmp/blocwatch" --db "$tmp/ga.db" -q ingest "$data/undl/ga_voting.csv.gz"
  t1=$(now)
  printf 'ingest run %d: %.2f s\n' "$i" "$(echo "$t1 - $t0" | bc)"
done

echo "== vote lookup end to end (process start, open store, query, print), 20 runs"
t0=$(now)
for i in $(seq 20); do "$tmp/blocwatch" --db "$tmp/ga.db" vote A/RES/ES-11/1 --format json >/dev/null; done
t1=$(now)
printf 'vote lookup: %.1f ms per run\n' "$(echo "($t1 - $t0) * 1000 / 20" | bc -l)"

echo "== matrix load and in-process lookup (Go benchmarks, all shared data in the store)"
go test -run '^$' -bench 'Matrix|VoteLookup' -benchmem -count "$runs" ./internal/store/ | grep -E '^Benchmark'
