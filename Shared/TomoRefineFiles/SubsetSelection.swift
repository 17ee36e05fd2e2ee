import TomoSTAR

/// Subset selection without a GUI: RELION's `relion.select` job (spec §7, §11.5).
///
/// From a `run_itNNN_data.star` (or the `run_itNNN_optimiser.star` that names it and the model),
/// keeps the particles whose `rlnClassNumber` is among the chosen classes, then optionally removes
/// duplicates (``DuplicateRemoval``). Every block and column of the data file is preserved (rows
/// in file order; `data_general` and `data_optics` verbatim), as the observation-model writer of
/// `relion_display` does.
///
/// Classes are chosen by the intersection of the given criteria: explicit class numbers, a minimum
/// `rlnClassDistribution` (from the model; from the data's class counts when there is no model), a
/// maximum `rlnEstimatedResolution` in Å (needs the model). With no criterion every class is kept.
public struct SubsetSelection: Sendable, Hashable {
    /// Class numbers to keep (`--classes 1,3`), or nil.
    public var classes: [Int]?
    /// Minimum class fraction (`--min_class_fraction`), or nil.
    public var minClassFraction: Double?
    /// Maximum class resolution in Å (`--max_class_resolution`), or nil.
    public var maxClassResolution: Double?
    /// Duplicate removal (`--remove_duplicates d`), or nil.
    public var duplicates: DuplicateRemoval?

    /// A selection; nil criteria are not applied.
    public init(classes: [Int]? = nil, minClassFraction: Double? = nil, maxClassResolution: Double? = nil,
                duplicates: DuplicateRemoval? = nil) {
        self.classes = classes
        self.minClassFraction = minClassFraction
        self.maxClassResolution = maxClassResolution
        self.duplicates = duplicates
    }

    /// What a selection kept.
    public struct Result: Sendable {
        /// The output document (`Select/jobNNN/particles.star`).
        public var document: StarDocument
        /// The classes selected, ascending.
        public var selectedClasses: [Int]
        /// Particles read.
        public var inputCount: Int
        /// Particles kept after class selection, before duplicate removal.
        public var classSelectedCount: Int
        /// Particles kept in the end.
        public var keptCount: Int
        /// Kept particles per class number.
        public var keptPerClass: [Int: Int]
        /// 0-based input rows kept, in file order.
        public var keptRows: [Int]
        /// Particles removed as duplicates.
        public var removedDuplicates: Int { classSelectedCount - keptCount }
    }

    /// Applies the selection to a parsed data document; `model` supplies class fractions and
    /// resolutions.
    ///
    /// - Throws: ``RefineFilesError`` if the data has no particle table or class numbers, or a
    ///   resolution criterion is given without a model.
    public func apply(to data: StarDocument, model: RefineModel?, file: String) throws(RefineFilesError) -> Result {
        guard let pi = data.blocks.firstIndex(where: { $0.name == "particles" })
            ?? data.blocks.firstIndex(where: { $0.isLoop && $0.name != "optics" && $0.name != "general" }) else {
            throw RefineFilesError(file: file, block: "particles", message: "no particle table")
        }
        let particles = data.blocks[pi]
        let classOfRow = try ColumnReader(particles, file: file).ints("rlnClassNumber")
        let chosen = try selectedClasses(classOfRow: classOfRow, model: model, file: file)
        let chosenSet = Set(chosen)
        var rows = classOfRow.indices.filter { chosenSet.contains(classOfRow[$0]) }
        let classSelected = rows.count
        if let duplicates {
            let subset = particles.selectingRows(rows)
            let kept = try duplicates.keptRows(particles: subset, optics: data["optics"], file: file)
            rows = kept.map { rows[$0] }
        }
        var out = data
        out.blocks[pi] = particles.selectingRows(rows)
        var perClass: [Int: Int] = [:]
        for r in rows { perClass[classOfRow[r], default: 0] += 1 }
        return Result(document: out, selectedClasses: chosen, inputCount: classOfRow.count,
                      classSelectedCount: classSelected, keptCount: rows.count, keptPerClass: perClass, keptRows: rows)
    }

    /// The classes the criteria select, ascending.
    func selectedClasses(classOfRow: [Int], model: RefineModel?, file: String) throws(RefineFilesError) -> [Int] {
        var all: [Int]
        if let model {
            all = Array(1 ... max(model.classes.count, 1))
            if model.classes.isEmpty { all = [] }
        } else {
            all = Array(Set(classOfRow)).sorted()
        }
        var keep = Set(all)
        if let classes { keep.formIntersection(classes) }
        if let minClassFraction {
            let fraction: (Int) -> Double
            if let model {
                fraction = { k in k >= 1 && k <= model.classes.count ? model.classes[k - 1].distribution : 0 }
            } else {
                var count: [Int: Int] = [:]
                for k in classOfRow { count[k, default: 0] += 1 }
                let n = Double(max(classOfRow.count, 1))
                fraction = { k in Double(count[k] ?? 0) / n }
            }
            keep = keep.filter { fraction($0) >= minClassFraction }
        }
        if let maxClassResolution {
            guard let model else {
                throw RefineFilesError(file: file, message: "--max_class_resolution needs the model file (give the optimiser or model, not the data file)")
            }
            keep = keep.filter { $0 >= 1 && $0 <= model.classes.count && model.classes[$0 - 1].estimatedResolution <= maxClassResolution }
        }
        return keep.sorted()
    }

    /// Runs the selection on a file: `input` is a `_data.star`, or a `_optimiser.star` /
    /// `_model.star` from which the data (and model) files are located (spec §7). Writes
    /// `<outputDirectory>/particles.star` and returns the result.
    ///
    /// - Throws: ``RefineFilesError`` naming the file that is missing, malformed or unwritable.
    public func run(input: String, outputDirectory: String) throws(RefineFilesError) -> Result {
        let (dataPath, model) = try Self.locate(input)
        let data = try RefineStarIO.read(dataPath)
        let result = try apply(to: data, model: model, file: dataPath)
        try RefineStarIO.write(result.document, to: RefinePaths.join(outputDirectory, "particles.star"))
        return result
    }

    /// The data file and model for `input` (optimiser, model, half model or data file).
    public static func locate(_ input: String) throws(RefineFilesError) -> (dataPath: String, model: RefineModel?) {
        if input.hasSuffix("_optimiser.star") {
            let c = try RefineContinuation.read(optimiserPath: input)
            return (c.dataPath, c.models.first)
        }
        for suffix in ["_half1_model.star", "_half2_model.star", "_model.star"] where input.hasSuffix(suffix) {
            let data = String(input.dropLast(suffix.count)) + "_data.star"
            return (data, try RefineModel.read(path: input))
        }
        return (input, nil)
    }
}
