import TomoCore

extension FFT {
    /// Forward transform(s) from caller buffers into caller buffers, for hot loops (no allocation
    /// once the plan exists). `batch` transforms of `shape` lie back to back: input `i` at offset
    /// `i·shape.realCount`, output `i` at `i·shape.complexCount`. Output is divided by
    /// `shape.realCount`. `input` is not modified.
    /// - Precondition: `input.count ≥ batch·shape.realCount`, `output.count ≥ batch·shape.complexCount`.
    public static func forward(_ input: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<ComplexF>,
                               shape: FFTShape, batch: Int = 1, options: FFTOptions = .default) {
        precondition(batch >= 1, "FFT batch must be ≥ 1, got \(batch)")
        precondition(input.count >= batch * shape.realCount,
                     "FFT.forward: input has \(input.count) values, \(batch)×\(shape) needs \(batch * shape.realCount)")
        precondition(output.count >= batch * shape.complexCount,
                     "FFT.forward: output has \(output.count) values, \(batch)×\(shape) needs \(batch * shape.complexCount)")
        let i = UnsafeMutablePointer(mutating: input.baseAddress!)
        let o = UnsafeMutableRawPointer(output.baseAddress!)
        let aligned = fftwIsAligned(UnsafeMutableRawPointer(i)) && fftwIsAligned(o)
        let plan = FFTPlanCache.plan(FFTPlanKey(shape: shape, batch: batch, direction: .realToComplex,
                                                options: options, unaligned: !aligned))
        // An out-of-place r2c transform preserves its input (FFTW's default for r2c).
        fftwExecuteR2C(plan, i, o)
        let scale = 1 / Float(shape.realCount)
        let n = batch * shape.complexCount
        let f = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: Float.self)
        for k in 0..<(2 * n) { f[k] *= scale }
    }

    /// Inverse transform(s) (unscaled) from caller buffers. `input` is copied into `scratch`
    /// first and never modified. Layout of batches as in ``forward(_:into:shape:batch:options:)``.
    /// - Precondition: `input.count` and `scratch.count ≥ batch·shape.complexCount`,
    ///   `output.count ≥ batch·shape.realCount`.
    public static func inverse(_ input: UnsafeBufferPointer<ComplexF>, into output: UnsafeMutableBufferPointer<Float>,
                               scratch: UnsafeMutableBufferPointer<ComplexF>,
                               shape: FFTShape, batch: Int = 1, options: FFTOptions = .default) {
        precondition(batch >= 1, "FFT batch must be ≥ 1, got \(batch)")
        let n = batch * shape.complexCount
        precondition(input.count >= n, "FFT.inverse: input has \(input.count) values, \(batch)×\(shape) needs \(n)")
        precondition(scratch.count >= n, "FFT.inverse: scratch has \(scratch.count) values, needs \(n)")
        precondition(output.count >= batch * shape.realCount,
                     "FFT.inverse: output has \(output.count) values, \(batch)×\(shape) needs \(batch * shape.realCount)")
        let s = scratch.baseAddress!
        s.update(from: input.baseAddress!, count: n)
        let o = output.baseAddress!
        let aligned = fftwIsAligned(UnsafeMutableRawPointer(s)) && fftwIsAligned(UnsafeMutableRawPointer(o))
        let plan = FFTPlanCache.plan(FFTPlanKey(shape: shape, batch: batch, direction: .complexToReal,
                                                options: options, unaligned: !aligned))
        fftwExecuteC2R(plan, UnsafeMutableRawPointer(s), o)
    }

    /// Plans `shape` × `batch` in both directions now (aligned and unaligned), so a later
    /// `.measure` plan costs nothing inside a hot loop.
    public static func prepare(shape: FFTShape, batch: Int = 1, options: FFTOptions = .default) {
        for d in [FFTDirection.realToComplex, .complexToReal] {
            for u in [false, true] {
                _ = FFTPlanCache.plan(FFTPlanKey(shape: shape, batch: batch, direction: d, options: options, unaligned: u))
            }
        }
    }

    /// Number of plans cached so far (all shapes, directions and options).
    public static var cachedPlanCount: Int { FFTPlanCache.count }
}
