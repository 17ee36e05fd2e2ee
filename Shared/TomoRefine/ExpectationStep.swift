import TomoCore
import TomoKernels

/// The E-step of one particle (spec §5.2) and its share of the M-step sums (§5.4).
///
/// For every class `k`, orientation `A` and translation `t`:
/// ```
/// D(φ) = Σ_j Σ_κ |C·Proj_j(κ) − X̃_jt(κ)|² / (2σ²(s))          (κ over the E-step pixels)
///      = Σ_j Σ_κ [ C²|P|²/(2σ²) − Re(C·P·X̃*)/σ² + |X|²/(2σ²) ]
/// ```
/// with `Proj_j = N·F_V((R_j·A)ᵀ κ)` (2D; `F_V(Aᵀκ)` in 3D) and `X̃_jt = X_j·exp(−2πi κ·u/N)`,
/// `u = R_j·(o + t)`. The slice is computed once per orientation and tilt; all translations are
/// then evaluated against precomputed shifted images (phase ramps), so the cost per
/// (orientation, tilt, translation) is one dot product over the pixels.
enum ExpectationStep {
    /// One candidate orientation of a class.
    struct Orientation {
        var angles: EulerAngles
        var logPrior: Double
        /// Coarse direction index (global searches), else −1.
        var direction: Int
        /// The psi of the grid before the iteration's perturbation (degrees).
        var gridPsi: Double
    }

    static func orientations(_ p: ParticleObservation, ctx: IterationContext, classIndex k: Int) -> [Orientation] {
        guard let sampling = ctx.sampling, !ctx.options.skipAlign else {
            return [Orientation(angles: p.angles, logPrior: ctx.classLogPrior[k], direction: -1, gridPsi: p.angles.psi)]
        }
        // Grid perturbation (§5.3): the same shift of rot, tilt and psi for every orientation.
        let da = ctx.perturbation * OrientationSampling.angularStep(order: sampling.healpixOrder)
        let dpsi = ctx.perturbation * (sampling.psiAngles.count > 1 ? sampling.psiAngles[1] - sampling.psiAngles[0] : 0)
        func perturbed(_ a: EulerAngles) -> EulerAngles { EulerAngles(rot: a.rot + da, tilt: a.tilt + da, psi: a.psi + dpsi) }
        if let sigma = ctx.options.sigmaAngles, sigma > 0 {
            // Local: Gaussian prior around the current angles; no class prior (§5.2, §13 item 14).
            let hood = OrientationNeighbourhood(sampling: sampling, prior: p.angles, sigma: sigma, symmetry: ctx.options.symmetry)
            return hood.entries.map {
                Orientation(angles: perturbed(sampling.angles(direction: $0.directionIndex, psi: $0.psiIndex)),
                            logPrior: _log($0.weight), direction: $0.directionIndex,
                            gridPsi: sampling.psiAngles[$0.psiIndex])
            }
        }
        var out: [Orientation] = []
        out.reserveCapacity(sampling.count)
        let lpPsi = -_log(Double(sampling.psiAngles.count))
        for d in 0..<sampling.directions.count {
            let lp = ctx.directionLogPrior[k][d] + lpPsi
            for s in 0..<sampling.psiAngles.count {
                out.append(Orientation(angles: perturbed(sampling.angles(direction: d, psi: s)), logPrior: lp, direction: d,
                                       gridPsi: sampling.psiAngles[s]))
            }
        }
        return out
    }

    /// Model values `Proj(κ)` (before the CTF) of `reference` through rotation `m` at `pixels`,
    /// written interleaved (re, im) into `out`: `N·F_V(Mᵀκ)` for 2D slices, `F_V(Mᵀκ)` in 3D.
    @inline(__always)
    static func project(_ reference: FourierProjector, rotation m: Matrix3, pixels: FourierPixelSet,
                        threeDimensional: Bool, into out: UnsafeMutablePointer<Float>) {
        reference.project(rotation: m, pixels: pixels, scale: threeDimensional ? 1 : Float(reference.size), into: out)
    }
}
