import TomoJobs
import TomoSimulation

/// The common start of the Class3D and classifier tests: a simulated project with its particles
/// extracted and a reference reconstructed from them (test kit; services never import it).
public enum ExtractedProject {
    /// Simulates `parameters` into `directory`, extracts `Extract/job002` at `box` (binning
    /// `binning`, 2D stacks or pseudo-subtomograms) and reconstructs `Reconstruct/job003` from it.
    public static func make(_ parameters: SimulationParameters, in directory: String, box: Int = 24,
                            binning: Double = 2, stack2D: Bool = true) async throws {
        let sim = try await TiltSeriesSimulation.run(parameters)
        try ProjectWriter.write(sim, to: directory)
        var o = ExtractOptions(boxSize: box)
        o.binning = binning; o.stack2D = stack2D
        _ = try ExtractJob(optimisationSet: "optimisation_set.star", projectDirectory: directory,
                           outputDirectory: "Extract/job002", options: o).run()
        var r = ReconstructOptions(boxSize: box)
        r.source = .extracted
        _ = try ReconstructJob(optimisationSet: "Extract/job002/optimisation_set.star", projectDirectory: directory,
                               outputDirectory: "Reconstruct/job003", options: r).run()
    }
}
