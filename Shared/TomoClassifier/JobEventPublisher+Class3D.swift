import TomoClass3D
import TomoCluster

extension JobEventPublisher {
    /// Publishes a Class3D iteration: `job.<id>.iteration` (resolution, changes, class
    /// distribution) and, when the summary carries them, `job.<id>.classes` (the class maps'
    /// central sections that the monitor draws).
    public func iteration(_ s: Class3DIterationSummary) {
        iteration(s.iteration, resolutionA: s.resolution, changeOrientationDeg: s.changesOrientations,
                  changeOffsetA: s.changesOffsets, changeClasses: s.changesClasses,
                  classDistribution: s.classDistribution)
        if let sections = s.sections { classes(s.iteration, json: sections.json()) }
    }
}
