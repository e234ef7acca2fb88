#!/usr/bin/env bash
# Throughput and peak memory of a whole `lambdascan scan` over a generated
# corpus of realistic handlers. Usage: bench/bench.sh [MB] [WORKERS...]
# Prints MB/s and peak RSS for each worker count, and for a corpus twice as
# large, to show memory stays flat as the corpus grows.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
shift || true
workers=${*:-"1 2"}
out=bench/out
mkdir -p "$out"
go build -o "$out/lambdascan" ./cmd/lambdascan
go run ./bench/gencorpus -o "$out/corpus-$mb" -mb "$mb" >/dev/null
go run ./bench/gencorpus -o "$out/corpus-$((mb*2))" -mb "$((mb*2))" >/dev/null
measure() { # dir workers
  local dir=$1 w=$2 bytes start end rss
  bytes=$(du -sb "$dir" | cut -f1)
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$out/rss" "$out/lambdascan" scan "$dir" --workers "$w" --format json --fail-on none > "$out/report.json"
  end=$(date +%s.%N)
  rss=$(cat "$out/rss")
  awk -v b="$bytes" -v s="$start" -v e="$end" -v r="$rss" -v w="$w" -v d="$dir" -v f="$(jq '.findings | length' "$out/report.json")" \
    'BEGIN { printf "%-28s workers=%s  %6.1f MB in %6.2f s  = %5.2f MB/s  peak RSS %4d MB  findings %d\n", d, w, b/1048576, e-s, b/1048576/(e-s), r/1024, f }'
}
for w in $workers; do measure "$out/corpus-$mb" "$w"; done
measure "$out/corpus-$((mb*2))" "${workers##* }"
