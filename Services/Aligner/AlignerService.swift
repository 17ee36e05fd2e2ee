import TomoClassifier
import TomoService
import TomoTransport

/// The aligner's one operation, `class3d.estep` (`AlignerOperations`): the iteration's state and
/// the batch's images come from the classifier with `class3d.state` / `class3d.images` (cached:
/// state per iteration, images per batch for the whole job), the batch's sums go back in the
/// RESULT; the aligner touches no project file.
enum AlignerService {
    static func start(configuration c: AlignerConfiguration) throws -> CatalogWorker {
        try CatalogWorker(service: "aligner", common: c.common, endpoint: c.classifier, credit: c.credit,
                          drainTimeout: c.drainTimeout) { context, security in
            .init(handlers: try AlignerOperations.handlers(context: context, classifier: c.classifier, security: security))
        }
    }
}
