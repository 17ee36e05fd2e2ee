#!/usr/bin/env bash
# The main job: simulate a RELION 5 tomography project with known truth, extract, reconstruct;
# then summarise a real RELION 5 project from ../shared/data/real (where that
# folder exists). Class3D and select join as they land.
set -euo pipefail
cd "$(dirname "$0")/.."
STA="$(swift build -c release --show-bin-path)/sta"
REAL="${STA_REAL_DATA:-../shared/data/real}"

OUT="${DEMO_OUT:-demo-out}"
section() { printf '\n== %s ==\n' "$1"; }

section "1. Simulate a project: 300 ribosome-like particles, 3 tilt series, 41 tilts, SNR 0.05"
[ -f "$OUT/project/.sta/cluster.json" ] && "$STA" down --project "$OUT/project" >/dev/null 2>&1 || true
rm -rf "$OUT/project"
mkdir -p "$OUT/project"
PROJECT="$(cd "$OUT/project" && pwd)"
trap '"$STA" down --project "$PROJECT" >/dev/null 2>&1 || true' EXIT
( cd "$PROJECT"
  "$STA" simulate --o . --particles 300 --tomograms 3 --box 96 --angpix 5 --image-size 768 --thickness 160 \
    --snr 0.05 --angle-error 8 --offset-error 15 --float16 --seed 1
  "$STA" info optimisation_set.star | sed -n '/RELION tomography project/,$p'

  section "2. Extract subtomos on the embedded cluster: bin 2, box 48, 2D stacks (relion_tomo_subtomo flags)"
  "$STA" extract --i optimisation_set.star --b 48 --bin 2 --stack2d --float16 | tee extract.log
  EXTRACT="$(sed -n 's/^outputs: .*\(Extract\/job[0-9]*\)\/optimisation_set.star.*/\1/p' extract.log)"

  section "3. Reconstruct particle at the picked orientations: bin 2, box 48"
  "$STA" reconstruct --i "$EXTRACT/optimisation_set.star" --b 48 --bin 2 --random_halves 1

  section "4. The job ledger (monitor jobs) and the RELION pipeline"
  "$STA" status
  monitor="$(dirname "$STA")/monitor"
  "$monitor" jobs --catalog "ipc://$PROJECT/.sta/catalog.ipc"
  "$STA" printtable default_pipeline.star pipeline_processes
  "$STA" down
)
echo
echo "project: $PROJECT (truth under truth/, maps under Reconstruct/, the RELION pipeline in default_pipeline.star)"

if [ ! -d "$REAL" ]; then
  echo
  echo "demo: $REAL is absent (a user's own clone); skipping the real-project summaries."
  exit 0
fi

section "RELION 5 tomogram set with per-tilt-series files (RELION's own test project)"
"$STA" info "$REAL/relion/test_project_directory/tilt_series_metadata/tilt_series.star" \
  --project "$REAL/relion/test_project_directory"

section "RELION 5 tomogram set written by pytom-match-pick's RELION 5 project"
"$STA" info "$REAL/pytom-match-pick/relion5_project_example/Tomograms/job009/tomograms.star" \
  --project "$REAL/pytom-match-pick/relion5_project_example"

section "RELION 5 particle set (2D stacks) from the RELION 5 STA tutorial"
"$STA" info "$REAL/cryocat/motl_data/relion5/clean/R5_tutorial_run_data.star"

section "Class distribution and resolution per class (sta printtable, as relion_star_printtable)"
"$STA" printtable "$REAL/dials-relion31-tutorial/Class3D/job016/run_it025_model.star" \
  data_model_classes rlnReferenceImage rlnClassDistribution rlnEstimatedResolution

section "A tilt series (MRC stack)"
"$STA" info "$REAL/cryocat/tilt_stack.mrc"
