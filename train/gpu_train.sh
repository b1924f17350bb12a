#!/bin/bash
# Runs on a lent GPU machine (issue 4): trains two variants side by side from the
# packed data set .carry/lines.npz (made here by train/pack.py from generator
# lines in TRAIN faces) and writes their weights, configs and logs to $OUT.
# Usage (device): bash train/gpu_train.sh SECONDS
set -u
cd "$(dirname "$0")/.."
S=${1:-300}
OUT=${OUT:-/tmp/gpu_out}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader > "$OUT/gpu.txt" 2>&1
python3 -c "import torch, cv2; print('torch', torch.__version__, 'cv2', cv2.__version__)" >> "$OUT/gpu.txt"
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=4
python3 train/gpu_train.py --pack .carry/lines.npz --out "$OUT" --name lstm1 --seconds "$S" --seed 1 &
python3 train/gpu_train.py --pack .carry/lines.npz --out "$OUT" --name conv --seconds "$S" --seed 2 &
wait
cat "$OUT/gpu.txt"
