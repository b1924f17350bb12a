#!/usr/bin/env bash
# Installs, builds and starts the service on 127.0.0.1:8080 with an embedded
# SQLite database under ./data/; on first start it creates a demo application and
# prints its App-ID and API-Key.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p data
exec build/bpkb-ocr serve --host 127.0.0.1 --port 8080 --db data/bpkb.sqlite --demo-app "$@"
