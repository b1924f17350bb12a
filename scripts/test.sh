#!/usr/bin/env bash
# The whole test suite: installs and builds (scripts/setup.sh), runs every test,
# then builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs
# the suite there too (tests labelled "slow" run only in the first pass).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export OMP_THREAD_LIMIT=1

echo "== tests (release build)"
ctest --test-dir build --output-on-failure -j2 --timeout 1200

echo "== tests (ASan + UBSan build)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBPKB_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j2 --timeout 1800 -LE slow
