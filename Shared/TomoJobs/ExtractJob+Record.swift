import TomoRelion

extension ExtractJob.Record {
    /// A record made elsewhere (a distributed extraction: a worker computed the images, the
    /// catalog wrote them and rebuilds the rows): particle `index` of the input set, its output
    /// row (nil when dropped by `--min_frames`), and its `rlnCtfImage` (3D mode).
    public static func make(index: Int, particle: TomoParticle?, ctfImage: String?) -> ExtractJob.Record {
        ExtractJob.Record(index: index, particle: particle, ctfImage: ctfImage)
    }
}
