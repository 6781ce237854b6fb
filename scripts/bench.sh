#!/usr/bin/env bash
# Throughput of the full pipeline beside `pdftotext -layout` and pdfplumber, on the shared corpus
# (or the folders given): installs pdfplumber with pip when it is missing, builds the release
# binary and runs `agendapack bench`. Prints figures only; never fails on a number.
#
#   scripts/bench.sh [DIRS...] [-- BENCH OPTIONS...]      e.g. scripts/bench.sh -- --rounds 5 -v
#
# AGENDAPACK_BIN=path uses that binary instead of building the release one; PYTHON=path picks the
# interpreter (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
PYTHON=${PYTHON:-python3}

dirs=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do dirs+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift

if command -v "$PYTHON" >/dev/null && ! "$PYTHON" -c 'import pdfplumber' 2>/dev/null; then
  echo "installing pdfplumber for the comparison" >&2
  "$PYTHON" -m pip install --quiet pdfplumber >&2 || echo "note: could not install pdfplumber" >&2
fi
if [ -n "${AGENDAPACK_BIN:-}" ]; then
  BIN=$AGENDAPACK_BIN
else
  cargo build --release --quiet
  BIN=$CARGO_TARGET_DIR/release/agendapack
fi
echo "$(uname -srm), $(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$BIN" bench --python "$PYTHON" "${dirs[@]}" "$@"
