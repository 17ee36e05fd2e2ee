/// The contents of a `run_itNNN_optimiser.star` (spec §6.4): the header comment lines and the
/// `data_optimiser_general` list block.
///
/// Every label of RELION 5's optimiser block is written, in RELION's order
/// (``labels``); a label never set holds RELION's value for an unused option. Typed properties
/// cover the values the STA engine sets and `--continue` needs; any label can be read or set
/// through ``subscript(_:)``. Labels not in RELION 5's list (e.g. RELION 3.1's
/// `rlnSgdInitialIterations`) are kept in ``otherValues`` and written after the known ones.
///
/// Units (spec §13): `bestResolutionThusFar` in **Å⁻¹**, `changesOptimalOffsets` and
/// `smallestChangesOffsets` in **Å**, `changesOptimalClasses` a **fraction** of particles,
/// accuracies in degrees and Å, `particleDiameter` in Å, offset ranges in Å.
public struct RefineOptimiser: Sendable, Equatable {
    /// The version named in the first header line, `# RELION optimiser; version <relionVersion>`.
    public var relionVersion: String
    /// The full command line, written as the second header line `# <commandLine>`.
    public var commandLine: String
    /// Values set or read for RELION 5 labels (absent: RELION's default is written).
    var values: [String: StarValue] = [:]
    /// Labels that are not RELION 5 optimiser labels, verbatim, in file order.
    public var otherValues: [(label: String, value: String)] = []

    /// RELION 5's optimiser labels in write order.
    public static var labels: [String] { RefineOptimiserSchema.labels }

    /// An optimiser record with every value at RELION's default.
    public init(relionVersion: String = "5.0-sta", commandLine: String = "") {
        self.relionVersion = relionVersion
        self.commandLine = commandLine
    }

    /// The value of RELION 5 label `label` (the default when unset); nil for a label RELION 5
    /// does not write (see ``otherValues``) or an unset optional one (`rlnModelStarFile2`).
    /// Setting nil restores the default (and removes an optional label).
    public subscript(label: String) -> StarValue? {
        get { values[label] ?? (RefineOptimiserSchema.optional.contains(label) ? nil : RefineOptimiserSchema.defaults[label]) }
        set { values[label] = newValue }
    }

    /// Equal when versions, command lines, every written value and the other values are equal.
    public static func == (a: RefineOptimiser, b: RefineOptimiser) -> Bool {
        a.relionVersion == b.relionVersion && a.commandLine == b.commandLine
            && labels.allSatisfy { a[$0] == b[$0] }
            && a.otherValues.map(\.label) == b.otherValues.map(\.label)
            && a.otherValues.map(\.value) == b.otherValues.map(\.value)
    }

    // MARK: typed access

    func string(_ l: String) -> String { if case .string(let s)? = self[l] { return s }; return self[l]?.text ?? "" }
    func int(_ l: String) -> Int {
        switch self[l] {
        case .int(let v)?: return v
        case .bool(let v)?: return v ? 1 : 0
        case .double(let v)?: return Int(v)
        default: return 0
        }
    }
    func double(_ l: String) -> Double {
        switch self[l] {
        case .double(let v)?: return v
        case .int(let v)?: return Double(v)
        default: return 0
        }
    }
    func bool(_ l: String) -> Bool { int(l) != 0 }

    /// `rlnOutputRootName` (`--o`, e.g. `Class3D/job012/run`).
    public var outputRootName: String { get { string("rlnOutputRootName") } set { self["rlnOutputRootName"] = .string(newValue) } }
    /// `rlnModelStarFile` (half 1 while the halves are split).
    public var modelStarFile: String { get { string("rlnModelStarFile") } set { self["rlnModelStarFile"] = .string(newValue) } }
    /// `rlnModelStarFile2` (half 2; only while the halves are split).
    public var modelStarFile2: String? {
        get { self["rlnModelStarFile2"].map { $0.text } }
        set { self["rlnModelStarFile2"] = newValue.map(StarValue.string) }
    }
    /// `rlnExperimentalDataStarFile` (`_data.star`).
    public var experimentalDataStarFile: String {
        get { string("rlnExperimentalDataStarFile") } set { self["rlnExperimentalDataStarFile"] = .string(newValue) }
    }
    /// `rlnTomoTomogramsFile` (the tomogram set; empty for SPA).
    public var tomogramsFile: String { get { string("rlnTomoTomogramsFile") } set { self["rlnTomoTomogramsFile"] = .string(newValue) } }
    /// `rlnTomoTrajectoriesFile` (may be empty).
    public var trajectoriesFile: String {
        get { string("rlnTomoTrajectoriesFile") } set { self["rlnTomoTrajectoriesFile"] = .string(newValue) }
    }
    /// `rlnOrientSamplingStarFile` (`_sampling.star`).
    public var samplingStarFile: String {
        get { string("rlnOrientSamplingStarFile") } set { self["rlnOrientSamplingStarFile"] = .string(newValue) }
    }
    /// `rlnCurrentIteration`.
    public var currentIteration: Int { get { int("rlnCurrentIteration") } set { self["rlnCurrentIteration"] = .int(newValue) } }
    /// `rlnNumberOfIterations` (`--iter`).
    public var numberOfIterations: Int { get { int("rlnNumberOfIterations") } set { self["rlnNumberOfIterations"] = .int(newValue) } }
    /// `rlnDoSplitRandomHalves`.
    public var doSplitRandomHalves: Bool { get { bool("rlnDoSplitRandomHalves") } set { self["rlnDoSplitRandomHalves"] = .bool(newValue) } }
    /// `rlnJoinHalvesUntilThisResolution` (Å; −1 off).
    public var joinHalvesUntilThisResolution: Double {
        get { double("rlnJoinHalvesUntilThisResolution") } set { self["rlnJoinHalvesUntilThisResolution"] = .double(newValue) }
    }
    /// `rlnAdaptiveOversampleOrder` (`--oversampling`).
    public var adaptiveOversampleOrder: Int {
        get { int("rlnAdaptiveOversampleOrder") } set { self["rlnAdaptiveOversampleOrder"] = .int(newValue) }
    }
    /// `rlnRandomSeed`.
    public var randomSeed: Int { get { int("rlnRandomSeed") } set { self["rlnRandomSeed"] = .int(newValue) } }
    /// `rlnParticleDiameter` (Å).
    public var particleDiameter: Double { get { double("rlnParticleDiameter") } set { self["rlnParticleDiameter"] = .double(newValue) } }
    /// `rlnDoZeroMask`.
    public var doZeroMask: Bool { get { bool("rlnDoZeroMask") } set { self["rlnDoZeroMask"] = .bool(newValue) } }
    /// `rlnDoSolventFlattening`.
    public var doSolventFlattening: Bool {
        get { bool("rlnDoSolventFlattening") } set { self["rlnDoSolventFlattening"] = .bool(newValue) }
    }
    /// `rlnSolventMaskName` (`None` when unset).
    public var solventMaskName: String { get { string("rlnSolventMaskName") } set { self["rlnSolventMaskName"] = .string(newValue) } }
    /// `rlnHighresLimitExpectation` (Å; −1 off).
    public var highresLimitExpectation: Double {
        get { double("rlnHighresLimitExpectation") } set { self["rlnHighresLimitExpectation"] = .double(newValue) }
    }
    /// `rlnDoAutoRefine`.
    public var doAutoRefine: Bool { get { bool("rlnDoAutoRefine") } set { self["rlnDoAutoRefine"] = .bool(newValue) } }
    /// `rlnAutoLocalSearchesHealpixOrder`.
    public var autoLocalSearchesHealpixOrder: Int {
        get { int("rlnAutoLocalSearchesHealpixOrder") } set { self["rlnAutoLocalSearchesHealpixOrder"] = .int(newValue) }
    }
    /// `rlnNumberOfIterWithoutResolutionGain`.
    public var iterationsWithoutResolutionGain: Int {
        get { int("rlnNumberOfIterWithoutResolutionGain") } set { self["rlnNumberOfIterWithoutResolutionGain"] = .int(newValue) }
    }
    /// `rlnBestResolutionThusFar`, **Å⁻¹**.
    public var bestResolutionThusFar: Double {
        get { double("rlnBestResolutionThusFar") } set { self["rlnBestResolutionThusFar"] = .double(newValue) }
    }
    /// `rlnNumberOfIterWithoutChangingAssignments`.
    public var iterationsWithoutChangingAssignments: Int {
        get { int("rlnNumberOfIterWithoutChangingAssignments") }
        set { self["rlnNumberOfIterWithoutChangingAssignments"] = .int(newValue) }
    }
    /// `rlnDoSkipAlign` (classification without alignment).
    public var doSkipAlign: Bool { get { bool("rlnDoSkipAlign") } set { self["rlnDoSkipAlign"] = .bool(newValue) } }
    /// `rlnOverallAccuracyRotations` (deg).
    public var overallAccuracyRotations: Double {
        get { double("rlnOverallAccuracyRotations") } set { self["rlnOverallAccuracyRotations"] = .double(newValue) }
    }
    /// `rlnOverallAccuracyTranslationsAngst` (Å).
    public var overallAccuracyTranslationsAngst: Double {
        get { double("rlnOverallAccuracyTranslationsAngst") } set { self["rlnOverallAccuracyTranslationsAngst"] = .double(newValue) }
    }
    /// `rlnChangesOptimalOrientations` (deg).
    public var changesOptimalOrientations: Double {
        get { double("rlnChangesOptimalOrientations") } set { self["rlnChangesOptimalOrientations"] = .double(newValue) }
    }
    /// `rlnChangesOptimalOffsets`, **Å**.
    public var changesOptimalOffsets: Double {
        get { double("rlnChangesOptimalOffsets") } set { self["rlnChangesOptimalOffsets"] = .double(newValue) }
    }
    /// `rlnChangesOptimalClasses`, a **fraction** of the particles.
    public var changesOptimalClasses: Double {
        get { double("rlnChangesOptimalClasses") } set { self["rlnChangesOptimalClasses"] = .double(newValue) }
    }
    /// `rlnSmallestChangesOrientations` (deg).
    public var smallestChangesOrientations: Double {
        get { double("rlnSmallestChangesOrientations") } set { self["rlnSmallestChangesOrientations"] = .double(newValue) }
    }
    /// `rlnSmallestChangesOffsets` (Å).
    public var smallestChangesOffsets: Double {
        get { double("rlnSmallestChangesOffsets") } set { self["rlnSmallestChangesOffsets"] = .double(newValue) }
    }
    /// `rlnSmallestChangesClasses` (RELION stores it as an integer).
    public var smallestChangesClasses: Int {
        get { int("rlnSmallestChangesClasses") } set { self["rlnSmallestChangesClasses"] = .int(newValue) }
    }
    /// `rlnHasConverged`.
    public var hasConverged: Bool { get { bool("rlnHasConverged") } set { self["rlnHasConverged"] = .bool(newValue) } }
    /// `rlnDoCorrectNorm` (`--norm`).
    public var doCorrectNorm: Bool { get { bool("rlnDoCorrectNorm") } set { self["rlnDoCorrectNorm"] = .bool(newValue) } }
    /// `rlnDoCorrectScale` (`--scale`).
    public var doCorrectScale: Bool { get { bool("rlnDoCorrectScale") } set { self["rlnDoCorrectScale"] = .bool(newValue) } }
    /// `rlnDoCorrectCtf` (`--ctf`).
    public var doCorrectCtf: Bool { get { bool("rlnDoCorrectCtf") } set { self["rlnDoCorrectCtf"] = .bool(newValue) } }
    /// `rlnDoIgnoreCtfUntilFirstPeak` (`--ctf_intact_first_peak`).
    public var doIgnoreCtfUntilFirstPeak: Bool {
        get { bool("rlnDoIgnoreCtfUntilFirstPeak") } set { self["rlnDoIgnoreCtfUntilFirstPeak"] = .bool(newValue) }
    }
    /// `rlnMaxNumberOfPooledParticles` (`--pool` × threads).
    public var maxNumberOfPooledParticles: Int {
        get { int("rlnMaxNumberOfPooledParticles") } set { self["rlnMaxNumberOfPooledParticles"] = .int(newValue) }
    }
}
