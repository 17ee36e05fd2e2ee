import Testing
import TomoCore
import TomoSTAR
import TomoRelion

/// `sta compare`'s pose errors against a simulation's truth.
@Suite struct PoseErrorsTests {
    static func set(_ poses: [ParticlePose], names: [String]) -> ParticleSet {
        ParticleSet(particles: zip(poses, names).map { TomoParticle(tomoName: "TS_01", particleName: $1, pose: $0) },
                    optics: StarBlock(name: "optics", isLoop: true), subTomogramsAre2DStacks: false)
    }

    @Test func knownRotationsAndShiftsAreMeasuredAndTheAngleSplitDoesNotMatter() {
        var rng = SplitMix64(seed: 5)
        var truth: [ParticlePose] = [], refined: [ParticlePose] = []
        let errors = [1.0, 2.0, 3.0, 4.0, 5.0]
        for (i, e) in errors.enumerated() {
            let total = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(0, 180), psi: rng.uniform(-180, 180)).matrix
            let sub = EulerAngles(rot: rng.uniform(-180, 180), tilt: rng.uniform(0, 180), psi: rng.uniform(-180, 180))
            let c = Vector3(rng.uniform(-500, 500), rng.uniform(-500, 500), rng.uniform(-100, 100))
            // Truth: all rotation in the particle angles, no origin.
            truth.append(ParticlePose(centeredPositionAngst: c, angles: EulerAngles(matrix: total)))
            // Refined: the same total rotation turned by e° about x, split as A_s·A_p, and an origin
            // that moves the used position by 2e Å along the sub-tomogram's z.
            let turned = Matrix3.rotationX(degrees: e) * total
            let origin = Vector3(0, 0, -2 * e)
            refined.append(ParticlePose(centeredPositionAngst: c, originAngst: origin, subtomogramAngles: sub,
                                        angles: EulerAngles(matrix: sub.matrix.transposed * turned)))
            _ = i
        }
        let names = errors.indices.map { String($0 + 1) }
        let result = PoseErrors(refined: Self.set(refined, names: names), truth: Self.set(truth, names: names))
        #expect(result.count == 5)
        for (k, e) in errors.enumerated() {
            #expect(abs(result.angular[k] - e) < 1e-3)
            #expect(abs(result.position[k] - 2 * e) < 1e-6)
        }
        #expect(abs(result.medianAngular - 3) < 1e-3 && abs(result.medianPosition - 6) < 1e-6)
        // Particles absent from the truth are skipped.
        let partial = PoseErrors(refined: Self.set(refined, names: ["1", "2", "x", "y", "z"]), truth: Self.set(truth, names: names))
        #expect(partial.count == 2)
    }
}
