import TomoCore

/// The geometry and truth of a simulated dataset: tomograms with their tilt alignment and CTF,
/// and particles with true poses and classes. Built from parameters and a seed alone.
public struct SimulatedDataset: Sendable {
    public var parameters: SimulationParameters
    public var tomograms: [SimulatedTomogram]
    public var particles: [SimulatedParticle]

    /// Lays out tomograms and particles.
    /// - Throws: `SimulationError` when the particles do not fit in the tomograms without overlap.
    public init(_ p: SimulationParameters) throws(SimulationError) {
        parameters = p
        var rng = SplitMix64(seed: p.seed)
        var tomograms: [SimulatedTomogram] = []
        for t in 0..<p.tomogramCount {
            let nominal = rng.uniform(p.defocusRange.lowerBound, p.defocusRange.upperBound)
            let astigAngle = rng.uniform(-90, 90)
            var tilts: [SimulatedTomogram.Tilt] = []
            for (f, angle) in p.tiltScheme.angles.enumerated() {
                let d = nominal + 150 * rng.gaussian()
                tilts.append(.init(
                    stageAngle: angle, preExposure: p.tiltScheme.preExposures[f],
                    xTilt: 0.2 * rng.gaussian(), yTilt: angle + 0.1 * rng.gaussian(), zRot: p.tiltAxisAngle + 0.2 * rng.gaussian(),
                    xShiftAngst: p.shiftError * rng.gaussian(), yShiftAngst: p.shiftError * rng.gaussian(),
                    defocusU: d + p.astigmatism / 2, defocusV: d - p.astigmatism / 2,
                    defocusAngle: astigAngle + 2 * rng.gaussian()))
            }
            tomograms.append(SimulatedTomogram(name: tiltSeriesName(t + 1), tilts: tilts))
        }
        self.tomograms = tomograms
        particles = try Self.placeParticles(p, tomograms: tomograms, rng: &rng)
    }

    /// Random, non-overlapping positions inside each tomogram (kept away from the edges so every
    /// particle is seen in every tilt), random true orientations, states, and noisy priors.
    static func placeParticles(_ p: SimulationParameters, tomograms: [SimulatedTomogram],
                               rng: inout SplitMix64) throws(SimulationError) -> [SimulatedParticle] {
        let px = p.pixelSize
        let minDistance = 0.8 * 350 / px                       // ~ribosome diameter, in pixels
        let zHalf = Double(p.tomogramThickness) / 2 - Double(p.boxSize) / 4
        // At tilt θ a point moves by |z|·sin θ along x; keep the box inside the image at 60°.
        let xyRadius = Double(p.imageSize) / 2 - Double(p.boxSize) / 2 - zHalf * 0.87 - 2
        guard xyRadius > 0, zHalf >= 0 else {
            throw SimulationError("tomogram \(p.imageSize)×\(p.imageSize)×\(p.tomogramThickness) px is too small for box \(p.boxSize)")
        }
        var out: [SimulatedParticle] = []
        let junkCount = Int((Double(p.particleCount) * p.junkFraction).rounded())
        let goodCount = p.particleCount - junkCount
        let secondCount = Int((Double(goodCount) * p.secondStateFraction).rounded())
        // Shuffle the class labels so states are mixed over tomograms.
        var states = [Int](repeating: 1, count: goodCount - secondCount) + [Int](repeating: 2, count: secondCount)
            + [Int](repeating: 0, count: junkCount)
        for i in stride(from: states.count - 1, to: 0, by: -1) {
            states.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        var positions: [[Vector3]] = Array(repeating: [], count: tomograms.count)
        for i in 0..<p.particleCount {
            let t = i % tomograms.count
            var placed: Vector3?
            for _ in 0..<2000 {
                let r = xyRadius * rng.uniform(0, 1).squareRoot(), phi = rng.uniform(0, 2 * .pi)
                let c = Vector3(r * _cos(phi), r * _sin(phi), rng.uniform(-zHalf, zHalf))
                if positions[t].allSatisfy({ ($0 - c).norm >= minDistance }) { placed = c; break }
            }
            guard let c = placed else {
                throw SimulationError("cannot place \(p.particleCount) particles without overlap in \(tomograms.count) tomogram(s) of \(p.imageSize)×\(p.imageSize)×\(p.tomogramThickness) px; use more tomograms or larger ones")
            }
            positions[t].append(c)
            let centred = c * px
            let total = randomRotation(&rng)
            let subtomo = p.randomSubtomogramAngles ? randomRotation(&rng) : Matrix3.identity
            let particleMatrix = subtomo.transposed * total              // A_s·A_p = total
            let truth = ParticlePose(centeredPositionAngst: centred,
                                     subtomogramAngles: EulerAngles(matrix: subtomo),
                                     angles: EulerAngles(matrix: particleMatrix))
            // Prior: rotate A_p by a random small rotation, shift the position.
            let err = p.angularPriorError > 0 ? smallRotation(&rng, sigmaDegrees: p.angularPriorError) : .identity
            let shift = Vector3(rng.gaussian(), rng.gaussian(), rng.gaussian()) * p.offsetPriorError
            let prior = ParticlePose(centeredPositionAngst: centred + shift,
                                     subtomogramAngles: truth.subtomogramAngles,
                                     angles: EulerAngles(matrix: particleMatrix * err))
            let name = "\(tomograms[t].name)/\(positions[t].count)"
            out.append(SimulatedParticle(tomogram: t, name: name, truth: truth, prior: prior,
                                         state: states[i], junkSeed: rng.next()))
        }
        return out
    }

    /// A rotation uniformly distributed over SO(3) (from a random unit quaternion).
    static func randomRotation(_ rng: inout SplitMix64) -> Matrix3 {
        var q = (rng.gaussian(), rng.gaussian(), rng.gaussian(), rng.gaussian())
        let n = (q.0 * q.0 + q.1 * q.1 + q.2 * q.2 + q.3 * q.3).squareRoot()
        q = (q.0 / n, q.1 / n, q.2 / n, q.3 / n)
        let (w, x, y, z) = q
        return Matrix3([1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
                        2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
                        2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)])
    }

    /// A rotation about a random axis by an angle drawn from |N(0, σ)| per axis component, so the
    /// angular error has the given standard deviation per axis.
    static func smallRotation(_ rng: inout SplitMix64, sigmaDegrees: Double) -> Matrix3 {
        let v = Vector3(rng.gaussian(), rng.gaussian(), rng.gaussian()) * (sigmaDegrees * .pi / 180)
        let angle = v.norm
        guard angle > 0 else { return .identity }
        let a = v / angle
        let c = _cos(angle), s = _sin(angle), t = 1 - c
        return Matrix3([t * a.x * a.x + c, t * a.x * a.y - s * a.z, t * a.x * a.z + s * a.y,
                        t * a.x * a.y + s * a.z, t * a.y * a.y + c, t * a.y * a.z - s * a.x,
                        t * a.x * a.z - s * a.y, t * a.y * a.z + s * a.x, t * a.z * a.z + c])
    }
}

/// A simulation that cannot be laid out or written, with the reason.
public struct SimulationError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Vector3 {
    static func * (a: Vector3, s: Double) -> Vector3 { Vector3(a.x * s, a.y * s, a.z * s) }
}

/// `TS_01`, `TS_02`, … as RELION's tutorials name tilt series.
func tiltSeriesName(_ index: Int) -> String {
    let digits = String(index)
    return "TS_" + (digits.count < 2 ? "0" + digits : digits)
}
