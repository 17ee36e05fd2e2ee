import Testing
import TomoCore
@testable import TomoFFT

@Suite struct FFTTests {
    static let shapes3D: [(Int, Int, Int)] = [(7, 5, 6), (8, 8, 8), (6, 7, 5), (5, 4, 3)]
    static let shapes2D: [(Int, Int)] = [(7, 5), (8, 6), (16, 16), (9, 12)]

    @Test(arguments: shapes3D) func forward3DMatchesNaiveDFT(shape: (Int, Int, Int)) {
        let v = NaiveDFT.randomVolume(shape.0, shape.1, shape.2, seed: 11)
        let f = FFT.forward(v)
        let err = NaiveDFT.relativeError(f.data, NaiveDFT.forward(v))
        #expect(err < 1e-5, "relative error \(err) for \(shape)")
        #expect(abs(Double(f.data[0].re) - v.mean) < 1e-6, "F(0) must be the mean")
    }

    @Test(arguments: shapes2D) func forward2DMatchesNaiveDFT(shape: (Int, Int)) {
        let v = NaiveDFT.randomVolume(shape.0, shape.1, 1, seed: 12)
        let f = FFT.forward(RealImage(v))
        let err = NaiveDFT.relativeError(f.data, NaiveDFT.forward(v))
        #expect(err < 1e-5, "relative error \(err) for \(shape)")
    }

    @Test(arguments: shapes3D) func roundTrip3D(shape: (Int, Int, Int)) {
        let v = NaiveDFT.randomVolume(shape.0, shape.1, shape.2, seed: 13)
        let f = FFT.forward(v)
        let copy = f
        let back = FFT.inverse(f)
        #expect(NaiveDFT.relativeError(back.data, v.data) < 1e-5)
        #expect(f == copy, "inverse must not modify its input")
    }

    @Test(arguments: shapes2D) func roundTrip2D(shape: (Int, Int)) {
        let v = RealImage(NaiveDFT.randomVolume(shape.0, shape.1, 1, seed: 14))
        let back = FFT.inverse(FFT.forward(v))
        #expect(NaiveDFT.relativeError(back.data, v.data) < 1e-5)
    }

    @Test func batchedEqualsOneByOne() {
        let images = (0..<9).map { RealImage(NaiveDFT.randomVolume(10, 7, 1, seed: UInt64(100 + $0))) }
        let batched = FFT.forward(batch: images)
        for (im, f) in zip(images, batched) {
            #expect(NaiveDFT.relativeError(f.data, NaiveDFT.forward(im.asVolume)) < 1e-5)
        }
        let back = FFT.inverse(batch: batched)
        for (im, b) in zip(images, back) { #expect(NaiveDFT.relativeError(b.data, im.data) < 1e-5) }
    }

    /// Buffers offset by one float are not SIMD-aligned; the unaligned plan (other
    /// codelets, so not bit-identical) must agree to float precision.
    @Test func unalignedBuffersGiveSameResult() {
        let v = NaiveDFT.randomVolume(8, 8, 8, seed: 15)
        let shape = FFTShape(cube: 8)
        let reference = FFT.forward(v).data
        var input = [Float](repeating: 0, count: shape.realCount + 1)
        for i in 0..<v.count { input[i + 1] = v.data[i] }
        var out = [ComplexF](repeating: .zero, count: shape.complexCount + 1)
        input.withUnsafeBufferPointer { ib in
            out.withUnsafeMutableBufferPointer { ob in
                let o = UnsafeMutableRawPointer(ob.baseAddress!).advanced(by: 4).assumingMemoryBound(to: ComplexF.self)
                FFT.forward(UnsafeBufferPointer(rebasing: ib[1...]), into: UnsafeMutableBufferPointer(start: o, count: shape.complexCount),
                            shape: shape)
                let got = (0..<shape.complexCount).map { o[$0] }
                let err = NaiveDFT.relativeError(got, reference.map { (Double($0.re), Double($0.im)) })
                #expect(err < 1e-6, "unaligned vs aligned relative error \(err)")
            }
        }
    }

    @Test func measureAndThreadsAgreeWithEstimate() {
        let v = NaiveDFT.randomVolume(24, 24, 24, seed: 16)
        let a = FFT.forward(v)
        let b = FFT.forward(v, options: FFTOptions(effort: .measure, threads: 2))
        let err = NaiveDFT.relativeError(b.data, a.data.map { (Double($0.re), Double($0.im)) })
        #expect(err < 1e-6)
        let back = FFT.inverse(b, options: FFTOptions(effort: .measure, threads: 2))
        #expect(NaiveDFT.relativeError(back.data, v.data) < 1e-5)
    }

    /// Many tasks transforming concurrently (sharing cached plans) give bit-identical results.
    @Test func concurrentUseIsDeterministic() async {
        let inputs = (0..<6).map { NaiveDFT.randomVolume(12 + $0, 10, 9, seed: UInt64(200 + $0)) }
        let serial = inputs.map { FFT.inverse(FFT.forward($0)).data }
        let results = await withTaskGroup(of: (Int, [Float]).self) { group in
            for rep in 0..<48 {
                let k = rep % inputs.count
                let v = inputs[k]
                group.addTask { (k, FFT.inverse(FFT.forward(v)).data) }
            }
            var all: [(Int, [Float])] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 48)
        for (k, d) in results { #expect(d == serial[k], "task result for input \(k) differs") }
    }
}
