import TomoCore
import TomoKernels

extension ClassificationEngine {
    /// The broadcast state of iteration `it` from the engine's current model.
    func iterationState(iteration it: Int) -> IterationState {
        IterationState(iteration: it, options: options, pixelSize: pixelSize, boxSize: boxSize,
                       threeDimensional: threeDimensional, singleReference: singleReference,
                       maps: classes.map(\.map), distributions: classes.map(\.distribution),
                       directionDistributions: classes.map(\.directionDistribution), sigma2: sigma2,
                       sigmaOffset: sigmaOffset, currentResolution: currentResolution)
    }

    func makeContext(iteration it: Int) -> IterationContext { iterationState(iteration: it).context() }
}
