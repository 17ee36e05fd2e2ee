import TomoCore

extension BackProjector {
    /// An accumulator holding sums computed elsewhere (a worker's partial, read back from the
    /// wire): `data` and `weight` on the centred grid of `BackProjector(size:padding:)`.
    /// - Precondition: both arrays have that grid's count.
    public init(size: Int, padding: Int, data: [ComplexF], weight: [Float]) {
        self.init(size: size, padding: padding)
        precondition(data.count == self.data.count && weight.count == self.weight.count,
                     "BackProjector(size: \(size), padding: \(padding)) needs \(self.data.count) values, got \(data.count)/\(weight.count)")
        self.data = data
        self.weight = weight
    }
}
