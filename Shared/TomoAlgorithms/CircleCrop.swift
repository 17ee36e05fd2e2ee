import TomoCore

/// RELION's 2D circular crop used in extraction (spec §3.3 step 2, §3.4): a raised-cosine disc of
/// `radius` pixels about the centre pixel `(n/2, n/2)` whose edge falls from 1 at
/// `radius − falloff` to 0 at `radius`, applied after subtracting the mean of the pixels outside
/// the disc (weighted by `1 − mask`), so the image goes smoothly to zero without a step.
public enum CircleCrop {
    /// Mask value at distance `r`.
    @inlinable public static func mask(_ r: Double, radius: Double, falloff: Double) -> Double {
        if r >= radius { return 0 }
        if r <= radius - falloff { return 1 }
        return 0.5 * (1 - _cos(Double.pi * (radius - r) / falloff))
    }

    /// Crops `image` in place: `v ← m·(v − ⟨v⟩_outside)`.
    public static func apply(_ image: inout RealImage, radius: Double, falloff: Double = 5) {
        let (cx, cy) = image.centre
        var m = [Double](repeating: 0, count: image.count)
        var outsideSum = 0.0, outsideWeight = 0.0
        for y in 0..<image.ny { for x in 0..<image.nx {
            let dx = Double(x - cx), dy = Double(y - cy)
            let v = mask((dx * dx + dy * dy).squareRoot(), radius: radius, falloff: falloff)
            m[x + image.nx * y] = v
            outsideSum += (1 - v) * Double(image[x, y]); outsideWeight += 1 - v
        } }
        let mean = outsideWeight > 0 ? outsideSum / outsideWeight : 0
        for i in 0..<image.count { image.data[i] = Float(m[i] * (Double(image.data[i]) - mean)) }
    }
}
