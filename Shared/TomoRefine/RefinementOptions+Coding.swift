import TomoCore
import TomoKernels

extension RefinementOptions {
    /// Writes every option (symmetry as its RELION symbol); see ``IterationState/encoded()``.
    func encode(into w: inout RefineByteWriter) {
        w.int(classCount); w.int(iterations); w.double(tau2Fudge)
        w.bool(particleDiameter != nil); w.double(particleDiameter ?? 0)
        w.double(maskEdge); w.bool(zeroMask); w.bool(flattenSolvent)
        w.bool(initialHighResolution != nil); w.double(initialHighResolution ?? 0)
        w.bool(firstIterationCC); w.int(padding); w.int(healpixOrder)
        w.bool(psiStep != nil); w.double(psiStep ?? 0)
        w.double(offsetRange); w.double(offsetStep)
        w.bool(sigmaAngles != nil); w.double(sigmaAngles ?? 0)
        w.bool(skipAlign)
        w.bool(strictHighResExpectation != nil); w.double(strictHighResExpectation ?? 0)
        w.string(symmetry.symbol); w.double(initialSigmaOffset); w.int(incrementSize)
        w.double(adaptiveFraction); w.double(perturb); w.u64(randomSeed)
        w.int(particlesForInitialNoise); w.bool(fixSigmaNoise); w.int(batchSize)
        w.int(oversampling)
    }

    /// Reads what ``encode(into:)`` wrote.
    init(decoding r: inout RefineByteReader) throws(RefinementError) {
        self.init()
        func optional(_ r: inout RefineByteReader, _ field: String) throws(RefinementError) -> Double? {
            let present = try r.bool(field), v = try r.double(field)
            return present ? v : nil
        }
        classCount = try r.int("K"); iterations = try r.int("iter"); tau2Fudge = try r.double("tau2_fudge")
        particleDiameter = try optional(&r, "particle_diameter")
        maskEdge = try r.double("maskedge"); zeroMask = try r.bool("zero_mask"); flattenSolvent = try r.bool("flatten_solvent")
        initialHighResolution = try optional(&r, "ini_high")
        firstIterationCC = try r.bool("firstiter_cc"); padding = try r.int("pad"); healpixOrder = try r.int("healpix_order")
        psiStep = try optional(&r, "psi_step")
        offsetRange = try r.double("offset_range"); offsetStep = try r.double("offset_step")
        sigmaAngles = try optional(&r, "sigma_ang")
        skipAlign = try r.bool("skip_align")
        strictHighResExpectation = try optional(&r, "strict_highres_exp")
        let symbol = try r.string("sym")
        do { symmetry = try SymmetryGroup(symbol) } catch {
            throw RefinementError("\(r.what): unknown symmetry '\(symbol)'")
        }
        initialSigmaOffset = try r.double("offset"); incrementSize = try r.int("incr_size")
        adaptiveFraction = try r.double("adaptive_fraction"); perturb = try r.double("perturb")
        randomSeed = try r.u64("random_seed")
        particlesForInitialNoise = try r.int("nr_parts_sigma2noise"); fixSigmaNoise = try r.bool("fix_sigma_noise")
        batchSize = try r.int("batch_size")
        oversampling = try r.int("oversampling")
    }
}
