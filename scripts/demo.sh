#!/usr/bin/env bash
# The seed workflow (spec sta-tutorial-relion5.md) on a simulated RELION 5 tomography project with
# known truth: simulate → extract (2D stacks) → reconstruct → Class3D K = 1 local searches →
# Class3D K = 3 without alignment → select → reconstruct the selection;
# then summarise a real RELION 5 project from ../shared/data/real (where that
# folder exists).
# Measured: scripts/demo.sh from a warm release build took 186 s (3.1 min) wall on this 2-core machine,
# Class3D on the classifier and its aligner pool; K = 1 local searches took the median angular error
# from 12.2° to 2.95° (0.45 px) in 3 iterations, and K = 3 put 100% of the selected particles in the
# right class (sta compare against truth/truth.star).
set -euo pipefail
cd "$(dirname "$0")/.."
STA="$(swift build -c release --show-bin-path)/sta"
REAL="${STA_REAL_DATA:-../shared/data/real}"

OUT="${DEMO_OUT:-demo-out}"
section() { printf '\n== %s ==\n' "$1"; }

section "1. Simulate a project: 300 ribosome-like particles in 2 states + 10% junk, 3 tilt series, 41 tilts, SNR 0.05"
[ -f "$OUT/project/.sta/cluster.json" ] && "$STA" down --project "$OUT/project" >/dev/null 2>&1 || true
rm -rf "$OUT/project"
mkdir -p "$OUT/project"
PROJECT="$(cd "$OUT/project" && pwd)"
trap '"$STA" down --project "$PROJECT" >/dev/null 2>&1 || true' EXIT
START=$(date +%s)
elapsed() { echo "($(( $(date +%s) - START )) s since the start)"; }
# The job directory named in a command's output (e.g. "Class3D/job005").
jobdir() { grep -o "$1/job[0-9]*" "$2" | head -1; }
( cd "$PROJECT"
  "$STA" simulate --o . --particles "${DEMO_PARTICLES:-300}" --tomograms 3 --box 96 --angpix 5 --image-size 768 \
    --thickness 160 --snr 0.05 --angle-error 8 --offset-error 15 --second-state 0.5 --junk 0.1 --factor-fraction 0.3 \
    --float16 --seed 1
  "$STA" info optimisation_set.star | sed -n '/RELION tomography project/,$p'
  elapsed

  section "2. Extract subtomos on the embedded cluster: bin 2, box 48, 2D stacks (relion_tomo_subtomo flags)"
  "$STA" extract --i optimisation_set.star --b 48 --bin 2 --stack2d --float16 | tee extract.log
  EXTRACT="$(jobdir Extract extract.log)"
  elapsed

  section "3. Reconstruct particle at the picked (perturbed) orientations: bin 2, box 48"
  "$STA" reconstruct --i "$EXTRACT/optimisation_set.star" --b 48 --bin 2 --random_halves 1 | tee reconstruct.log
  REC="$(jobdir Reconstruct reconstruct.log)"
  elapsed

  section "4. Class3D, K = 1, local searches around the priors, on the classifier and its aligner pool"
  # relion_refine's flags as the GUI writes them (spec §5.11); the job registers as Class3D/jobNNN.
  "$STA" class3d --ios "$EXTRACT/optimisation_set.star" --ref "$REC/merged.mrc" --trust_ref_size --ini_high 50 \
    --pad 2 --ctf --iter "${DEMO_ALIGN_ITER:-3}" --tau2_fudge 4 --particle_diameter 300 --K 1 --flatten_solvent --zero_mask \
    --healpix_order 3 --sigma_ang 5 --offset_range 2 --offset_step 1 --sym C1 --norm --scale --random_seed 1 \
    --j "$(nproc)" --pool 3 --dont_combine_weights_via_disc | tee class3d-align.log | grep -v '^  iteration'
  ALIGN="$(jobdir Class3D class3d-align.log)"
  ALIGN_IT="$(ls "$ALIGN"/run_it*_optimisation_set.star | tail -1)"
  "$STA" printtable "${ALIGN_IT%_optimisation_set.star}_model.star" data_model_classes rlnReferenceImage rlnEstimatedResolution
  echo "against the truth: the picked poses, then the refined ones, and the map:"
  "$STA" compare --truth truth/truth.star --i particles.star | grep '^poses'
  "$STA" compare --truth truth/truth.star --i "${ALIGN_IT%_optimisation_set.star}_data.star" \
    --map "${ALIGN_IT%_optimisation_set.star}_class001.mrc" --truth_map truth/state1.mrc | grep -E '^(poses|map)'
  elapsed

  section "5. Class3D, K = 3, without alignment (--skip_align): separate the two states and the junk"
  "$STA" class3d --ios "$ALIGN_IT" --ref "${ALIGN_IT%_optimisation_set.star}_class001.mrc" --trust_ref_size --ini_high 50 \
    --pad 2 --ctf --iter "${DEMO_CLASS_ITER:-5}" --tau2_fudge 4 --particle_diameter 300 --K 3 --flatten_solvent --zero_mask \
    --skip_align --sym C1 --norm --scale --random_seed 1 --j "$(nproc)" --pool 3 --dont_combine_weights_via_disc \
    | tee class3d.log | grep -v '^  iteration'
  CLASS="$(jobdir Class3D class3d.log)"
  LAST="$(ls "$CLASS"/run_it*_optimiser.star | tail -1)"
  "$STA" printtable "${LAST%_optimiser.star}_model.star" data_model_classes rlnReferenceImage rlnClassDistribution rlnEstimatedResolution
  echo "against the truth (the simulation knows every particle's state; class 0 = junk):"
  "$STA" compare --truth truth/truth.star --i "${LAST%_optimiser.star}_data.star"
  elapsed

  section "6. Select the classes that are not junk (at least 20% of the particles each)"
  "$STA" select --i "$LAST" --min_class_fraction "${DEMO_MIN_FRACTION:-0.2}" | tee select.log
  SELECT="$(jobdir Select select.log)"
  "$STA" compare --truth truth/truth.star --i "$SELECT/particles.star"
  elapsed

  section "7. Reconstruct the selected particles at their refined orientations: bin 2, box 48"
  "$STA" reconstruct --p "$SELECT/particles.star" --t tomograms.star --b 48 --bin 2 --random_halves 1 | tee reconstruct2.log
  REC2="$(jobdir Reconstruct reconstruct2.log)"
  elapsed

  section "8. The job ledger (monitor jobs) and the RELION pipeline"
  "$STA" status
  monitor="$(dirname "$STA")/monitor"
  "$monitor" jobs --catalog "ipc://$PROJECT/.sta/catalog.ipc"
  "$STA" printtable default_pipeline.star pipeline_processes
  "$STA" down
  echo
  echo "maps:     $PROJECT/$REC/merged.mrc (picked poses), $PROJECT/$REC2/merged.mrc (selected, refined poses),"
  echo "          $PROJECT/$ALIGN/ and $PROJECT/$CLASS/ run_itNNN_classKKK.mrc; truth under $PROJECT/truth/"
  echo "pictures: $PROJECT/$ALIGN/run_convergence.png, $PROJECT/$CLASS/run_convergence.png,"
  echo "          $PROJECT/$CLASS/$(basename "${LAST%_optimiser.star}")_classes.png"
  echo "          and the monitor's, one per iteration of every job: $PROJECT/Monitor/"
  ls Monitor | sed 's/^/            /' | head -12
  elapsed
)
echo
echo "project: $PROJECT (truth under truth/, the RELION pipeline in default_pipeline.star)"

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
