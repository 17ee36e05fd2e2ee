#!/usr/bin/env bash
# Runs every benchmark in a release build and prints the figures quoted in docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(swift build -c release --show-bin-path)"
export STA_PYTHON="${STA_PYTHON:-$PWD/.venv/bin/python}"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$BIN/Benchmarks" star "${STAR_ROWS:-1000000}"
"$BIN/Benchmarks" fft
"$BIN/Benchmarks" slice
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
echo "Simulator: 500 particles, box 48, 41 tilts (dose-symmetric ±60° step 3), SNR 0.05"
/usr/bin/time -f "  wall %e s, peak RSS %M KiB" "$BIN/sta" simulate --o "$OUT/sim" --particles 500 --tomograms 2 \
  --box 48 --angpix 10 --image-size 512 --thickness 160 --snr 0.05
