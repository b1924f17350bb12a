#!/bin/sh
# CPU fine-tune of the INSTALLED recognizer (models/recognizer.onnx) when its
# training checkpoint is gone (session 8, no GPU lent): the weights are recovered
# from the ONNX file (train/from_onnx.py: batch norms folded, so they stay frozen),
# then trained on new generator lines in TRAIN faces, weighted to the weakest fields,
# drawn dot-matrix lines, and the reader's own value-line crops of TUNE pages
# (`bpkb-ocr dump-lines` + `train/reader_lines.py --train`, VIN crops with label
# strokes included). Resumable: rerun the same command.
# Knobs: BUILD, RUN, STEPS, MINUTES, LR, THREADS, ALPHA (share of the fine-tuned
# weights in the result, 0.5), CROPS (reader crop dumps to train on,
# each dump folder made by `bpkb-ocr dump-lines --data corpus/NAME`), VAL.
# Session 8 (models/MODEL.md, stage 5): the dumps of 30 tune corpora, then
#   CROPS="train/data/dumps/lead-9940 train/data/dumps/lead-9941 ..." train/finetune_installed.sh
# EXTRA=1 also trains on 12,000 lines in the generator's extra faces (seeds
# 7300-7303; session 9, from stage 5, RUN=train/runs/ft6 STEPS=6000: no better on
# the validation faces, not installed; models/MODEL.md).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
RUN=${RUN:-train/runs/ft5}
STEPS=${STEPS:-8000}
MINUTES=${MINUTES:-85}
LR=${LR:-3e-4}
THREADS=${THREADS:-2}
CROPS=${CROPS:-}
VAL=${VAL:-train/data/traineval3}
PY=/usr/bin/python3
D=train/data/s8
export OPENBLAS_NUM_THREADS=1

# 1. data: generator lines (TRAIN faces; seeds 7000-7003 all fields, 7201-7208 one
#    weak field each), drawn dot-matrix lines, the reader crops
g() { [ -f "$1/lines.tsv" ] || nice -n 10 "$BUILD/bpkb-ocr-synth" --lines --out "$1" --seed "$2" \
  --count "$3" --faces "$4" --threads 1 $5; }
g "$VAL" 303 2000 train ""
for k in 0 1 2 3; do g $D/all$k $((7000 + k)) 3000 train ""; done
g $D/no_rangka 7201 3000 train "--field no_rangka"
g $D/no_mesin 7202 2000 train "--field no_mesin"
g $D/nama 7203 2000 train "--field nama_pemilik"
g $D/alamat 7204 2000 train "--field alamat"
g $D/no_id 7205 1500 train "--field no_id"
g $D/bpkb 7206 1500 train "--field nomor_bpkb"
g $D/polisi 7207 1500 train "--field nomor_polisi"
g $D/tipe 7208 1500 train "--field tipe"
if [ "${EXTRA:-0}" = 1 ]; then
  for k in 0 1 2 3; do g $D/extra$k $((7300 + k)) 3000 extra ""; done
fi
[ -f $D/drawn/lines.tsv ] || $PY train/render_lines.py --out $D/drawn --count 3000 --seed 12 \
  --faces drawn-dotmatrix
extra=""
if [ -n "$CROPS" ]; then
  $PY train/reader_lines.py --train $D/crops $CROPS
  extra="$D/crops $D/crops"  # the real page look, twice as often
fi

# 2. recover the installed weights, fine-tune with frozen batch norms
mkdir -p "$RUN"
[ -f "$RUN/installed_weights.npz" ] || (cd train && $PY from_onnx.py ../models/recognizer.onnx \
  ../models/charset.txt "../$RUN/installed")
sets=$(ls -d $D/*/ | grep -v /crops/)
[ "${EXTRA:-0}" = 1 ] || sets=$(echo "$sets" | grep -v /extra)
$PY train/train.py --train $sets $extra --val "$VAL" --run "$RUN" \
  --steps "$STEPS" --lr "$LR" --seed 41 --charset models/charset.txt --threads "$THREADS" \
  --init "$RUN/installed_weights.npz" --freeze-bn --max-minutes "$MINUTES" --eval-every 1000

# 3. the midpoint of the installed and the fine-tuned weights (train/interpolate.py:
#    the fine-tune alone read the train and validation faces better but the held-out
#    faces no better), exported (checks OpenCV DNN against torch)
$PY train/interpolate.py "$RUN/installed_weights.npz" "$RUN/ckpt.pt" "${ALPHA:-0.5}" "$RUN/mixed"
mkdir -p "$RUN/root/models"
$PY train/export.py "$RUN/mixed_weights.npz" "$RUN/root/models/recognizer.onnx"
cp models/charset.txt "$RUN/root/models/charset.txt"
echo "model: $RUN/root/models/recognizer.onnx (evaluate with train/evaluate.py --root $RUN/root)"
