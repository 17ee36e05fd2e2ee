import Testing
import TomoClass3D
import TomoRefine

/// The spec §5.11 GUI command lines parse (with `sta class3d` in place of `relion_refine_mpi`).
@Suite struct Class3DArgumentsTests {
    static func args(_ line: String) -> [String] {
        Class3DArguments.split(line.replacingOccurrences(of: "\\\n", with: " ").replacingOccurrences(of: "\n", with: " "))
    }

    @Test func alignmentCleanUpCommandParses() throws {
        let line = """
        --o Class3D/job012/run --ios Extract/job010/optimisation_set.star \
        --ref Reconstruct/job011/merged.mrc --trust_ref_size --ini_high 60 --dont_combine_weights_via_disc \
        --pool 3 --pad 2 --ctf --iter 25 --tau2_fudge 1 --particle_diameter 230 --K 1 --flatten_solvent \
        --zero_mask --oversampling 1 --healpix_order 4 --sigma_ang 1.66667 --offset_range 5 --offset_step 2 \
        --sym C1 --norm --scale --j 6 --gpu ""
        """
        let o = try Class3DArguments.parse(Self.args(line))
        #expect(o.outputRoot == "Class3D/job012/run")
        #expect(o.optimisationSetFile == "Extract/job010/optimisation_set.star")
        #expect(o.referenceFile == "Reconstruct/job011/merged.mrc")
        #expect(o.trustReferenceSize && o.ctf && o.normCorrection && o.scaleCorrection)
        let r = o.refinement
        #expect(r.initialHighResolution == 60 && r.padding == 2 && r.iterations == 25 && r.tau2Fudge == 1)
        #expect(r.particleDiameter == 230 && r.classCount == 1 && r.flattenSolvent && r.zeroMask)
        #expect(r.healpixOrder == 4 && r.sigmaAngles == 1.66667 && r.offsetRange == 5 && r.offsetStep == 2)
        #expect(r.symmetry.symbol == "C1" && !r.skipAlign && o.threads == 6 && o.oversampling == 1)
        #expect(o.notes.count == 3)   // --dont_combine_weights_via_disc, --pool 3, --gpu ""
    }

    @Test func classificationWithoutAlignmentCommandParses() throws {
        let line = """
        --o Class3D/job013/run --i Class3D/job012/run_it025_data.star \
        --tomograms Tomograms/job006/tomograms.star --ref Class3D/job012/run_it025_class001.mrc \
        --trust_ref_size --ini_high 20 --dont_combine_weights_via_disc --pool 3 --pad 2 --ctf --iter 25 \
        --tau2_fudge 1 --particle_diameter 230 --K 6 --flatten_solvent --zero_mask --skip_align \
        --sym C1 --norm --scale --j 6
        """
        let o = try Class3DArguments.parse(Self.args(line))
        #expect(o.particlesFile == "Class3D/job012/run_it025_data.star")
        #expect(o.tomogramsFile == "Tomograms/job006/tomograms.star")
        #expect(o.refinement.classCount == 6 && o.refinement.skipAlign && o.refinement.initialHighResolution == 20)
        #expect(o.notes.count == 2)
    }

    @Test func defaultsAreRelions() throws {
        let o = try Class3DArguments.parse([])
        #expect(o.refinement.classCount == 1 && o.refinement.iterations == 50 && o.refinement.healpixOrder == 2)
        #expect(o.refinement.offsetRange == 6 && o.refinement.offsetStep == 2 && o.refinement.padding == 2)
        #expect(!o.refinement.zeroMask && !o.refinement.flattenSolvent && o.randomSeedArgument == -1)
    }

    @Test func unknownFlagIsRefusedByName() {
        #expect(throws: Class3DError.self) { try Class3DArguments.parse(["--auto_refine"]) }
        #expect(throws: Class3DError.self) { try Class3DArguments.parse(["--K"]) }
    }

    /// `--oversampling` reaches the engine (default 1 as RELION's; 0 = one coarse pass); negative refused.
    @Test func oversamplingReachesTheEngine() throws {
        #expect(try Class3DArguments.parse([]).refinement.oversampling == 1)
        let o = try Class3DArguments.parse(["--oversampling", "0"])
        #expect(o.refinement.oversampling == 0 && o.oversampling == 0)
        #expect(try Class3DArguments.parse(["--oversampling", "2"]).refinement.oversampling == 2)
        #expect(throws: Class3DError.self) { try Class3DArguments.parse(["--oversampling", "-1"]) }
    }
}
