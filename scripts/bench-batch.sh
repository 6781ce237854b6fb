#!/usr/bin/env bash
# Batch throughput of `agendapack extract` over the shared corpus replicated R times (default 20):
# documents/s and pages/s at --jobs 1 and --jobs 2, the speed-up, and peak RSS at several corpus
# sizes (it should stay flat as the corpus grows, since documents stream through a bounded
# window). Every replica gets a distinct trailing comment, so no two files are identical and none
# is skipped as a duplicate.
#
#   scripts/bench-batch.sh [REPLICAS] [CORPUS_DIR]
#
# AGENDAPACK_BIN=path uses that binary instead of building the release one.
#
# Prints figures only; never fails on a number.
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICAS=${1:-20}
CORPUS=${2:-../shared/corpus}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}

[ -d "$CORPUS" ] || { echo "no corpus at $CORPUS" >&2; exit 1; }
if [ -n "${AGENDAPACK_BIN:-}" ]; then
  BIN=$AGENDAPACK_BIN
else
  cargo build --release --quiet
  BIN=$CARGO_TARGET_DIR/release/agendapack
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/agendapack-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

replicate() { # replicate N DEST
  local n=$1 dest=$2
  for r in $(seq 1 "$n"); do
    (cd "$CORPUS" && find . -type f \( -name '*.pdf' -o -name '*.txt' \)) | while read -r f; do
      mkdir -p "$dest/r$r/$(dirname "$f")"
      cp "$CORPUS/$f" "$dest/r$r/$f"
      case "$f" in
        *.pdf) printf '\n%%replica %d\n' "$r" >>"$dest/r$r/$f" ;;
        *) printf '\n<!-- replica %d -->\n' "$r" >>"$dest/r$r/$f" ;;
      esac
    done
  done
}

run() { # run INPUT JOBS -> prints the manifest's figures as "docs pages secs docs/s pages/s rss failed"
  local input=$1 jobs=$2
  local out=$WORK/out-$jobs
  rm -rf "$out"
  /usr/bin/time -f "%U %S" -o "$WORK/cpu" \
    "$BIN" extract "$input" -o "$out" --jobs "$jobs" --force -q 2>/dev/null || true
  python3 - "$out/manifest.json" "$WORK/cpu" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
user, sys_ = (float(x) for x in open(sys.argv[2]).read().split()[-2:])
cpu = (user + sys_) / m["elapsed_seconds"] if m["elapsed_seconds"] else 0
print(m["documents"], m["pages"], f'{m["elapsed_seconds"]:.2f}', f'{m["documents_per_second"]:.1f}',
      f'{m["pages_per_second"]:.1f}', m.get("peak_rss_kib") or 0, m["failed"], f'{cpu:.2f}')
PY
}

echo "agendapack $("$BIN" --version | cut -d' ' -f2), corpus $CORPUS, $(nproc) CPUs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in 1 5 "$REPLICAS"; do
  rm -rf "$WORK/in"
  replicate "$n" "$WORK/in"
  read -r d1 p1 s1 dps1 pps1 rss1 f1 c1 < <(run "$WORK/in" 1)
  read -r d2 p2 s2 dps2 pps2 rss2 f2 c2 < <(run "$WORK/in" 2)
  speedup=$(python3 -c "print(f'{$s1 / $s2:.2f}' if $s2 > 0 else 'n/a')")
  echo "replicas=$n documents=$d1 pages=$p1 failed=$f1"
  echo "  --jobs 1: ${s1}s  ${dps1} documents/s  ${pps1} pages/s  peak RSS $((rss1 / 1024)) MiB  CPUs busy ${c1}"
  echo "  --jobs 2: ${s2}s  ${dps2} documents/s  ${pps2} pages/s  peak RSS $((rss2 / 1024)) MiB  CPUs busy ${c2}"
  echo "  speed-up (jobs 2 vs 1): ${speedup}x"
done
