#!/bin/bash
# Runs on a lent GPU machine (issue 4, session 3): three runs side by side on one
# GPU from the packed set .carry/lines.npz (train/pack.py; fixed line generator,
# TRAIN faces, plus the reader's crops of TUNE pages at weight 4):
#   ft    the committed model (.carry/init_weights.npz) fine-tuned on the new lines
#   scr   the same architecture from scratch
#   wide  a wider model from scratch (does capacity limit accuracy?)
# Weights, configs and logs go to $OUT. Usage (device): bash train/gpu_train3.sh SECONDS
set -u
cd "$(dirname "$0")/.."
S=${1:-420}
OUT=${OUT:-/tmp/gpu_out}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader > "$OUT/gpu.txt" 2>&1
python3 -c "import torch, cv2; print('torch', torch.__version__, 'cv2', cv2.__version__)" >> "$OUT/gpu.txt"
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=4
P=.carry/lines.npz
python3 train/gpu_train.py --pack $P --out "$OUT" --name lstm1 --tag ft --seconds "$S" --seed 31 \
  --lr 1e-3 --batch 384 --init .carry/init_weights.npz &
python3 train/gpu_train.py --pack $P --out "$OUT" --name lstm1 --tag scr --seconds "$S" --seed 32 \
  --lr 3e-3 --batch 384 &
python3 train/gpu_train.py --pack $P --out "$OUT" --name lstm1w --tag wide --seconds "$S" --seed 33 \
  --lr 3e-3 --batch 384 &
wait
cat "$OUT/gpu.txt"
