import Foundation

/// The names of the files `relion_refine` writes for one iteration (spec §6.1).
///
/// `root` is the `--o` value, e.g. `Class3D/job012/run`. For iteration `n` the stem is
/// `<root>_itNNN` (three digits, `it000` = the state before the first iteration); for the final
/// auto-refine iteration (`iteration == nil`) it is `<root>` alone. Half models
/// (`…_half1_model.star`) and half maps are named for gold-standard refinement.
public struct RefineFileNames: Hashable, Sendable {
    /// The output root (`--o`), e.g. `Class3D/job012/run`.
    public var root: String
    /// The iteration, or nil for the final (converged) auto-refine files.
    public var iteration: Int?

    /// Names for `root` at `iteration` (nil: final files without `_itNNN`).
    public init(root: String, iteration: Int?) {
        self.root = root
        self.iteration = iteration
    }

    /// `<root>_itNNN` or `<root>`.
    public var stem: String {
        guard let iteration else { return root }
        return root + "_it" + Self.threeDigits(iteration)
    }

    /// `<stem>_data.star`.
    public var data: String { stem + "_data.star" }
    /// `<stem>_model.star` (joined model; Class3D and the final auto-refine iteration).
    public var model: String { stem + "_model.star" }
    /// `<stem>_half<h>_model.star` (auto-refine while the halves are split).
    public func halfModel(_ half: Int) -> String { stem + "_half\(half)_model.star" }
    /// `<stem>_optimiser.star`.
    public var optimiser: String { stem + "_optimiser.star" }
    /// `<stem>_sampling.star`.
    public var sampling: String { stem + "_sampling.star" }
    /// `<stem>_optimisation_set.star` (tomography only; spec §6.6).
    public var optimisationSet: String { stem + "_optimisation_set.star" }
    /// `<stem>_classKKK.mrc` for 1-based class `k`.
    public func classMap(_ k: Int) -> String { stem + "_class" + Self.threeDigits(k) + ".mrc" }
    /// `<stem>_half<h>_classKKK.mrc`.
    public func halfClassMap(_ half: Int, _ k: Int) -> String { stem + "_half\(half)_class" + Self.threeDigits(k) + ".mrc" }
    /// `<stem>_half<h>_class001_unfil.mrc` (final auto-refine half maps for post-processing).
    public func unfilteredHalfMap(_ half: Int) -> String { stem + "_half\(half)_class001_unfil.mrc" }
    /// `<stem>_classKKK_angdist.bild`.
    public func angularDistribution(_ k: Int) -> String { stem + "_class" + Self.threeDigits(k) + "_angdist.bild" }

    /// `7` → `007` (at least three digits, as RELION's `FileName::compose(…, 3)`).
    public static func threeDigits(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 3 ? s : String(repeating: "0", count: 3 - s.count) + s
    }

    /// Splits a path written by `relion_refine` into root and iteration: `…/run_it025_optimiser.star`
    /// → (`…/run`, 25); `…/run_optimiser.star` → (`…/run`, nil). The suffix may be any of
    /// `_optimiser.star`, `_model.star`, `_half1_model.star`, `_half2_model.star`, `_data.star`,
    /// `_sampling.star`. Returns nil for other names.
    public static func parse(_ path: String) -> RefineFileNames? {
        let suffixes = ["_half1_model.star", "_half2_model.star", "_optimiser.star", "_model.star",
                        "_data.star", "_sampling.star", "_optimisation_set.star"]
        guard let suffix = suffixes.first(where: { path.hasSuffix($0) }) else { return nil }
        let stem = String(path.dropLast(suffix.count))
        if let r = stem.range(of: "_it", options: .backwards) {
            let digits = stem[r.upperBound...]
            if digits.count >= 3, digits.allSatisfy(\.isASCII), let n = Int(digits), n >= 0 {
                return RefineFileNames(root: String(stem[..<r.lowerBound]), iteration: n)
            }
        }
        return RefineFileNames(root: stem, iteration: nil)
    }
}
