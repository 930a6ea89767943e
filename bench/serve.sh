#!/usr/bin/env bash
# Load benchmark of `blocwatch serve`, on loopback only, every phase bounded
# in requests or time. It reports latency (p50, p90, p99), throughput and
# the server's resident memory (RSS, sampled every 0.2 s), and fails on any
# error or non-2xx answer.
#
#   1. cold lookups: a fresh server (started, data loaded, its precomputation
#      done, nothing asked yet) gets 300 distinct resolution lookups
#      (/api/v1/resolution?symbol=..., symbols naming one roll call each,
#      drawn with a fixed seed) at 64 connections, each asked once;
#      then the same 300 as pages (/resolution?symbol=...).
#   2. mixed pages, cold then warm: home, 40 state pages, 20 year pages,
#      compare pages and search, once each, then the same again.
#   3. state pages under load: /state/CODE for 40 states at 64 connections
#      for DURATION (wrk if installed, else bench/load).
#   4. API under load (wrk only): compare/series and rollcalls/{id}, each
#      URL asked once first.
#
# Targets (docs/web.md): cold lookups p99 <= 50 ms and peak RSS <= 250 MB;
# state pages >= 1,500 req/s on 2 cores.
#
# Usage: bench/serve.sh [DURATION] [DB]   (from the repository root)
# DURATION defaults to 20s. DB defaults to /tmp/bw-serve.db; if it does not
# exist it is made from ../shared/data (UN Digital Library, unvotes).
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-20s}
db=${2:-/tmp/bw-serve.db}
conns=64
port=${BLOCWATCH_BENCH_PORT:-18080}
base="http://127.0.0.1:$port"
tmp=$(mktemp -d)
server=""
sampler=""
cleanup() {
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; fi
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/blocwatch" ./cmd/blocwatch
go build -o "$tmp/load" ./bench/load
if [ ! -s "$db" ]; then
  echo "== ingesting ../shared/data into $db"
  "$tmp/blocwatch" --db "$db" -q ingest ../shared/data/undl ../shared/data/unvotes
fi

start_server() {
  "$tmp/blocwatch" --db "$db" -q serve --addr "127.0.0.1:$port" --no-fetch --watch 0 \
    --ideal-cache "$db.ideal-cache" >"$tmp/server.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do
    if curl -sf "$base/healthz" >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  curl -sf "$base/healthz" >/dev/null || { echo "the server did not start:"; cat "$tmp/server.log"; exit 1; }
  # Precomputation, and the ideal points (read from the cache, or fitted once).
  for _ in $(seq 1200); do
    h=$(curl -sf "$base/healthz")
    if echo "$h" | grep -q '"warm": true' && ! echo "$h" | grep -q '"ideal": "fitting"'; then break; fi
    sleep 0.5
  done
}
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
sample_rss() {
  : >"$tmp/rss.txt"
  ( while kill -0 "$server" 2>/dev/null; do rss >>"$tmp/rss.txt"; sleep 0.2; done ) &
  sampler=$!
}
report_rss() {
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  sampler=""
  echo "RSS: peak $(sort -n "$tmp/rss.txt" | tail -1) kB, now $(rss) kB"
}
fail=0
load() { "$tmp/load" -base "$base" "$@" || fail=1; }

# The URLs. Roll calls come from the API, five years at a time.
start_server
echo "== server ready: $(curl -sf "$base/healthz" | tr -d ' \n'); RSS $(rss) kB"
: >"$tmp/rollcalls.csv"
for y in $(seq 1946 5 2030); do
  curl -sf "$base/api/v1/rollcalls?limit=1000&format=csv&from=$y-01-01&to=$((y + 4))-12-31" | tail -n +2 >>"$tmp/rollcalls.csv" || true
done
# Symbols that name exactly one roll call, 300 of them drawn with a fixed seed.
awk -F, '$4 != "" {n[$4]++} END {for (s in n) if (n[s] == 1) print s}' "$tmp/rollcalls.csv" | sort |
  awk 'BEGIN {srand(13)} {print rand() "\t" $0}' | sort -n | cut -f2 | awk 'NR <= 300' >"$tmp/symbols.txt"
enc() { sed 's|/|%2F|g; s| |%20|g; s|(|%28|g; s|)|%29|g'; }
enc <"$tmp/symbols.txt" | awk '{print "/api/v1/resolution?symbol=" $0}' >"$tmp/res-api.txt"
enc <"$tmp/symbols.txt" | awk '{print "/resolution?symbol=" $0}' >"$tmp/res-page.txt"
states="USA CHN RUS PRK KOR JPN GBR FRA IND BRA ZAF DEU CAN AUS MEX EGY NGA IRN ISR CUB
  ARG CHL COL VEN PAK IDN TUR SAU SYR IRQ UKR POL SWE NOR ITA ESP NLD VNM PHL THA"
for c in $states; do echo "/state/$c"; done >"$tmp/state.txt"
{
  echo "/"
  cat "$tmp/state.txt"
  for y in $(seq 2005 2024); do echo "/year/$y"; done
  for b in USA CHN RUS GBR FRA JPN; do echo "/compare?a=PRK&b=$b"; echo "/compare?a=KOR&b=$b"; done
  for q in nuclear korea sanctions human%20rights palestine; do echo "/search?q=$q"; done
} >"$tmp/mixed.txt"
echo "== $(wc -l <"$tmp/res-api.txt") symbols, $(wc -l <"$tmp/mixed.txt") mixed pages"

echo "== 1. cold lookups, fresh server: $(wc -l <"$tmp/res-api.txt") distinct, $conns connections"
sample_rss
load -c "$conns" -paths "$tmp/res-api.txt"
report_rss
echo "-- the same symbols as pages (first visit)"
sample_rss
load -c "$conns" -paths "$tmp/res-page.txt"
report_rss
stop_server

echo "== 2. mixed pages on a fresh server, $conns connections"
start_server
sample_rss
echo "-- cold"
load -c "$conns" -paths "$tmp/mixed.txt"
echo "-- warm"
load -c "$conns" -paths "$tmp/mixed.txt"
report_rss

echo "== 3. state pages: $conns connections, $dur"
sample_rss
if command -v wrk >/dev/null; then
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
  wrk -t2 -c"$conns" -d"$dur" --latency -s "$tmp/paths.lua" "$base" -- "$tmp/state.txt" | tee "$tmp/wrk-state.txt"
  grep -q "Non-2xx\|Socket errors" "$tmp/wrk-state.txt" && { echo "FAIL: errors"; fail=1; }
else
  echo "(wrk not installed: apt-get install -y wrk; using bench/load)"
  load -c "$conns" -d "$dur" -paths "$tmp/state.txt"
fi
report_rss

if command -v wrk >/dev/null; then
  echo "== 4. API: compare/series and rollcalls/{id}, $conns connections, $dur each"
  sides="USA JPN KOR PRK CHN RUS GBR FRA IND BRA ZAF KOREA-WEST KOREA-EAST P5"
  : >"$tmp/series.txt"
  for a in $sides; do
    for b in $sides; do
      [ "$a" \< "$b" ] || continue
      case "$a$b" in *KOREA*|*P5*|USA*|*PRK*) ;; *) continue ;; esac
      echo "/api/v1/compare/series?a=$a&b=$b" >>"$tmp/series.txt"
      echo "/api/v1/compare/series?a=$a&b=$b&metrics=agree,s,kappa,pi" >>"$tmp/series.txt"
    done
  done
  cut -d, -f1 "$tmp/rollcalls.csv" | sort -n | tail -300 | awk '{print "/api/v1/rollcalls/" $1}' >"$tmp/rc.txt"
  for name in series rc; do
    echo "-- $name: warm-up, every URL once"
    load -c 8 -paths "$tmp/$name.txt"
    sample_rss
    wrk -t2 -c"$conns" -d"$dur" --latency -s "$tmp/paths.lua" "$base" -- "$tmp/$name.txt" | tee "$tmp/wrk-$name.txt"
    grep -q "Non-2xx\|Socket errors" "$tmp/wrk-$name.txt" && { echo "FAIL: $name had errors"; fail=1; }
    report_rss
  done
fi
grep -i "level=error" "$tmp/server.log" && fail=1
echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
exit $fail
