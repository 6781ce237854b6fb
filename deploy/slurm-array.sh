#!/usr/bin/env bash
# agendapack over an archive of agenda packs as a Slurm job array: one array task per shard.
#
#   sbatch --array=0-7 deploy/slurm-array.sh /shared/packs /shared/agendapack-out
#
# The number of shards is taken from the array (SLURM_ARRAY_TASK_COUNT, or ARRAY_TASK_MAX + 1);
# each task reads its index from SLURM_ARRAY_TASK_ID (0-based: use --array=0-(N-1)) and writes
# <out>/<document-id>.json, <out>/tables/<table>.shard-000I-of-000N.{jsonl,parquet},
# <out>/manifest.shard-000I-of-000N.json and, last, <out>/_SUCCESS.shard-000I-of-000N.
# Re-submitting the array (or one task) reuses finished documents and completes the rest; to
# re-run single tasks of an array of N, say N, since the new array is smaller:
#
#   AGENDAPACK_SHARDS=8 sbatch --array=3,5 deploy/slurm-array.sh /shared/packs /shared/agendapack-out
#
# Balanced shards: plan them once (`agendapack plan /shared/packs --shards 8 -o plan.json`) and
# pass the list; the number of shards is then the list's:
#
#   AGENDAPACK_SHARD_LIST=plan.json sbatch --array=0-7 deploy/slurm-array.sh /shared/packs OUT
#
# When every task has completed, `agendapack merge OUT` writes single tables/<table>.parquet files.
# Exit 1 (some documents failed, recorded in the errors table) is reported as success.
#
#SBATCH --job-name=agendapack
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=02:00:00
#SBATCH --output=agendapack-%A_%a.log
set -uo pipefail

PACKS=${1:?usage: sbatch --array=0-N deploy/slurm-array.sh PACKS_DIR OUT_DIR}
OUT=${2:?usage: sbatch --array=0-N deploy/slurm-array.sh PACKS_DIR OUT_DIR}
AGENDAPACK=${AGENDAPACK:-agendapack}

: "${SLURM_ARRAY_TASK_ID:?run this script as a Slurm job array (sbatch --array=0-N)}"
if [ -n "${AGENDAPACK_SHARD_LIST:-}" ]; then
  SPLIT=(--shard-list "$AGENDAPACK_SHARD_LIST")
elif [ -n "${AGENDAPACK_SHARDS:-}" ]; then
  SPLIT=(--shards "$AGENDAPACK_SHARDS")
elif [ -n "${SLURM_ARRAY_TASK_COUNT:-}" ]; then
  SPLIT=(--shards "$SLURM_ARRAY_TASK_COUNT")
else
  SPLIT=(--shards "$(( ${SLURM_ARRAY_TASK_MAX:?} + 1 ))")
fi

"$AGENDAPACK" extract "$PACKS" -o "$OUT" "${SPLIT[@]}" --jobs "${SLURM_CPUS_PER_TASK:-1}"
rc=$?
if [ "$rc" -le 1 ]; then
  exit 0
fi
exit "$rc"
