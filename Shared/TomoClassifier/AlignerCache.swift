import Synchronization
import TomoRefine

/// What an aligner keeps between tasks: the prepared iteration (per run and iteration; older
/// ones are dropped) and the images of the batches it was given (per run and batch; other runs'
/// are dropped when a new run shows up). Fetches happen outside the lock, so two compute
/// threads may fetch the same thing once each; the first stored wins.
final class AlignerCache: Sendable {
    struct Key: Hashable, Sendable {
        var run: Int
        var index: Int
    }

    struct Contents: Sendable {
        var prepared: (key: Key, value: PreparedIteration)?
        var images: [Key: ParticleBatchImages] = [:]
        var fetchedStates = 0
        var fetchedImages = 0
    }

    let contents = Mutex(Contents())

    /// The prepared iteration `iteration` of `run`, fetched with `fetch` when not cached.
    func prepared(run: Int, iteration: Int, fetch: () throws -> PreparedIteration) throws -> PreparedIteration {
        let key = Key(run: run, index: iteration)
        if let p = contents.withLock({ c in c.prepared?.key == key ? c.prepared?.value : nil }) { return p }
        let p = try fetch()
        contents.withLock { c in
            c.fetchedStates += 1
            if c.prepared?.key != key { c.prepared = (key, p) }
        }
        return p
    }

    /// The images of `batch` of `run`, fetched with `fetch` when not cached.
    func images(run: Int, batch: Int, fetch: () throws -> ParticleBatchImages) throws -> ParticleBatchImages {
        let key = Key(run: run, index: batch)
        if let i = contents.withLock({ $0.images[key] }) { return i }
        let i = try fetch()
        contents.withLock { c in
            c.fetchedImages += 1
            if c.images.keys.contains(where: { $0.run != run }) { c.images = c.images.filter { $0.key.run == run } }
            c.images[key] = i
        }
        return i
    }
}
