import TomoCore
import TomoPlots
import TomoRefine
import TomoRefineFiles

/// The PNGs written next to the iteration files: `<o>_itNNN_classes.png` (central XY/XZ/YZ
/// slices of every class with its distribution and resolution) and `<o>_convergence.png`
/// (resolution and class distribution per iteration).
enum Class3DFigures {
    static func write(engine e: ClassificationEngine, names: RefineFileNames, root: String,
                      convergence: [Class3DConvergencePoint], projectDirectory: String) throws -> [String] {
        func full(_ rel: String) -> String { rel.hasPrefix("/") || projectDirectory.isEmpty ? rel : projectDirectory + "/" + rel }
        let classesPNG = names.stem + "_classes.png"
        let figure = ClassSlicesFigure(
            classes: e.classes.map { .init(volume: $0.map, distribution: $0.distribution,
                                           resolution: $0.estimatedResolution > 0 && $0.estimatedResolution < 999 ? $0.estimatedResolution : nil) },
            title: "\(RefinePathsLast.name(root)) iteration \(names.iteration ?? 0)")
        try figure.render().writePNG(to: full(classesPNG))
        let convergencePNG = root + "_convergence.png"
        let plot = ConvergencePlot(iterations: convergence.map {
            .init(number: $0.iteration, resolution: $0.resolution, classDistribution: $0.classDistribution)
        }, title: "Class3D convergence")
        try plot.render().writePNG(to: full(convergencePNG))
        return [classesPNG, convergencePNG]
    }
}

enum RefinePathsLast {
    static func name(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: i)...])
    }
}
