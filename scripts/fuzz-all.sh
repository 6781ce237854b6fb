#!/usr/bin/env bash
# Run every cargo-fuzz target for SECONDS (default 1800) each, all at once, at nice 19.
# Logs go to fuzz/logs/<target>.log; a crash leaves its input under fuzz/artifacts/<target>/.
# An input taking over 5 s (-timeout=5) counts as a finding, like a crash: a slow input is a bug.
#
#   scripts/fuzz-all.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECONDS_PER_TARGET=${1:-1800}
mkdir -p logs
export RUSTC_BOOTSTRAP=1
nice -n 19 cargo fuzz build -O
for t in $(cargo fuzz list); do
  nice -n 19 cargo fuzz run -O "$t" -- -max_total_time="$SECONDS_PER_TARGET" -max_len=8192 \
    -rss_limit_mb=2048 -timeout=5 -print_final_stats=1 >"logs/$t.log" 2>&1 &
done
status=0
for job in $(jobs -p); do wait "$job" || status=1; done
for t in $(cargo fuzz list); do
  printf '%-16s %s\n' "$t" "$(grep -a 'stat::number_of_executed_units' "logs/$t.log" | awk '{print $2}') executions"
done
exit $status
