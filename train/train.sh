#!/bin/sh
# Rebuilds the line recognizer from scratch on CPU, seeded (issue 4):
#   1. renders value lines with the corpus generator's line mode: TRAIN faces for
#      training, held-out faces only for the report;
#   2. trains (resumable: rerun the same command to continue from RUN/ckpt.pt);
#   3. exports ONNX for OpenCV DNN (checks OpenCV against torch);
#   4. evaluates through the C++ read-line path per face, greedy and constrained.
# Knobs (environment): SEED, SHARDS x SHARD_LINES training lines, STEPS, MINUTES
# (training time cap), BUILD (build dir with bpkb-ocr and bpkb-ocr-synth), RUN.
# The result is RUN/root/models/recognizer.onnx; copy it to models/ to install.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-text}
SEED=${SEED:-1}
SHARDS=${SHARDS:-10}
SHARD_LINES=${SHARD_LINES:-4000}
STEPS=${STEPS:-6000}
MINUTES=${MINUTES:-50}
RUN=${RUN:-train/runs/cpu-seed$SEED}
DATA=train/data/seed$SEED
PY=/usr/bin/python3
# OMP_THREAD_LIMIT=1 would starve torch's 2 threads; evaluate.py sets it for read-line itself
export OPENBLAS_NUM_THREADS=1

[ -x "$BUILD/bpkb-ocr-synth" ] && [ -x "$BUILD/bpkb-ocr" ] || {
  echo "build first: cmake --build $BUILD --target bpkb-ocr bpkb-ocr-synth" >&2; exit 2; }
mkdir -p "$DATA" "$RUN"

# 1. data (each shard is skipped when already complete); two generators at a time
gen() {  # dir seed count faces
  [ -f "$1/lines.tsv" ] || "$BUILD/bpkb-ocr-synth" --lines --out "$1" --seed "$2" --count "$3" \
    --faces "$4" --threads 1
}
t0=$(date +%s)
k=0
while [ $k -lt "$SHARDS" ]; do
  gen "$DATA/train$k" $((SEED * 1000 + k)) "$SHARD_LINES" train &
  k1=$((k + 1))
  if [ $k1 -lt "$SHARDS" ]; then gen "$DATA/train$k1" $((SEED * 1000 + k1)) "$SHARD_LINES" train; fi
  wait
  k=$((k + 2))
done
gen "$DATA/traineval" $((SEED * 1000 + 901)) 1000 train &
gen "$DATA/heldout" $((SEED * 1000 + 902)) 2000 heldout
wait
echo "data: $((SHARDS * SHARD_LINES)) training lines in $(( $(date +%s) - t0 ))s"

# 2. train
dirs=""
k=0
while [ $k -lt "$SHARDS" ]; do dirs="$dirs $DATA/train$k"; k=$((k + 1)); done
$PY train/train.py --train $dirs --val "$DATA/traineval" --run "$RUN" --steps "$STEPS" \
  --seed "$SEED" --charset models/charset.txt --threads 2 --max-minutes "$MINUTES"

# 3. export
mkdir -p "$RUN/root/models"
$PY train/export.py "$RUN/ckpt.pt" "$RUN/root/models/recognizer.onnx"
cp models/charset.txt "$RUN/root/models/charset.txt"

# 4. evaluate per face on train faces and held-out faces
$PY train/evaluate.py --root "$RUN/root" --bin "$BUILD/bpkb-ocr" \
  --data "$DATA/traineval" "$DATA/heldout" --json "$RUN/metrics.json"
echo "model: $RUN/root/models/recognizer.onnx (install: cp it to models/)"
