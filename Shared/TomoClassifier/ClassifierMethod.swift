/// The REQUEST methods a `classifier` serves (docs/protocol.md Appendix C).
///
/// `job` in `class3d.submit/get/cancel` is the project's job id (events `job.<id>.*`); in
/// `class3d.state` and `class3d.images` it is the run id the aligner read from its task's
/// parameters (the classifier's own number for one submission, unique per classifier process and
/// start, so an aligner's cache never mixes two runs).
public enum ClassifierMethod {
    /// Args: ``Class3DSubmission`` JSON → reply: ``Class3DJobStatus`` JSON. Needs an idempotency key.
    public static let submit = "class3d.submit"
    /// Args `{"job": Int}` → reply: ``Class3DJobStatus`` JSON.
    public static let get = "class3d.get"
    /// Args `{"job": Int}` → reply: ``Class3DJobStatus`` JSON (state `cancelled` once it stopped).
    public static let cancel = "class3d.cancel"
    /// Args `{"job": run, "iteration": Int}` → reply `{"bytes": n}`, payload: the `IterationState`
    /// bytes as one byte-blob tile (see ``ByteBlob``).
    public static let state = "class3d.state"
    /// Args `{"job": run, "batch": Int}` → reply `{"bytes": n}`, payload: the batch's
    /// `ParticleBatchImages` bytes as one byte-blob tile.
    public static let images = "class3d.images"
}

/// The TASK operation an `aligner` runs.
public enum AlignerOperation {
    /// The E-step of one batch. Parameters `{"job": run, "iteration": Int, "batch": Int}`; payload:
    /// the batch's `ParticleBatchPoses` bytes (byte-blob tile). Result payload: `BatchSums` bytes.
    public static let expectation = "class3d.estep"
}
