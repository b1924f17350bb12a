#!/usr/bin/env bash
# Installs every dependency of bpkb-ocr on Debian 12 and builds it.
# Idempotent: safe to run again. Needs root (or sudo) for apt.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

# Build, libraries, OCR, PDF, HTTP, storage, CLI, tests.
BUILD_PKGS="build-essential cmake pkg-config clang-format
  libopencv-dev libtesseract-dev tesseract-ocr tesseract-ocr-eng tesseract-ocr-ind
  libpoppler-cpp-dev libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev
  libpq-dev libpqxx-dev libsodium-dev libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcairo2-dev libpango1.0-dev
  libfreetype-dev libqrencode-dev poppler-utils curl ca-certificates
  chromium"  # chromium: the dashboard's browser tests (issue 7)
# Faces for labels (serif bold) and printed values (mono, squarish, typewriter,
# italic). Some are held out from training and tuning (see README).
FONT_PKGS="fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-freefont-ttf
  fonts-urw-base35 fonts-texgyre fonts-ocr-a fonts-courier-prime fonts-anonymous-pro
  fonts-go fonts-hack fonts-jetbrains-mono fonts-inconsolata fonts-noto-mono
  fonts-league-mono fonts-mononoki fonts-3270 fonts-tlwg-typewriter-ttf
  fonts-tlwg-mono-ttf fonts-linuxlibertine fonts-oldstandard"
# Training of the line recognizer (development; the model is committed).
TRAIN_PKGS="python3-torch python3-onnx python3-numpy python3-opencv libopenblas0-pthread"
# Scale-out (issue 6): PostgreSQL and nginx for scripts/cluster.sh and its tests,
# wrk for load runs, clang + compiler-rt for the libFuzzer harnesses (fuzz/).
SCALE_PKGS="postgresql nginx-light wrk clang libclang-rt-14-dev"

# Node.js only when the machine has none (some images ship their own build).
command -v npm >/dev/null 2>&1 || BUILD_PKGS="$BUILD_PKGS nodejs npm"

export DEBIAN_FRONTEND=noninteractive
if ! dpkg -s $BUILD_PKGS $FONT_PKGS $TRAIN_PKGS $SCALE_PKGS >/dev/null 2>&1; then
  $SUDO apt-get update -q
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -q --no-install-recommends $BUILD_PKGS $FONT_PKGS $TRAIN_PKGS $SCALE_PKGS
fi

# Reference data (pinned in package-lock.json): Indonesian regions; playwright-core
# drives Debian's chromium in the dashboard's browser tests (it downloads no browser).
if [ ! -d node_modules/idn-area-data ] || [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
