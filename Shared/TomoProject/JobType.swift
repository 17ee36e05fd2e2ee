/// A RELION job type: its pipeline label (`rlnJobTypeLabel`, `rlnPipeLineProcessTypeLabel`), the
/// project sub-directory its jobs live in (`Extract/job002/`), and whether `job.star` marks it as a
/// tomography job (`rlnJobIsTomo`).
///
/// Labels and directories are RELION 5's (`src/pipeline_jobs.h`, `*_LABELNEW` / `*_DIRNAME`);
/// `rlnJobIsTomo` follows the `job.star` files RELION 5's tomography GUI writes (0 for the
/// tomo-only programs such as `relion.pseudosubtomo`, 1 for the shared SPA/tomo programs run in
/// tomography mode such as `relion.class3d`).
public struct JobType: Sendable, Hashable, Codable {
    /// `rlnJobTypeLabel`, e.g. `relion.pseudosubtomo`.
    public var label: String
    /// Project sub-directory, e.g. `Extract`.
    public var directory: String
    /// `rlnJobIsTomo` in `job.star`.
    public var isTomo: Bool

    /// A job type.
    public init(label: String, directory: String, isTomo: Bool) {
        self.label = label
        self.directory = directory
        self.isTomo = isTomo
    }

    /// Import tomograms (and coordinates): `relion.importtomo`, `Import/`.
    public static let importTomo = JobType(label: "relion.importtomo", directory: "Import", isTomo: false)
    /// Extract pseudo-subtomograms: `relion.pseudosubtomo`, `Extract/`.
    public static let extract = JobType(label: "relion.pseudosubtomo", directory: "Extract", isTomo: false)
    /// Reconstruct particle: `relion.reconstructparticletomo`, `Reconstruct/`.
    public static let reconstruct = JobType(label: "relion.reconstructparticletomo", directory: "Reconstruct", isTomo: false)
    /// 3D initial model (tomo): `relion.initialmodel.tomo`, `InitialModel/`.
    public static let initialModel = JobType(label: "relion.initialmodel.tomo", directory: "InitialModel", isTomo: true)
    /// 3D classification: `relion.class3d`, `Class3D/` (RELION 5 uses the SPA label in tomo mode).
    public static let class3D = JobType(label: "relion.class3d", directory: "Class3D", isTomo: true)
    /// 3D auto-refine (tomo): `relion.refine3d.tomo`, `Refine3D/`.
    public static let refine3D = JobType(label: "relion.refine3d.tomo", directory: "Refine3D", isTomo: true)
    /// Subset selection on a metadata value (e.g. `rlnClassNumber`): `relion.select.onvalue`, `Select/`.
    /// (RELION 5's generic `relion.select` is refined by the chosen mode; this is the mode we run.)
    public static let select = JobType(label: "relion.select.onvalue", directory: "Select", isTomo: false)
    /// Interactive class selection: `relion.select.interactive`, `Select/`.
    public static let selectInteractive = JobType(label: "relion.select.interactive", directory: "Select", isTomo: false)
    /// Duplicate removal: `relion.select.removeduplicates`, `Select/`.
    public static let removeDuplicates = JobType(label: "relion.select.removeduplicates", directory: "Select", isTomo: false)
    /// Mask creation: `relion.maskcreate`, `MaskCreate/`.
    public static let maskCreate = JobType(label: "relion.maskcreate", directory: "MaskCreate", isTomo: false)
    /// Post-processing: `relion.postprocess`, `PostProcess/`.
    public static let postProcess = JobType(label: "relion.postprocess", directory: "PostProcess", isTomo: true)
    /// A program RELION does not know: `relion.external`, `External/`.
    public static let external = JobType(label: "relion.external", directory: "External", isTomo: false)

    /// The types above.
    public static let known: [JobType] = [
        importTomo, extract, reconstruct, initialModel, class3D, refine3D, select, selectInteractive,
        removeDuplicates, maskCreate, postProcess, external,
    ]
}
