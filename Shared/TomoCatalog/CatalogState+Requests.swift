import Foundation
import TomoProject
import TomoWire

/// The catalog's REQUEST methods (docs/protocol.md, Appendix B "Catalog methods"): JSON arguments in,
/// a REPLY with a JSON result (and payloads for `star.get`/`tile.get`) or an ERROR out.
extension CatalogState {
    /// Methods that change state: they need a non-zero idempotency key, and a repeated key is
    /// answered with the first REPLY without applying the request again.
    static let stateChanging: Set<String> = ["job.submit", "job.cancel", "project.import"]

    func handleRequest(_ m: Message) -> Message {
        guard case .request(let r) = m.body else { return m.errorReply(.malformed, "not a REQUEST") }
        let key = m.correlation.idempotencyKey
        if Self.stateChanging.contains(r.method) {
            guard key != .none else {
                return m.errorReply(.malformed, "\(r.method) changes state and needs a non-zero idempotency key")
            }
            if let stored = try? store.reply(forKey: key.description) {
                return Message(.reply(.init(method: r.method, resultJSON: stored)))
            }
        }
        do {
            let args = try JSON.object(r.argumentsJSON)
            let (result, payloads) = try dispatch(r.method, args, m.payloads)
            let json = JSON.string(result)
            if Self.stateChanging.contains(r.method) {
                try store.remember(key: key.description, method: r.method, reply: json)
            }
            return Message(.reply(.init(method: r.method, resultJSON: json)), payloads: payloads)
        } catch {
            return m.errorReply(error.code, error.message)
        }
    }

    private func dispatch(_ method: String, _ a: [String: Any], _ payloads: [Payload]) throws(CatalogError)
        -> ([String: Any], [Payload])
    {
        switch method {
        case "job.submit": return (try submit(a), [])
        case "job.list": return (["jobs": try ledger { try project.ledger.jobs() }.map(jobJSON)], [])
        case "job.get": return (["job": jobJSON(try job(a), detail: true)], [])
        case "job.cancel": return (try cancel(a), [])
        case "project.import": return (try importSet(a), [])
        case "star.get": return try starGet(a)
        case "tile.get": return try tileGet(a)
        default: throw CatalogError(.notFound, "unknown method \(method)")
        }
    }

    private func ledger<T>(_ body: () throws -> T) throws(CatalogError) -> T {
        do { return try body() } catch { throw CatalogError(.internalError, "job ledger: \(error)") }
    }

    private func job(_ a: [String: Any]) throws(CatalogError) -> JobRecord {
        guard let id = try JSON.int(a, "job") else { throw CatalogError(.badRequest, "missing job") }
        guard let j = try ledger({ try project.ledger.job(id) }) else { throw CatalogError(.notFound, "no job \(id)") }
        return j
    }

    func jobJSON(_ j: JobRecord) -> [String: Any] { jobJSON(j, detail: false) }

    func jobJSON(_ j: JobRecord, detail: Bool) -> [String: Any] {
        var o: [String: Any] = [
            "id": j.id, "process": j.processName, "type": j.typeLabel, "status": j.status.rawValue,
            "created": Self.iso8601(j.createdAt),
            "started": j.startedAt.map { Self.iso8601($0) as Any } ?? NSNull(),
            "finished": j.finishedAt.map { Self.iso8601($0) as Any } ?? NSNull(),
        ]
        let c = (try? store.counts(job: j.id)) ?? (total: 0, done: 0, poisoned: 0)
        var progress: [String: Any] = ["done": c.done, "total": c.total, "poisoned": c.poisoned]
        if let kind = CatalogJobKinds.kind(j.typeLabel), j.typeLabel != JobType.tileStats.label {
            let tasks = (try? store.tasks(job: j.id)) ?? []
            progress["particles"] = tasks.filter { $0.state == "done" }.reduce(0) { $0 + kind.items(summary: $1.summary ?? "{}") }
        }
        o["progress"] = progress
        if detail {
            o["parameters"] = j.parameters
            o["error"] = j.errorMessage ?? NSNull()
            o["outputs"] = ((try? project.ledger.outputs(of: j.id)) ?? []).map(\.nodePath)
        }
        return o
    }

    /// `2026-11-25T02:41:25.403Z`: ISO 8601, UTC, milliseconds.
    static func iso8601(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: d)
    }

    private func submit(_ a: [String: Any]) throws(CatalogError) -> [String: Any] {
        guard let type = try JSON.string(a, "type") else { throw CatalogError(.badRequest, "missing type") }
        guard let kind = CatalogJobKinds.kind(type) else {
            throw CatalogError(.notFound, "unknown job type \(type); this catalog runs \(CatalogJobKinds.labels)")
        }
        let parameters = JSON.stringMap(a["parameters"] as? [String: Any])
        let named = ["tomograms", "particles", "i"].compactMap { parameters[$0] }.map { JobInput(nodePath: $0) }
        let inputs = ((a["inputs"] as? [Any]) ?? []).compactMap { $0 as? String }.map { JobInput(nodePath: $0) } + named
        try kind.check(parameters, project: project)     // refuse bad jobs before registering
        let record: JobRecord
        do {
            record = try project.createJob(type: kind.type, alias: try JSON.string(a, "alias"), parameters: parameters,
                                           commandLine: "sta submit \(type)", inputs: Array(Set(inputs)))
        } catch { throw CatalogError(.badRequest, "cannot register the job: \(error)") }
        events.publish("job.\(record.id).state", ["state": "pending"], job: record.id)
        try startJob(record)
        return ["job": record.id, "tasks": (try? store.counts(job: record.id).total) ?? 0]
    }

    private func cancel(_ a: [String: Any]) throws(CatalogError) -> [String: Any] {
        let j = try job(a)
        guard !j.status.isFinal else { throw CatalogError(.conflict, "job \(j.id) is already \(j.status.rawValue)") }
        do { try project.cancel(j.id, reason: "cancelled by request") } catch {
            throw CatalogError(.internalError, "cannot cancel job \(j.id): \(error)")
        }
        active.withLock { $0[j.id] = nil }
        loop.withLock { $0 }?.withdraw(job: UInt64(j.id))
        events.publish("job.\(j.id).state", ["state": "cancelled"], job: j.id)
        return ["job": j.id, "status": "cancelled"]
    }

    private func importSet(_ a: [String: Any]) throws(CatalogError) -> [String: Any] {
        guard let tomograms = try JSON.string(a, "tomograms") else { throw CatalogError(.badRequest, "missing tomograms") }
        let source = TileSource(root: project.root)
        let particles = try JSON.string(a, "particles").map { p throws(CatalogError) in try source.resolve(p) }
        do {
            let r = try ProjectImporter(project: project).importSet(
                tomograms: try source.resolve(tomograms), particles: particles,
                sourceProjectDirectory: try JSON.string(a, "source_project") ?? project.root)
            return ["job": r.job.id, "tomograms": r.tomogramCount, "tilt_images": r.tiltImageCount,
                    "particles": r.particleCount ?? 0, "outputs": r.outputs.map(\.nodePath)]
        } catch let e as CatalogError {
            throw e
        } catch {
            throw CatalogError(.badRequest, "import failed: \(error)")
        }
    }

    private func starGet(_ a: [String: Any]) throws(CatalogError) -> ([String: Any], [Payload]) {
        guard let path = try JSON.string(a, "path"), path.hasSuffix(".star") else {
            throw CatalogError(.badRequest, "star.get needs a path ending in .star")
        }
        let abs = try TileSource(root: project.root).resolve(path)
        guard let text = try? String(contentsOfFile: abs, encoding: .utf8) else {
            throw CatalogError(.notFound, "no STAR file \(path)")
        }
        let name = (path as NSString).lastPathComponent
        do {
            let table = try StarTableCodec.encode(text, name: name)
            return (["name": name, "bytes": table.descriptor.byteCount], [.starTable(table)])
        } catch { throw CatalogError(.internalError, "encoding \(path): \(error)") }
    }

    private func tileGet(_ a: [String: Any]) throws(CatalogError) -> ([String: Any], [Payload]) {
        let request = try TileRequest(json: a)
        let encoding: PayloadEncoding
        switch try JSON.string(a, "encoding") ?? "shuffle+zstd" {
        case "raw": encoding = .raw
        case "zstd": encoding = .zstd
        case "shuffle+zstd": encoding = .shuffleZstd
        case let other: throw CatalogError(.badRequest, "encoding \(other) is not raw, zstd or shuffle+zstd")
        }
        let id = UInt64(max(0, try JSON.int(a, "tile_id") ?? 0))
        let (tile, encoded) = try TileSource(root: project.root).encode(request, tileID: id, encoding: encoding)
        return (["nx": tile.nx, "ny": tile.ny, "nz": tile.nz, "voxel_size": tile.voxelSize,
                 "dtype": request.dtype == .float16 ? "float16" : "float32"], [.tile(encoded)])
    }
}
