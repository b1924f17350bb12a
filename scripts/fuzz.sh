#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) with clang and runs each for a while.
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 20 s, all three)
# Corpora grow under data/fuzz/<target> (ignored by git), seeded from
# fuzz/corpus/<target>; crashes are written to data/fuzz/crashes/. Exit status
# is non-zero when a harness finds a crash, leak or timeout. Prints one line per
# target with its executions, so longer runs can be reported.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(decode_fuzzer upload_fuzzer fields_fuzzer)
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}

if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ is missing (scripts/setup.sh installs clang and libclang-rt-14-dev)" >&2
  exit 1
fi
CXX=clang++ cmake -S fuzz -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target "${TARGETS[@]}" >/dev/null

mkdir -p data/fuzz/crashes
export OMP_THREAD_LIMIT=1 ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
status=0
for t in "${TARGETS[@]}"; do
  corpus=data/fuzz/${t%_fuzzer}
  mkdir -p "$corpus"
  log=data/fuzz/$t.log
  set +e
  "$BUILD/$t" "$corpus" "fuzz/corpus/${t%_fuzzer}" -max_total_time="$SECONDS_EACH" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix=data/fuzz/crashes/"$t"- >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  echo "fuzz: $t: ${execs:-?} executions in ${SECONDS_EACH}s, exit $rc"
  if [ $rc -ne 0 ]; then
    status=1
    grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$log" >&2 || true
  fi
done
exit $status
