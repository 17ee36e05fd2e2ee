import Foundation

/// `<stem>_classKKK_angdist.bild` (spec §6.1): the class's orientation distribution over the
/// coarse HEALPix directions as a Chimera BILD file, as RELION's
/// `MlModel::writeBildFileOrientationalDistribution` writes it.
///
/// For every direction `d` with `pdf(d) > 0`, unit vector `v = (sin θ cos φ, sin θ sin φ, cos θ)`
/// (`φ = rot`, `θ = tilt`): one line `.color c 0 1−c` and one line
/// `.cylinder x1 y1 z1 x2 y2 z2 width` from `R·v + o` to `(R + Rmax·pdf/pdf_max)·v + o`, with
/// `R = o = N·px/2` (Å, the box centre), `Rmax = 0.3·R`, width `0.5·π·R·step/360` (`step` = the
/// coarse angular step, degrees), and colour `c = (clamp((pdf − mean)/σ, −1, 5) + 1)/6` (blue for
/// directions at or below the mean − σ, red at mean + 5σ). Cylinders shorter than 0.01 Å on
/// every axis are left out.
public enum RefineAngularDistribution {
    /// The BILD text for `distribution` over `directions` (same order, degrees).
    public static func bild(directions: [(rot: Double, tilt: Double)], distribution: [Double], boxSize: Int,
                            pixelSize: Double, angularStep: Double) -> String {
        let count = min(directions.count, distribution.count)
        guard count > 0 else { return "" }
        let values = Array(distribution.prefix(count))
        let mean = values.reduce(0, +) / Double(count)
        let sigma = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)).squareRoot()
        let maximum = values.max() ?? 0
        let r = Double(boxSize) * pixelSize / 2, offset = r
        let rMax = 0.3 * r, width = 0.5 * Double.pi * r * angularStep / 360
        func f(_ x: Double) -> String { String(format: "%g", x) }
        var out = ""
        for i in 0..<count where values[i] > 0 {
            var c = sigma > 0 ? (values[i] - mean) / sigma : 0
            c = (min(5, max(-1, c)) + 1) / 6
            let rp = r + rMax * values[i] / maximum
            let rot = directions[i].rot * Double.pi / 180, tilt = directions[i].tilt * Double.pi / 180
            let v = (sin(tilt) * cos(rot), sin(tilt) * sin(rot), cos(tilt))
            if abs((r - rp) * v.0) <= 0.01 && abs((r - rp) * v.1) <= 0.01 && abs((r - rp) * v.2) <= 0.01 { continue }
            out += ".color \(f(c)) 0 \(f(1 - c))\n"
            out += ".cylinder \(f(r * v.0 + offset)) \(f(r * v.1 + offset)) \(f(r * v.2 + offset)) "
                + "\(f(rp * v.0 + offset)) \(f(rp * v.1 + offset)) \(f(rp * v.2 + offset)) \(f(width))\n"
        }
        return out
    }

    /// The BILD text of class `k` (0-based) of `model` over the directions of `sampling`, or nil
    /// when the class has no orientation distribution on those directions (e.g. `--skip_align`).
    public static func bild(model: RefineModel, classIndex k: Int, sampling: RefineSampling) -> String? {
        guard k < model.classes.count else { return nil }
        let pdf = model.classes[k].orientationDistribution
        guard !pdf.isEmpty, pdf.count == sampling.directions.count else { return nil }
        let step = 360 / Double(6 << max(0, sampling.healpixOrder))
        return bild(directions: sampling.directions, distribution: pdf, boxSize: model.general.originalImageSize,
                    pixelSize: model.general.pixelSize, angularStep: step)
    }
}
