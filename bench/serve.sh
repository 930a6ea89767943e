#!/usr/bin/env bash
# Load benchmark of `blocwatch serve` on loopback, with wrk (Debian: wrk):
# throughput and latency (p50, p90, p99) of two API endpoints at 64
# concurrent connections, DURATION each (default 60s), and the server's
# resident memory (RSS) sampled every second. Fails on any error or non-2xx
# answer.
#
#   /api/v1/compare/series  42 pairs of states and groups, 2 sets of measures
#   /api/v1/rollcalls/{id}  the 300 newest roll calls (every member's vote)
#
# Usage: bench/serve.sh [DURATION] [DB]   (from the repository root)
# DB defaults to /tmp/bw-serve.db; if it does not exist it is made from
# ../shared/data. Ideal points are read from (or fitted into) a cache folder
# beside it before the load starts.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-60s}
db=${2:-/tmp/bw-serve.db}
conns=64
threads=2
port=${BLOCWATCH_BENCH_PORT:-18080}
command -v wrk >/dev/null || { echo "bench/serve.sh needs wrk: apt-get install -y wrk" >&2; exit 1; }
tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/blocwatch" ./cmd/blocwatch
if [ ! -s "$db" ]; then
  echo "== ingesting ../shared/data into $db"
  "$tmp/blocwatch" --db "$db" -q ingest ../shared/data/undl ../shared/data/unvotes ../shared/data/vetoes
fi
base="http://127.0.0.1:$port"
"$tmp/blocwatch" --db "$db" -q serve --addr "127.0.0.1:$port" --no-fetch --ideal-cache "$db.ideal-cache" >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 300); do
  if curl -sf "$base/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
curl -sf "$base/healthz" >/dev/null || { echo "the server did not start:"; cat "$tmp/server.log"; exit 1; }
echo "== waiting for the ideal points (read from the cache, or fitted once)"
for _ in $(seq 600); do
  curl -sf "$base/healthz" | grep -q '"ideal": "fitting"' || break
  sleep 1
done
curl -sf "$base/healthz"

# The requests.
sides="USA JPN KOR PRK CHN RUS GBR FRA IND BRA ZAF KOREA-WEST KOREA-EAST P5"
: >"$tmp/series.txt"
set -- $sides
for a in $sides; do
  for b in $sides; do
    [ "$a" \< "$b" ] || continue
    case "$a$b" in *KOREA*|*P5*|USA*|*PRK*) ;; *) continue ;; esac
    echo "/api/v1/compare/series?a=$a&b=$b" >>"$tmp/series.txt"
    echo "/api/v1/compare/series?a=$a&b=$b&metrics=agree,s,kappa,pi" >>"$tmp/series.txt"
  done
done
curl -sf "$base/api/v1/rollcalls?limit=300" | grep -o '"id": *[0-9]*' | tr -dc '0-9\n' | awk '{print "/api/v1/rollcalls/" $1}' >"$tmp/rollcalls.txt"
echo "== $(wc -l <"$tmp/series.txt") series URLs, $(wc -l <"$tmp/rollcalls.txt") roll-call URLs"
cat >"$tmp/paths.lua" <<'LUA'
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
fail=0
for name in series rollcalls; do
  # Warm up: every URL once, as a first visitor would.
  while read -r p; do curl -sf -o /dev/null "$base$p" || { echo "warm-up failed: $p"; exit 1; }; done <"$tmp/$name.txt"
  rss0=$(rss)
  ( while kill -0 "$server" 2>/dev/null; do rss >>"$tmp/rss-$name.txt"; sleep 1; done ) &
  sampler=$!
  echo "== $name: $conns connections, $threads threads, $dur"
  wrk -t"$threads" -c"$conns" -d"$dur" --latency -s "$tmp/paths.lua" "$base" -- "$tmp/$name.txt" | tee "$tmp/wrk-$name.txt"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  rss1=$(rss)
  max=$(sort -n "$tmp/rss-$name.txt" | tail -1)
  echo "RSS: start ${rss0} kB, end ${rss1} kB, max ${max} kB over $(wc -l <"$tmp/rss-$name.txt") samples"
  echo "RSS every 10 s (kB): $(awk 'NR % 10 == 1' "$tmp/rss-$name.txt" | tr '\n' ' ')"
  if grep -q "Non-2xx\|Socket errors" "$tmp/wrk-$name.txt"; then
    echo "FAIL: $name had errors"
    fail=1
  fi
done
grep -i "level=error" "$tmp/server.log" && fail=1
exit $fail
