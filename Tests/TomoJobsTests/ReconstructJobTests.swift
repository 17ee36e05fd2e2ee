import Foundation
import Testing
import TomoAlgorithms
import TomoCore
import TomoFFT
import TomoJobs
import TomoKernels
import TomoMRC
import TomoRelion
import TomoSTAR

/// `ReconstructJob` on the fixture project (noise-free, 24 particles, bin 2).
@Suite struct ReconstructJobTests {
    static func job(source: ReconstructOptions.Source, particles: String, crop: Int? = nil) async throws -> ReconstructJob {
        let dir = try await ProjectFixture.stacks.value
        var o = ReconstructOptions(boxSize: 24)
        o.binning = 2; o.source = source; o.cropSize = crop; o.halves = .randomSubsetOrRandom(seed: 1)
        let p = try ParticleSet.read(path: dir + "/" + particles, tomograms: try TomogramSet.read(path: dir + "/tomograms.star", projectDirectory: dir))
        let t = try TomogramSet.read(path: dir + "/tomograms.star", projectDirectory: dir)
        return try ReconstructJob(particles: p, tomograms: t, projectDirectory: dir,
                                  outputDirectory: "Reconstruct/\(source == .tiltSeries ? "ts" : "stacks")", options: o)
    }

    static func relativeDifference(_ a: RealVolume, _ b: RealVolume) -> Double {
        let d = zip(a.data, b.data).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        return (d / a.data.reduce(0.0) { $0 + Double($1 * $1) }).squareRoot()
    }

    /// Back-projecting 24 particles in 1, 2 or 4 batches (partials added) gives the same half maps
    /// to 1e-5 relative.
    @Test func batchSplitInvariance() async throws {
        let job = try await Self.job(source: .tiltSeries, particles: "particles.star")
        func maps(_ batches: Int) throws -> [RealVolume] {
            var total = ReconstructionAccumulator(size: 24)
            let per = 24 / batches
            for b in 0..<batches { total.add(try job.backProject(indices: Array((b * per)..<((b + 1) * per)))) }
            #expect(total.particleCounts.reduce(0, +) == 24)
            return [total.reconstruct(half: 1), total.reconstruct(half: 2)]
        }
        let one = try maps(1), two = try maps(2), four = try maps(4)
        for h in 0..<2 {
            #expect(Self.relativeDifference(one[h], two[h]) < 1e-5)
            #expect(Self.relativeDifference(one[h], four[h]) < 1e-5)
        }
    }

    /// The map from the tilt series directly (box 24, cropped to 20) and the map from our extracted
    /// 2D stacks (crop 20, float16) agree: FSC ≥ 0.9 up to 0.8 × Nyquist (shell 8 of 10) inside a
    /// soft sphere; the job writes merged/half1/half2 (20³ at 20 Å) and fsc.star.
    @Test func stacksAndTiltSeriesGiveTheSameMap() async throws {
        let fromTS = try await Self.job(source: .tiltSeries, particles: "particles.star", crop: 20)
        let fromStacks = try await Self.job(source: .extracted, particles: "Extract/stack2d/particles.star")
        let a = try fromTS.run(), b = try fromStacks.run()
        let mapA = MapTaper.crop(a.merged, to: 20), mapB = b.merged
        var x = mapA, y = mapB
        SphericalMask.apply(&x, radius: 8, edgeWidth: 2); SphericalMask.apply(&y, radius: 8, edgeWidth: 2)
        let fsc = FSC.curve(FFT.forward(x), FFT.forward(y))
        print("tilt series vs stacks FSC:", fsc)
        var s = 0
        while s + 1 < fsc.count && fsc[s + 1] >= 0.9 { s += 1 }
        #expect(s >= 8)
        let dir = fromTS.projectDirectory + "/Reconstruct/ts"
        for name in ["merged.mrc", "half1.mrc", "half2.mrc"] {
            let m = try MRCFile.open(path: dir + "/" + name)
            #expect(m.shape == (20, 20, 20))
            #expect(abs(m.voxelSize.x - 20) < 1e-4)
        }
        let table = try StarDocument.read(path: dir + "/fsc.star")
        let res = try #require(table["general"]).string("rlnFinalResolution", row: 0).flatMap(Double.init)
        #expect(res.map { $0 >= 40 && $0 < 1000 } == true)
        #expect(table["fsc"]?.rowCount == 13)
    }
}

extension ReconstructJobTests {
    /// The map from our 3D pseudo-subtomogram files (data + weights read back) agrees with the
    /// map from the tilt series: FSC ≥ 0.9 up to 0.8 × Nyquist (shell 9.6 of 12).
    @Test func subtomogramFilesGiveTheSameMap() async throws {
        let dir = try await ProjectFixture.volumes.value
        let fromTS = try await Self.job(source: .tiltSeries, particles: "particles.star")
        let fromFiles = try await Self.job(source: .extracted, particles: "Extract/subtomo/particles.star")
        #expect(fromFiles.projectDirectory == dir)
        let a = try fromTS.backProject(indices: Array(0..<24)).reconstructMerged()
        let b = try fromFiles.backProject(indices: Array(0..<24)).reconstructMerged()
        var x = a, y = b
        SphericalMask.apply(&x, radius: 10, edgeWidth: 2); SphericalMask.apply(&y, radius: 10, edgeWidth: 2)
        let fsc = FSC.curve(FFT.forward(x), FFT.forward(y))
        print("tilt series vs 3D files FSC:", fsc)
        var s = 0
        while s + 1 < fsc.count && fsc[s + 1] >= 0.9 { s += 1 }
        #expect(Double(s) >= 0.8 * 12)
    }
}
