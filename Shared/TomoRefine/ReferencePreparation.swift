import TomoCore
import TomoFFT
import TomoKernels

/// Reference handling at the start of a run (spec §5.5).
public enum ReferencePreparation {
    /// Low-pass filter to `resolution` Å with RELION's raised cosine of width 2 shells centred at
    /// shell `N·px/resolution` (`--ini_high`).
    public static func lowPass(_ map: RealVolume, resolution: Double, pixelSize: Double) -> RealVolume {
        var f = FFT.forward(map)
        FourierFilter.lowPass(&f, radius: Double(map.nx) * pixelSize / resolution, edgeWidth: 2)
        return FFT.inverse(f)
    }
}
