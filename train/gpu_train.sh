#!/bin/bash
# Runs on a lent GPU machine (issue 4): trains side by side on one GPU from the
# packed set .carry/lines.npz (made here by train/pack.py) and writes weights,
# configs and logs to $OUT (the device returns at most 8 files: keep runs <= 2
# when all their files are wanted, or fetch weights only).
#   pair   (stages 1-2) lstm1 and the convolution-only head, from scratch
#   three  (stage 4) ft = the committed model (.carry/init_weights.npz) fine-tuned;
#          scr = the same architecture from scratch; wide = a wider model
# Usage (device): bash train/gpu_train.sh SECONDS [pair|three]
set -u
cd "$(dirname "$0")/.."
S=${1:-300}
MODE=${2:-pair}
OUT=${OUT:-/tmp/gpu_out}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader > "$OUT/gpu.txt" 2>&1
python3 -c "import torch, cv2; print('torch', torch.__version__, 'cv2', cv2.__version__)" >> "$OUT/gpu.txt"
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=4
run() { python3 train/gpu_train.py --pack .carry/lines.npz --out "$OUT" --seconds "$S" "$@" & }
if [ "$MODE" = three ]; then
  run --name lstm1 --tag ft --seed 31 --lr 1e-3 --batch 384 --init .carry/init_weights.npz
  run --name lstm1 --tag scr --seed 32 --lr 3e-3 --batch 384
  run --name lstm1w --tag wide --seed 33 --lr 3e-3 --batch 384
else
  run --name lstm1 --seed 1
  run --name conv --seed 2
fi
wait
cat "$OUT/gpu.txt"
