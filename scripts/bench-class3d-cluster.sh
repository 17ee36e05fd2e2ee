#!/usr/bin/env bash
# One Class3D iteration (K = 1, local searches, the RELION comparison's flags) on a `classifier`
# with 1 and then 2 `aligner` processes (credit 1 each), against `sta class3d --in_process --j 1`
# and `--j 2`: the cost of running the E-step on the aligner pool. Figures in docs/benchmarks.md.
#   scripts/bench-class3d-cluster.sh [PARTICLES=100] [BOX=64]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(swift build -c release --show-bin-path)"
N="${1:-100}"; BOX="${2:-64}"
W="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"; }
trap cleanup EXIT
cd "$W"
"$BIN/sta" simulate --o . --particles "$N" --tomograms 2 --box 96 --angpix 5 --image-size 768 --thickness 160 \
  --snr 0.05 --angle-error 8 --offset-error 15 --seed 5 >/dev/null
"$BIN/sta" extract --in-process --i optimisation_set.star --o Extract/job001/ --b "$BOX" --bin 2 --stack2d >/dev/null
"$BIN/sta" reconstruct --in-process --i Extract/job001/optimisation_set.star --o Reconstruct/job002/ --b "$BOX" --bin 2 >/dev/null
FLAGS=(--ios Extract/job001/optimisation_set.star --ref Reconstruct/job002/merged.mrc --trust_ref_size --ini_high 50 --ctf
       --iter 1 --tau2_fudge 4 --K 1 --flatten_solvent --zero_mask --healpix_order 3 --sigma_ang 5 --offset_range 2
       --offset_step 1 --random_seed 1)
seconds() { local s; s=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $s" | bc; }
echo "Class3D iteration 1, $N particles, 2D stacks box $BOX (bin 2, 10 Å), 41 tilts:"
for j in 1 2; do
  echo "  in process, --j $j: $(seconds "$BIN/sta" class3d --in_process --j "$j" --o "Class3D/inproc$j/run" "${FLAGS[@]}") s"
done
EP="ipc://$W/classifier.ipc"
"$BIN/classifier" --bind "$EP" --events "ipc://$W/no-bus" --catalog "ipc://$W/no-catalog" --name c1 >classifier.log 2>&1 &
PIDS+=($!)
for n in 1 2; do
  "$BIN/aligner" --classifier "$EP" --credit 1 --events "ipc://$W/no-bus" --catalog "ipc://$W/no-catalog" --name "a$n" >"aligner$n.log" 2>&1 &
  PIDS+=($!)
  sleep 1
  echo "  classifier + $n aligner(s): $(seconds "$BIN/sta" class3d --classifier "$EP" --o "Class3D/cluster$n/run" "${FLAGS[@]}") s"
done
cmp -s Class3D/inproc1/run_it001_class001.mrc Class3D/cluster2/run_it001_class001.mrc \
  && echo "  (the class map is identical in process and on the pool)" || echo "  WARNING: the maps differ"
