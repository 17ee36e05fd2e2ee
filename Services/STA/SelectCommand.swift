import ArgumentParser
import Foundation
import TomoProject
import TomoRefineFiles

/// `sta select --i run_it025_optimiser.star --classes 1,3 --o Select/job005/`: RELION's
/// `relion.select` job without a GUI (spec §7).
struct SelectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "select",
        abstract: "Keep the particles of chosen classes (and/or remove duplicates) from a Class3D/Refine3D result.",
        discussion: """
        Reads run_itNNN_optimiser.star (which names the data and model files), a _model.star, or a \
        _data.star, keeps the particles whose rlnClassNumber is among the selected classes, and writes \
        <o>/particles.star with every block and column preserved. Classes are the intersection of \
        --classes, --min_class_fraction (rlnClassDistribution) and --max_class_resolution \
        (rlnEstimatedResolution, Å); with none of them every class is kept. --remove_duplicates d \
        then removes particles of the same tomogram within d Å, as relion_star_handler does (the \
        earlier particle of a pair is dropped), with origins rotated by the sub-tomogram angles \
        unless --relion_unrotated_origins is given.

        Without --o, or with --o inside Select/jobNNN/, the run is registered in the project (the \
        current directory, or --project_dir) as its next job: Select/jobNNN/ from the job counter, \
        job.star, note.txt, exit marker and default_pipeline.star with particles.star as its node.
        """)

    @Option(name: .customLong("i"), help: "run_itNNN_optimiser.star, _model.star or _data.star.") var input: String
    @Option(name: .customLong("o"), help: "Output job directory, e.g. Select/job005/ (default: the project's next Select job).")
    var output: String?
    @Option(name: .customLong("project_dir"), help: "Project directory (default: the current directory).")
    var projectDirectory: String?
    @Option(name: .customLong("classes"), help: "Comma-separated class numbers, e.g. 1,3.") var classes: String?
    @Option(name: .customLong("min_class_fraction"), help: "Minimum rlnClassDistribution.") var minClassFraction: Double?
    @Option(name: .customLong("max_class_resolution"), help: "Maximum rlnEstimatedResolution (Å).") var maxClassResolution: Double?
    @Option(name: .customLong("remove_duplicates"), help: "Remove particles within this distance (Å).") var removeDuplicates: Double?
    @Flag(name: .customLong("keep_higher_pmax"), help: "Of a duplicate pair keep the higher rlnMaxValueProbDistribution (else RELION's rule).")
    var keepHigherPmax = false
    @Flag(name: .customLong("relion_unrotated_origins"), help: "Subtract origins without rotating them by A_s, as relion_star_handler.")
    var unrotatedOrigins = false
    @Option(name: .customLong("image_angpix"), help: "Pixel size (Å) of legacy rlnCoordinateX/Y/Z (default: optics rlnImagePixelSize).")
    var imageAngpix: Double?

    func run() throws {
        var classList: [Int]?
        if let classes {
            var list: [Int] = []
            for part in classes.split(separator: ",") {
                guard let k = Int(part.trimmingCharacters(in: .whitespaces)), k >= 1 else {
                    throw ValidationError("--classes: '\(part)' is not a class number (1, 2, …)")
                }
                list.append(k)
            }
            classList = list
        }
        let dup = removeDuplicates.map {
            DuplicateRemoval(distanceAngst: $0, keep: keepHigherPmax ? .higherMaxValueProbability : .relionStarHandler,
                             applySubtomogramRotation: !unrotatedOrigins, coordinatePixelSize: imageAngpix)
        }
        let dir = projectDirectory ?? FileManager.default.currentDirectoryPath
        var registration: ProjectJobRegistration?
        var output = self.output ?? ""
        if ProjectJobRegistration.wantsJob(output: self.output, directory: "Select") {
            let type: JobType = dup != nil && classList == nil && minClassFraction == nil && maxClassResolution == nil
                ? .removeDuplicates : .select
            let reg = try ProjectJobRegistration(type: type, root: dir, parameters: [:], inputs: [input])
            output = reg.job.processName
            if let given = self.output, !given.hasPrefix(output) { print("note: --o \(given) is not the project's next job; writing \(output)") }
            registration = reg
        }
        let full = output.hasPrefix("/") ? output : dir + "/" + output
        let r: SubsetSelection.Result
        do {
            try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
            let selection = SubsetSelection(classes: classList, minClassFraction: minClassFraction,
                                            maxClassResolution: maxClassResolution, duplicates: dup)
            r = try selection.run(input: input, outputDirectory: full)
            try registration?.add([JobOutput(nodePath: (output.hasSuffix("/") ? output : output + "/") + "particles.star",
                                             nodeType: NodeType.selectParticles)])
            registration?.finish(error: nil)
        } catch {
            registration?.finish(error: error)
            throw error
        }
        for k in r.selectedClasses { print("class \(k): \(r.keptPerClass[k] ?? 0) particles") }
        if dup != nil { print("removed \(r.removedDuplicates) duplicates") }
        print("kept \(r.keptCount) of \(r.inputCount) particles -> \(output.hasSuffix("/") ? output : output + "/")particles.star")
    }
}
