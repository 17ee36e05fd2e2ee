import TomoCore
import TomoKernels

extension ReconstructionAccumulator {
    /// An accumulator from its parts (a partial sum sent by a worker): the two half sums (index
    /// 0 is half 1) and the particle count of each half.
    /// - Precondition: two halves of box `size`, two counts.
    public init(size: Int, symmetry: SymmetryGroup, halves: [BackProjector], particleCounts: [Int]) {
        precondition(halves.count == 2 && particleCounts.count == 2 && halves.allSatisfy { $0.size == size },
                     "ReconstructionAccumulator needs two halves of box \(size) and two counts")
        self.init(size: size, padding: halves[0].padding, symmetry: symmetry)
        self.halves = halves
        self.particleCounts = particleCounts
    }
}
