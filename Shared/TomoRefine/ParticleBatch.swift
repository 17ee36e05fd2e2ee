import TomoCore

/// The image data of one batch of particles as the E-step uses them (masked and unmasked
/// transforms, CTF², tilt rotations), prepared once by the engine. It does not change between
/// iterations, so a remote worker receives it once per job and caches it by ``batch``.
public struct ParticleBatchImages: Sendable {
    /// Batch index (particles `firstIndex ..< firstIndex + count`).
    public let batch: Int
    /// Index of the first particle of the batch.
    public let firstIndex: Int
    let images: [[PreparedImage]]

    /// Particles in the batch.
    public var count: Int { images.count }

    init(batch: Int, firstIndex: Int, images: [[PreparedImage]]) {
        self.batch = batch; self.firstIndex = firstIndex; self.images = images
    }

    /// Compact bytes (exact).
    public func encoded() -> [UInt8] {
        var w = RefineByteWriter()
        w.string("ParticleBatchImages/1")
        w.int(batch); w.int(firstIndex); w.int(images.count)
        for particle in images {
            w.int(particle.count)
            for img in particle { w.matrix(img.rotation); w.complex(img.data); w.complex(img.masked); w.floats(img.ctfSquared) }
        }
        return w.bytes
    }

    /// Decodes ``encoded()``.
    public init(decoding bytes: [UInt8]) throws(RefinementError) {
        var r = RefineByteReader(bytes, what: "ParticleBatchImages")
        try r.magic("ParticleBatchImages/1")
        batch = try r.int("batch"); firstIndex = try r.int("first index")
        let n = try r.count("particles", elementBytes: 8)
        var out: [[PreparedImage]] = []
        for i in 0..<n {
            let m = try r.count("images of particle \(i)", elementBytes: 72)
            var particle: [PreparedImage] = []
            for _ in 0..<m {
                let rotation = try r.matrix("rotation"), data = try r.complex("data"), masked = try r.complex("masked")
                let ctf = try r.floats("CTF²")
                guard data.count == masked.count, data.count == ctf.count else {
                    throw RefinementError("ParticleBatchImages: particle \(firstIndex + i) has \(data.count)/\(masked.count)/\(ctf.count) data/masked/CTF² values")
                }
                particle.append(PreparedImage(rotation: rotation, data: data, masked: masked, ctfSquared: ctf))
            }
            out.append(particle)
        }
        try r.finish()
        images = out
    }
}

/// The poses and metadata of one batch at the start of an iteration (angles, offsets, classes,
/// priors, optics groups, random subsets), without image data: sent with every task.
public struct ParticleBatchPoses: Sendable {
    /// Batch index.
    public let batch: Int
    /// Index of the first particle of the batch.
    public let firstIndex: Int
    /// The particles (their `data` is empty: `.stack([])`).
    public let particles: [ParticleObservation]

    init(batch: Int, firstIndex: Int, particles: [ParticleObservation]) {
        self.batch = batch; self.firstIndex = firstIndex
        self.particles = particles.map {
            ParticleObservation(data: .stack([]), angles: $0.angles, offset: $0.offset, priorAngles: $0.priorAngles,
                                priorOffset: $0.priorOffset, opticsGroup: $0.opticsGroup,
                                randomSubset: $0.randomSubset, classNumber: $0.classNumber)
        }
    }

    /// Compact bytes (exact).
    public func encoded() -> [UInt8] {
        var w = RefineByteWriter()
        w.string("ParticleBatchPoses/1")
        w.int(batch); w.int(firstIndex); w.int(particles.count)
        for p in particles {
            w.angles(p.angles); w.vector(p.offset)
            w.bool(p.priorAngles != nil); w.angles(p.priorAngles ?? EulerAngles(rot: 0, tilt: 0, psi: 0))
            w.vector(p.priorOffset); w.int(p.opticsGroup); w.int(p.randomSubset); w.int(p.classNumber)
        }
        return w.bytes
    }

    /// Decodes ``encoded()``.
    public init(decoding bytes: [UInt8]) throws(RefinementError) {
        var r = RefineByteReader(bytes, what: "ParticleBatchPoses")
        try r.magic("ParticleBatchPoses/1")
        batch = try r.int("batch"); firstIndex = try r.int("first index")
        let n = try r.count("particles", elementBytes: 121)
        var out: [ParticleObservation] = []
        for _ in 0..<n {
            let angles = try r.angles("angles"), offset = try r.vector("offset")
            let hasPrior = try r.bool("prior angles?"), prior = try r.angles("prior angles")
            let priorOffset = try r.vector("prior offset")
            let group = try r.int("optics group"), subset = try r.int("random subset"), cls = try r.int("class")
            out.append(ParticleObservation(data: .stack([]), angles: angles, offset: offset, priorAngles: hasPrior ? prior : nil,
                                           priorOffset: priorOffset, opticsGroup: group, randomSubset: subset, classNumber: cls))
        }
        try r.finish()
        particles = out
    }
}
