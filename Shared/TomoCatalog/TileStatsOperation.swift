import Foundation
import TomoTransport
import TomoWire

/// The worker side of `sta.tilestats`: fetch the tile the task names from the catalog
/// (`tile.get`, no shared file system), decode it and answer with its `TileStats` as the
/// RESULT summary.
///
/// Each compute thread keeps its own `RequestClient` (one socket, one owner).
public enum TileStatsOperation {
    /// The TASK operation and the worker capability: `"tilestats"`.
    public static let name = "tilestats"

    /// A handler for `WorkerLoop` that fetches tiles from `catalog` (connections secured by `security`).
    public static func handler(context: ZMQContext, catalog: String, timeoutMilliseconds: Int = 30_000,
                               security: CurveSecurity = .off)
        -> WorkerLoop.Handler
    {
        { task in
            guard task.operation == name else {
                return .init(status: .failedPermanent, summaryJSON: JSON.string(["reason": "unknown operation \(task.operation)"]))
            }
            let args = try JSON.object(task.parametersJSON)
            if let delay = try JSON.int(args, "delay_ms"), delay > 0 { Thread.sleep(forTimeInterval: Double(delay) / 1000) }
            let client = try ThreadClients.client(context: context, endpoint: catalog, security: security)
            let response = try client.call("tile.get", argumentsJSON: task.parametersJSON, jobID: task.key.job,
                                           timeoutMilliseconds: timeoutMilliseconds)
            guard case .tile(let tile)? = response.payloads.first else {
                return .init(status: .failedRetryable, summaryJSON: JSON.string(["reason": "tile.get returned no tile"]))
            }
            let values = try TileCodec.decode(tile)
            return .init(summaryJSON: TileStats(values: values).json)
        }
    }
}

/// One `RequestClient` per thread and endpoint, kept in the thread's dictionary.
enum ThreadClients {
    static func client(context: ZMQContext, endpoint: String, security: CurveSecurity = .off) throws -> RequestClient {
        let key = "sta.request-client." + endpoint
        if let c = Thread.current.threadDictionary[key] as? RequestClient { return c }
        let c = try RequestClient(context: context, endpoint: endpoint, security: security)
        Thread.current.threadDictionary[key] = c
        return c
    }
}
