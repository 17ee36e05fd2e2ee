import TomoCore

/// Assignment of particles to the two half sets (`rlnRandomSubset`, spec §2.6, §4.2).
public enum HalfSets {
    /// RELION's `relion_tomo_reconstruct_particle` rule: half = `rlnRandomSubset` (1 or 2) when every
    /// particle has one; when none has one (all 0), everything goes to half 1.
    /// - Returns: nil if some but not all particles have a subset, or a value is not 0, 1 or 2.
    public static func fromRandomSubsets(_ subsets: [Int]) -> [Int]? {
        if subsets.allSatisfy({ $0 == 0 }) { return subsets.map { _ in 1 } }
        guard subsets.allSatisfy({ $0 == 1 || $0 == 2 }) else { return nil }
        return subsets
    }

    /// `relion_refine --split_random_halves` style: each particle drawn at random (seeded), 1 or 2.
    public static func random(count: Int, seed: UInt64) -> [Int] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in rng.next() & 1 == 0 ? 1 : 2 }
    }

    /// Alternating 1, 2, 1, 2, … (deterministic, exactly balanced).
    public static func alternating(count: Int) -> [Int] { (0..<count).map { $0 % 2 + 1 } }
}
