import TomoCore

extension FFT {
    /// Forward transforms of many images of one size with one batched FFTW plan
    /// (`fftwf_plan_many_dft_r2c`). Each output is divided by `nx·ny`.
    /// - Precondition: all images have the same size.
    public static func forward(batch images: [RealImage], options: FFTOptions = .default) -> [FourierImage] {
        guard let first = images.first else { return [] }
        let shape = FFTShape(nx: first.nx, ny: first.ny)
        var input = [Float]()
        input.reserveCapacity(shape.realCount * images.count)
        for (i, im) in images.enumerated() {
            precondition(im.nx == first.nx && im.ny == first.ny,
                         "FFT.forward(batch:): image \(i) is \(im.nx)×\(im.ny), image 0 is \(shape)")
            input.append(contentsOf: im.data)
        }
        var out = [ComplexF](repeating: .zero, count: shape.complexCount * images.count)
        input.withUnsafeBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o in
                forward(i, into: o, shape: shape, batch: images.count, options: options)
            }
        }
        let m = shape.complexCount
        return (0..<images.count).map { FourierImage(nx: shape.nx, ny: shape.ny, data: Array(out[($0 * m)..<(($0 + 1) * m)])) }
    }

    /// Inverse transforms (unscaled) of many images of one size with one batched plan.
    /// - Precondition: all images have the same size.
    public static func inverse(batch images: [FourierImage], options: FFTOptions = .default) -> [RealImage] {
        guard let first = images.first else { return [] }
        let shape = FFTShape(nx: first.nx, ny: first.ny)
        var input = [ComplexF]()
        input.reserveCapacity(shape.complexCount * images.count)
        for (i, im) in images.enumerated() {
            precondition(im.nx == first.nx && im.ny == first.ny,
                         "FFT.inverse(batch:): image \(i) is \(im.nx)×\(im.ny), image 0 is \(shape)")
            input.append(contentsOf: im.data)
        }
        let out = inverseData(input, shape: shape, batch: images.count, options: options)
        let m = shape.realCount
        return (0..<images.count).map { RealImage(nx: shape.nx, ny: shape.ny, data: Array(out[($0 * m)..<(($0 + 1) * m)])) }
    }
}
