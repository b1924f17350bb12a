#!/bin/sh
# CPU fine-tune of the committed recognizer on NEW lines (session 3, no GPU lent):
# starts from the stage-2 GPU weights, trains on fresh generator lines that favour
# the weakest fields (train/data/ft3, made by train/gen_ft3.sh: seeds 5100-5101
# all fields, 5201-5207 one weak field each, TRAIN faces only) mixed with part of the
# stage-1 lines so the other fields are not forgotten. One torch thread, niced, so
# that it shares the 2-core machine; resumable (rerun the same command).
# Knobs: RUN, STEPS, MINUTES, LR, INIT (weights .npz or a run's ckpt.pt), EXTRA
# (more training dirs, e.g. reader crops).
# The committed stage 3 (models/MODEL.md) was, after train/gen_ft3.sh and
# `train/reader_lines.py --train train/data/reader/train_crops DUMPS...`:
#   RUN=train/runs/cpu-ft3 train/finetune_cpu.sh            (stopped at step 400)
#   X=train/data/reader/train_crops RUN=train/runs/cpu-ft3b STEPS=320 LR=2e-4 \
#     INIT=train/runs/cpu-ft3/ckpt.pt EXTRA="$X $X $X $X" train/finetune_cpu.sh
set -eu
cd "$(dirname "$0")/.."
RUN=${RUN:-train/runs/cpu-ft3}
STEPS=${STEPS:-3200}
MINUTES=${MINUTES:-65}
LR=${LR:-4e-4}
INIT=${INIT:-train/runs/gpu2/lstm1_weights.npz}
EXTRA=${EXTRA:-}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
new=$(ls -d train/data/ft3/*/ | tr '\n' ' ')
old="train/data/train_a0 train/data/train_a1 train/data/train_a2 train/data/train_a3 \
train/data/train_b0 train/data/train_b1 train/data/train_b2 train/data/train_b3 train/data/drawn_dm"
exec nice -n 10 /usr/bin/python3 train/train.py --train $new $old $EXTRA --val train/data/traineval \
  --run "$RUN" --steps "$STEPS" --lr "$LR" --seed 31 --charset models/charset.txt --threads 1 \
  --init "$INIT" --max-minutes "$MINUTES" --eval-every 400
