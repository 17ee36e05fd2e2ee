import Foundation
import Logging
import Synchronization
import TomoProject
import TomoTransport
import TomoWire

/// The catalog: a RELION project directory and its job ledger (`TomoProject`), the persisted
/// task ledger (`CatalogStore`), and a `CoordinatorLoop` on one ROUTER that leases tasks to
/// workers and answers client REQUESTs (docs/protocol.md, Appendix B "Catalog methods").
///
/// On start it resumes every running job of a type it runs (`CatalogJobKinds`: `sta.tilestats`,
/// `relion.pseudosubtomo`, `relion.reconstructparticletomo`) from the store: finished tasks stay
/// finished, the rest are queued again. A job whose tasks are all done is reduced in key order
/// and its `stats.star` written atomically before the job is marked succeeded; one with a
/// poisoned task is marked failed naming it.
public final class CatalogEngine: Sendable {
    /// Where and how the catalog runs.
    public struct Configuration: Sendable {
        /// The project directory.
        public var project: String
        /// The ROUTER endpoint to bind (e.g. `tcp://*:5555`).
        public var bind: String
        /// The monitor's XSUB, or nil for no events.
        public var events: String?
        /// The catalog's name in `service.<name>.log` events.
        public var name: String
        /// Heartbeats, leases, poison limits.
        public var coordinator: CoordinatorLoop.Configuration
        /// How the event publisher's connection to `events` is secured.
        public var eventsSecurity: CurveSecurity = .off

        /// A configuration.
        public init(project: String, bind: String, events: String? = nil, name: String = "catalog",
                    coordinator: CoordinatorLoop.Configuration = .init()) {
            self.project = project
            self.bind = bind
            self.events = events
            self.name = name
            self.coordinator = coordinator
        }
    }

    /// The project.
    public var project: ProjectDirectory { state.project }
    /// The task store.
    public var store: CatalogStore { state.store }
    /// The bound endpoint.
    public let endpoint: String
    let state: CatalogState
    let loop: CoordinatorLoop

    /// Opens the project and the store, binds the ROUTER and resumes unfinished jobs.
    /// - Throws: `CatalogError` when the project, the store or the socket cannot be opened.
    public init(context: ZMQContext, configuration: Configuration, logger: Logger = Logger(label: "sta.catalog"))
        throws(CatalogError)
    {
        let project: ProjectDirectory
        do { project = try ProjectDirectory(root: configuration.project) } catch {
            throw CatalogError(.internalError, "cannot open project \(configuration.project): \(error)")
        }
        let store = try CatalogStore(path: project.root + "/.sta/catalog.sqlite")
        let state = CatalogState(project: project, store: store, logger: logger, name: configuration.name,
                                 events: CatalogEvents(context: context, endpoint: configuration.events,
                                                         security: configuration.eventsSecurity))
        self.state = state
        do {
            loop = try CoordinatorLoop(context: context, bindTo: configuration.bind,
                                       configuration: configuration.coordinator,
                                       hooks: .init(onResult: { state.recordResult($0) },
                                                    onRequest: { m, _ in state.handleRequest(m) },
                                                    onEvents: { state.handleEvents($0) }))
        } catch {
            throw CatalogError(.internalError, "cannot bind \(configuration.bind): \(error)")
        }
        endpoint = loop.endpoint
        state.loop.withLock { $0 = loop }
        state.resume()
        logger.info("catalog serving", metadata: ["endpoint": "\(endpoint)", "project": "\(project.root)"])
    }

    /// Task counts of the coordinator as of its last turn.
    public var progress: TaskLedger.Progress { loop.progress }

    /// Graceful stop: no more dispatching; every finished task is already persisted; workers are
    /// told DISCONNECT (they reconnect to the next catalog on the endpoint).
    public func shutdown() {
        _ = loop.stop()
        state.events.close()
        state.logger.info("catalog stopped")
    }
}

/// The catalog's state shared by the coordinator loop's hooks (which all run on the loop's
/// thread) and the starting thread.
final class CatalogState: Sendable {
    let project: ProjectDirectory
    let store: CatalogStore
    let logger: Logger
    let name: String
    let events: CatalogEvents
    let loop = Mutex<CoordinatorLoop?>(nil)
    /// Jobs whose tasks are in the coordinator: job → task count.
    let active = Mutex<[Int: Int]>([:])
    /// Per running job: when this catalog started it, the items (particles) done since, the
    /// items done before (a resumed job), and the items of all its tasks.
    let rates = Mutex<[Int: Rate]>([:])

    struct Rate {
        var start: Date
        var doneHere: Int
        var doneBefore: Int
        var total: Int
    }

    init(project: ProjectDirectory, store: CatalogStore, logger: Logger, name: String, events: CatalogEvents) {
        self.project = project
        self.store = store
        self.logger = logger
        self.name = name
        self.events = events
    }

    func enqueue(_ tasks: [TaskDescriptor]) { loop.withLock { $0 }?.enqueue(tasks) }

    /// Requeues the unfinished tasks of running (or planned but not started) jobs of the types
    /// this catalog runs (`CatalogJobKinds`).
    func resume() {
        guard let jobs = try? project.ledger.jobs() else { return }
        for job in jobs where CatalogJobKinds.kind(job.typeLabel) != nil && !job.status.isFinal {
            do {
                try startJob(job)
                logger.info("resumed job", metadata: ["job.id": "\(job.id)"])
            } catch {
                logger.error("cannot resume job", metadata: ["job.id": "\(job.id)", "error": "\(error)"])
                _ = try? project.fail(job.id, error: "cannot resume: \(error)")
            }
        }
    }

    /// Plans (idempotently) and persists the job's tasks, marks it running and queues the
    /// unfinished ones; finishes it at once when nothing is left.
    func startJob(_ job: JobRecord) throws(CatalogError) {
        guard let kind = CatalogJobKinds.kind(job.typeLabel) else {
            throw CatalogError(.notFound, "job \(job.id) has type \(job.typeLabel), not one of \(CatalogJobKinds.labels)")
        }
        var stored = try store.tasks(job: job.id)
        if stored.isEmpty {
            stored = try kind.plan(job, project: project).enumerated().map { i, t in
                CatalogStore.StoredTask(key: TaskKey(job: UInt64(job.id), iteration: 0, task: UInt64(i)),
                                        operation: t.0, parameters: t.1, state: "queued", attempt: 0, worker: nil, summary: nil)
            }
            try store.insert(stored)
        }
        if job.status == .pending {
            do { try project.start(job.id) } catch { throw CatalogError(.internalError, "\(error)") }
            events.publish("job.\(job.id).state", ["state": "running"], job: job.id)
        }
        active.withLock { $0[job.id] = stored.count }
        let total = stored.reduce(0) { $0 + kind.items(parameters: $1.parameters) }
        let before = stored.filter { $0.state == "done" }.reduce(0) { $0 + kind.items(summary: $1.summary ?? "{}") }
        rates.withLock { $0[job.id] = Rate(start: Date(), doneHere: 0, doneBefore: before, total: total) }
        enqueue(stored.filter { $0.state == "queued" }.map {
            TaskDescriptor(key: $0.key, work: TaskWork(operation: $0.operation, parametersJSON: $0.parameters),
                           requiredCapability: kind.capability)
        })
        finishIfComplete(job.id)
    }

    /// A task's first result: let the job's kind write what it carries, persist it, publish
    /// progress (done/total, particles and particles/s), finish the job when complete.
    func recordResult(_ done: CoordinatorLoop.CompletedTask) {
        let job = Int(done.key.job)
        guard active.withLock({ $0[job] }) != nil else { return }           // cancelled or unknown
        guard let record = try? project.ledger.job(job), let kind = CatalogJobKinds.kind(record.typeLabel) else { return }
        guard done.result.status == .succeeded else { return }
        let summary: String
        do {
            summary = try kind.accept(record, done, project: project)
            try store.complete(done.key, attempt: done.attempt, worker: done.workerName, summary: summary)
        } catch {
            logger.error("cannot accept a result", metadata: ["task": "\(done.key)", "error": "\(error)"])
            _ = try? store.poison(done.key, reason: "result not accepted: \(error)")
            finishIfComplete(job)
            return
        }
        let items = kind.items(summary: summary)
        let rate = rates.withLock { r -> Rate? in
            r[job]?.doneHere += items
            return r[job]
        }
        if let c = try? store.counts(job: job), let rate {
            let seconds = max(Date().timeIntervalSince(rate.start), 1e-6)
            events.publish("job.\(job).progress",
                           ["stage": kind.stage, "done": rate.doneBefore + rate.doneHere, "total": rate.total,
                            "tasks_done": c.done, "tasks_total": c.total, "poisoned": c.poisoned,
                            "particles_per_s": Double(rate.doneHere) / seconds], job: job)
        }
        finishIfComplete(job)
    }

    /// Reduces and writes the outputs of a job whose tasks are all done or poisoned.
    func finishIfComplete(_ job: Int) {
        guard let c = try? store.counts(job: job), c.done + c.poisoned == c.total, c.total > 0 else { return }
        active.withLock { $0[job] = nil }
        rates.withLock { $0[job] = nil }
        do {
            guard let record = try project.ledger.job(job), record.status == .running,
                  let kind = CatalogJobKinds.kind(record.typeLabel) else { return }
            let tasks = try store.tasks(job: job)
            if c.poisoned > 0 {
                let names = tasks.filter { $0.state == "poisoned" }.prefix(5).map { "task \($0.key.task)" }
                try project.fail(job, error: "\(c.poisoned) tasks poisoned: \(names.joined(separator: ", "))")
                events.publish("job.\(job).state", ["state": "failed"], job: job)
                return
            }
            let outputs = try kind.finish(record, tasks: tasks, project: project)
            try project.succeed(job, outputs: outputs)
            events.publish("job.\(job).state", ["state": "succeeded", "outputs": outputs.map(\.nodePath)], job: job)
            logger.info("job succeeded", metadata: ["job.id": "\(job)", "tasks": "\(tasks.count)"])
        } catch {
            logger.error("cannot finish job", metadata: ["job.id": "\(job)", "error": "\(error)"])
            _ = try? project.fail(job, error: "cannot write the outputs: \(error)")
            events.publish("job.\(job).state", ["state": "failed"], job: job)
        }
    }

    /// Coordinator events → store (poison), bus events, log.
    func handleEvents(_ batch: [CoordinatorLoop.Event]) {
        for e in batch {
            switch e {
            case .workerJoined(_, let n, let service):
                events.publish("worker.\(CatalogEvents.topicPart(n)).liveness", ["service": service, "alive": true])
            case .workerLeft(_, let n, let reason):
                events.publish("worker.\(CatalogEvents.topicPart(n)).liveness", ["alive": false, "reason": reason])
            case .ledger(.poisoned(let key, let reason)):
                _ = try? store.poison(key, reason: "\(reason)")
                events.publish("task.\(key.job).\(key.task).failed", ["reason": "\(reason)"], job: Int(key.job))
                logger.warning("task poisoned", metadata: ["task": "\(key)", "reason": "\(reason)"])
                finishIfComplete(Int(key.job))
            case .ledger(let other):
                logger.debug("ledger", metadata: ["event": "\(other)"])
            case .refused(let peer, let error):
                events.publish("service.\(CatalogEvents.topicPart(name)).log",
                               ["level": "warning", "peer": peer.description, "refused": error.description])
            case .dropped(let peer, let why):
                events.publish("service.\(CatalogEvents.topicPart(name)).log",
                               ["level": "warning", "peer": peer.description, "dropped": why])
            }
        }
    }
}
