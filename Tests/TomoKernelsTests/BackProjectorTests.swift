import Testing
import TomoCore
import TomoFFT
@testable import TomoKernels

@Suite struct BackProjectorTests {
    /// Acceptance: back-projecting noise-free central slices of a phantom over 2,000 uniform
    /// orientations recovers it with FSC ≥ 0.95 up to 0.9 × Nyquist.
    @Test func reconstructsPhantomFromCentralSlices() {
        let n = 32
        let v = FourierTestSupport.phantom(n, seed: 21, blobs: 36, sigma: 0.7...3.0, extent: 0.6)
        let ref = PaddedFourierReference(v)
        var bp = BackProjector(size: n)
        for a in FourierTestSupport.fibonacciOrientations(2000, seed: 22) {
            bp.insert(slice: ref.extractSlice(rotation: a), rotation: a)
        }
        let rec = bp.reconstruct()
        let fsc = FSC.curve(FFT.forward(rec), FFT.forward(v))
        let limit = Int((0.9 * Double(n / 2)).rounded(.down))
        let minimum = fsc[1...limit].min()!
        print("reconstruction FSC: \(fsc.map { ($0 * 1000).rounded() / 1000 })")
        #expect(minimum >= 0.95, "FSC up to shell \(limit): minimum \(minimum)")
        // Real-space agreement with the phantom band-limited to the Nyquist sphere (slices stop
        // there), which also checks the scale.
        var band = FFT.forward(v)
        FourierFilter.lowPass(&band, radius: Double(n / 2), edgeWidth: 0)
        let err = FourierTestSupport.relativeError(rec.data, FFT.inverse(band).data)
        // Measured 0.054: what is left is mostly the ≈6 % low-frequency (DC) bias of trilinear
        // gridding at padding 2, once in extraction and once in insertion.
        #expect(err < 0.07, "relative real-space error \(err)")
        print("reconstruction: relative real-space error \(err)")
    }

    /// 3D insertion of rotated Fourier volumes (pseudo-subtomograms) with unit weights over 100
    /// orientations (enough to fill the padded grid densely) reconstructs the map; the Wiener and threshold rules agree at high weight.
    @Test func reconstructsFromRotatedVolumes() {
        let n = 16
        let v = FourierTestSupport.phantom(n, seed: 23, blobs: 12, sigma: 1.0...2.5, extent: 0.55)
        let ref = PaddedFourierReference(v)
        var bp = BackProjector(size: n)
        for a in FourierTestSupport.fibonacciOrientations(100, seed: 24) {
            bp.insert(volume: ref.extractVolume(rotation: a), rotation: a)
        }
        let limit = Int(0.8 * Double(n / 2))
        for rule in [ReconstructionRegularisation.shellFraction(0.001), .minimumWeight(1e-3), .wiener(snr: 1e4)] {
            let fsc = FSC.curve(FFT.forward(bp.reconstruct(rule)), FFT.forward(v))
            let minimum = fsc[1...limit].min()!
            #expect(minimum >= 0.97, "\(rule): FSC up to shell \(limit) minimum \(minimum)")
        }
    }

    /// Per-pixel weights act as RELION's: for observed images `X = c·F` (c a smooth CTF-like
    /// factor with zeros), inserting data `c·X` with weight `c²` gives `F` back.
    @Test func ctfLikeWeightsAreDividedOut() {
        let n = 16
        let v = FourierTestSupport.phantom(n, seed: 25, blobs: 10, sigma: 1.0...2.5, extent: 0.5)
        let ref = PaddedFourierReference(v)
        var bp = BackProjector(size: n)
        for (j, a) in FourierTestSupport.fibonacciOrientations(300, seed: 26).enumerated() {
            var s = ref.extractSlice(rotation: a)
            // A CTF-like factor sin(α|k|² + 0.3) whose "defocus" α varies per image, so its zeros move.
            let alpha = 0.01 + 0.02 * Double(j % 5) / 4
            var w = [Float](repeating: 0, count: s.count)
            for y in 0..<n { for x in 0...(n / 2) {
                let ky = FourierFrequency.signed(index: y, size: n)
                let i = x + (n / 2 + 1) * y
                let c = Float(_sin(alpha * Double(x * x + ky * ky) + 0.3))
                s.data[i] *= c * c; w[i] = c * c
            } }
            bp.insert(slice: s, rotation: a, weights: w)
        }
        let fsc = FSC.curve(FFT.forward(bp.reconstruct()), FFT.forward(v))
        let minimum = fsc[1...Int(0.8 * Double(n / 2))].min()!
        #expect(minimum >= 0.95, "FSC with CTF-like weights, minimum \(minimum)")
    }

    /// Merging two accumulators equals inserting everything into one.
    @Test func addMergesAccumulators() {
        let n = 12
        let v = FourierTestSupport.phantom(n, seed: 27, blobs: 6, sigma: 1.0...2.0, extent: 0.5)
        let ref = PaddedFourierReference(v)
        let rots = FourierTestSupport.fibonacciOrientations(20, seed: 28)
        var all = BackProjector(size: n), a = BackProjector(size: n), b = BackProjector(size: n)
        for (i, r) in rots.enumerated() {
            let s = ref.extractSlice(rotation: r)
            all.insert(slice: s, rotation: r)
            if i % 2 == 0 { a.insert(slice: s, rotation: r) } else { b.insert(slice: s, rotation: r) }
        }
        a.add(b)
        let maxDiff = zip(a.weight, all.weight).map { abs($0 - $1) }.max()!
        #expect(maxDiff < 1e-4)
    }
}
