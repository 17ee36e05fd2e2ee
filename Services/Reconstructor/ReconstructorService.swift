import TomoCatalog
import TomoService
import TomoTransport

/// The reconstructor's operation, `reconstructparticletomo` (`ReconstructParticleOperation`): STAR
/// tables and tilt-image windows come from the catalog, partial sums go back in the RESULT;
/// nothing is read from or written to the project.
enum ReconstructorService {
    static func start(configuration c: ReconstructorConfiguration) throws -> CatalogWorker {
        try CatalogWorker(service: "reconstructor", common: c.common, credit: c.credit, drainTimeout: c.drainTimeout) { context, security in
            let inputs = StageWorkerInputs(context: context, catalog: c.common.catalog, security: security)
            return .init(handlers: [ReconstructParticleOperation.name: ReconstructParticleOperation.handler(inputs: inputs)],
                         extraCapabilities: ["shuffle+zstd"], cleanup: { inputs.removeCache() })
        }
    }
}
