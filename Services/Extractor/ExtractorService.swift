import TomoCatalog
import TomoService
import TomoTransport

/// The extractor's operations: `tilestats` (`TileStatsOperation`) and `pseudosubtomo`
/// (`PseudoSubtomoOperation`, "Extract subtomos": tilt-image windows fetched from the catalog with
/// `tile.get`, stacks returned as tiles; the worker touches no project file).
enum ExtractorService {
    static func start(configuration c: ExtractorConfiguration) throws -> CatalogWorker {
        try CatalogWorker(service: "extractor", common: c.common, credit: c.credit, drainTimeout: c.drainTimeout) { context, security in
            let inputs = StageWorkerInputs(context: context, catalog: c.common.catalog, security: security)
            return .init(handlers: [
                TileStatsOperation.name: TileStatsOperation.handler(context: context, catalog: c.common.catalog, security: security),
                PseudoSubtomoOperation.name: PseudoSubtomoOperation.handler(inputs: inputs),
            ], extraCapabilities: ["float16", "shuffle+zstd"], cleanup: { inputs.removeCache() })
        }
    }
}
