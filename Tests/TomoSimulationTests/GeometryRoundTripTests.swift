import Testing
import TomoCore
import TomoFFT
import TomoKernels
@testable import TomoSimulation

/// The simulator and the geometry code agree: back-projecting the simulated tilt images through
/// our own projection model at the true poses recovers the ground-truth map.
@Suite struct GeometryRoundTripTests {
    static func parameters() -> SimulationParameters {
        var p = SimulationParameters()
        p.particleCount = 36
        p.tomogramCount = 3            // three nominal defoci, so CTF zeros do not coincide
        p.pixelSize = 8
        p.imageSize = 256
        p.tomogramThickness = 80
        p.boxSize = 48
        p.randomSubtomogramAngles = true   // exercises A_s·A_p
        p.seed = 11
        return p
    }

    @Test func backProjectionAtTruePosesRecoversTheTruth() async throws {
        let p = Self.parameters()
        let sim = try await TiltSeriesSimulation.run(p)
        let b = p.boxSize, n = p.imageSize
        var bp = BackProjector(size: b, padding: 2)
        for particle in sim.dataset.particles {
            let tomo = sim.dataset.tomograms[particle.tomogram]
            for f in tomo.tilts.indices {
                let proj = tomo.projection(f, size: p.tomogramSize, imageSize: n, pixelSize: p.pixelSize)
                let at = particle.truth.projectedPosition(proj, tomogramSize: p.tomogramSize, pixelSize: p.pixelSize)
                let dz = particle.truth.defocusOffset(proj, tomogramSize: p.tomogramSize, pixelSize: p.pixelSize, hand: p.hand)
                let ix = Int(at.x.rounded(.down)), iy = Int(at.y.rounded(.down))
                let frame = sim.frames[particle.tomogram][f]
                let patch = RealImage(nx: b, ny: b) { x, y in
                    let xx = ix - b / 2 + x, yy = iy - b / 2 + y
                    return xx >= 0 && xx < n && yy >= 0 && yy < n ? -frame[xx + n * yy] : 0   // invert contrast
                }
                var f2 = FFT.forward(patch)
                FourierShift.apply(&f2, sx: -(at.x - Double(ix)), sy: -(at.y - Double(iy)))
                let ctf = tomo.ctf(f, parameters: p).withDepthOffset(dz).image(size: b, pixelSize: p.pixelSize)
                for k in 0..<f2.data.count { f2.data[k].re *= ctf[k]; f2.data[k].im *= ctf[k] }
                bp.insert(slice: f2, rotation: particle.truth.imageRotation(proj), weights: ctf.map { $0 * $0 })
            }
        }
        var map = bp.reconstruct(.shellFraction(0.01))
        var truth = sim.maps[1]!
        let radius = 0.42 * Double(b)
        SphericalMask.apply(&map, radius: radius, edgeWidth: 4)
        SphericalMask.apply(&truth, radius: radius, edgeWidth: 4)
        let fsc = FSC.curve(FFT.forward(map), FFT.forward(truth))
        let res = FSC.resolution(fsc, threshold: 0.5, boxSize: b, pixelSize: p.pixelSize)
        // FSC ≥ 0.5 at ≤ 3 × the pixel size.
        #expect(res <= 3 * p.pixelSize, "FSC-0.5 resolution vs truth \(res) Å; curve \(fsc.map { ($0 * 100).rounded() / 100 })")
    }
}
