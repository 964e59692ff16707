#!/usr/bin/env bash
# Times `microgpt train --step 5` against the CPython reference, one after the other in one run,
# and prints both wall-clock times and their ratio. Usage: tools/time-step5.sh [STEP] [ENGINE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
step="${1:-5}"
engine="${2:-readable}"
data="${MICROGPT_DATA:-$root/../shared/data/names.txt}"
"$root/microgpt" train --step 0 --steps 1 --samples 0 --data "$data" >/dev/null   # build the jar first

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); python3 -c "print($end - $start)"; }

java_s=$(seconds "$root/microgpt" train --step "$step" --engine "$engine" --data "$data")
python_s=$(seconds python3 "$root/tools/reference/step$step.py" --data "$data")
echo "step $step, 1000 steps + 20 samples, $(date -u +%Y-%m-%d), $(nproc) cores"
printf "  java  (microgpt train --step %s --engine %s): %8.2f s\n" "$step" "$engine" "$java_s"
printf "  cpython (tools/reference/step%s.py):          %8.2f s\n" "$step" "$python_s"
printf "  ratio:                                        %8.1fx\n" "$(python3 -c "print($python_s / $java_s)")"
