import TomoClass3D
import TomoClassifier
import TomoCluster
import TomoProject
import TomoRefine
import TomoRefineFiles

/// Forwards a Class3D run's progress to the terminal and, when a bus is known, to
/// `job.<id>.progress` (particles done/total inside each iteration, stage `iteration N`) and
/// `job.<id>.iteration` (`EventPayload.Iteration`'s body).
struct Class3DEventSink: Class3DProgressSink {
    /// The terminal's sink.
    let print: PrintSink
    /// The job's publisher (nil: no bus).
    let publisher: JobEventPublisher?

    func particles(_ p: RefinementProgress) {
        print.particles(p)
        publisher?.progress(stage: "iteration \(p.iteration)", done: p.particlesDone, total: p.particleCount)
    }

    func iteration(_ s: Class3DIterationSummary) {
        print.iteration(s)
        publisher?.iteration(s)
    }

    /// The output nodes RELION's Class3D job declares for its last iteration.
    static func outputs(_ n: RefineFileNames, classes: Int) -> [JobOutput] {
        [JobOutput(nodePath: n.data, nodeType: NodeType.class3DParticles),
         JobOutput(nodePath: n.optimiser, nodeType: NodeType.class3DOptimiser),
         JobOutput(nodePath: n.optimisationSet, nodeType: NodeType.class3DOptimisationSet)]
            + (1...max(1, classes)).map { JobOutput(nodePath: n.classMap($0), nodeType: NodeType.class3DMap) }
    }
}
