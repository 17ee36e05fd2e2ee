import Foundation
import Synchronization
import TomoTransport

/// `monitor serve --pictures DIR`: a subscriber on the bus's own thread that draws every job's
/// `job.<id>.classes` and `job.<id>.iteration` events as PNGs in `DIR` (``ClassPictures``:
/// `job<id>_it<NNN>_classes.png`, `job<id>_convergence.png`), so the pictures exist for every
/// Class3D job whoever follows it, on the monitor's host, without access to the maps.
public final class PictureWatch: Sendable {
    /// Where the PNGs go.
    public let directory: URL
    private let stopFlag = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let written = Mutex<[String]>([])

    /// Subscribes to `job.` on `endpoint` (the bus's XPUB) and starts drawing.
    /// - Throws: `ZMQError` when the subscriber cannot connect.
    public init(context: ZMQContext, endpoint: String, directory: URL, security: CurveSecurity = .off) throws(ZMQError) {
        self.directory = directory
        let subscriber = try EventSubscriber(context: context, connectTo: endpoint, topics: ["job."], security: security)
        let box = UncheckedBox(subscriber)
        Thread.detachNewThread { [self] in
            let subscriber = box.value
            var jobs: [String: ClassPictures] = [:]
            while !self.stopFlag.load(ordering: .acquiring) {
                guard let e = try? subscriber.next(timeoutMilliseconds: 200),
                      let t = TopicParts(e.topic), t.facet == "classes" || t.facet == "iteration" else { continue }
                var pictures = jobs[t.subject] ?? ClassPictures(job: t.subject, directory: directory)
                do {
                    let paths = try pictures.apply(e.topic, json: e.json)
                    if !paths.isEmpty { self.written.withLock { $0 += paths } }
                } catch {
                    FileHandle.standardError.write(Data("monitor: cannot draw \(e.topic): \(error)\n".utf8))
                }
                jobs[t.subject] = pictures
            }
            self.finished.signal()
        }
    }

    /// Paths written so far, oldest first (a path is listed again each time it is redrawn).
    public var writtenPaths: [String] { written.withLock { $0 } }

    /// Stops drawing (waits for the thread).
    public func stop() {
        guard !stopFlag.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }
}
