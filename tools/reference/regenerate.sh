#!/usr/bin/env bash
# Regenerates every golden file and test-vector file from the CPython reference scripts.
# Usage: tools/reference/regenerate.sh [JOBS]   (JOBS = how many step scripts run at once, default 2)
# Data: ../shared/data/names.txt relative to the repo root (override with DATA=/path/names.txt).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
GOLDEN="$ROOT/engine/src/main/resources/microgpt/reference"
REF="$ROOT/engine/src/test/resources/reference"
JOBS="${1:-2}"
DATA_ARGS=()
if [[ -n "${DATA:-}" ]]; then DATA_ARGS=(--data "$DATA"); fi
mkdir -p "$GOLDEN" "$REF"
cd "$HERE"

run_step() {  # run_step N: writes stepN.log, stepN.losses and stepN.time (wall-clock seconds)
  local n="$1" t0 t1
  t0=$(date +%s.%N)
  python3 "step$n.py" ${DATA_ARGS[@]+"${DATA_ARGS[@]}"} --losses-out "$GOLDEN/step$n.losses" > "$GOLDEN/step$n.log"
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.2f}')" > "$GOLDEN/.step$n.time"
}

python3 gradcheck.py ${DATA_ARGS[@]+"${DATA_ARGS[@]}"} > "$GOLDEN/gradcheck-yuheng.txt"
python3 random_vectors.py > /dev/null
python3 math_vectors.py > /dev/null

# slowest first, at most $JOBS at a time
pids=()
for n in 5 4 3 2 1 0; do
  run_step "$n" &
  pids+=($!)
  while (( $(jobs -rp | wc -l) >= JOBS )); do wait -n; done
done
wait

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "python: $(python3 --version 2>&1)"
  echo "machine: $(uname -m), $(nproc) cores; step scripts run $JOBS at a time"
  echo "wall-clock seconds (python3 tools/reference/stepN.py, 1000 steps, seed 42):"
  for n in 0 1 2 3 4 5; do echo "step$n: $(cat "$GOLDEN/.step$n.time")"; rm -f "$GOLDEN/.step$n.time"; done
} > "$GOLDEN/timing.txt"
cat "$GOLDEN/timing.txt"
