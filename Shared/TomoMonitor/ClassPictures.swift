import Foundation
import TomoCore
import TomoPlots

extension EventPayload {
    /// `job.<id>.classes`: central sections of every class map after an iteration, 8-bit and
    /// base64 (docs/protocol.md §5.5).
    public struct ClassSections: Codable, Sendable, Hashable {
        /// One class.
        public struct ClassEntry: Codable, Sendable, Hashable {
            /// Class number (1-based).
            public var number: Int
            /// `rlnClassDistribution`.
            public var distribution: Double?
            /// `rlnEstimatedResolution` (Å), absent when not estimated.
            public var resolutionA: Double?
            /// Value of grey level 0.
            public var minimum: Float
            /// Value of grey level 255.
            public var maximum: Float
            /// The three sections, base64 of `size × size` bytes.
            public var xy: String, xz: String, yz: String

            enum CodingKeys: String, CodingKey {
                case number = "class", distribution, resolutionA = "resolution_a", minimum = "min", maximum = "max", xy, xz, yz
            }
        }

        /// The iteration.
        public var iteration: Int
        /// Side of every section.
        public var size: Int
        /// The classes, class 1 first.
        public var classes: [ClassEntry]
    }
}

/// What `monitor follow --pictures DIR` writes, from events alone (no access to the maps needed):
/// `job<id>_it<NNN>_classes.png` per `job.<id>.classes` event (the seed's "Display": central
/// sections of every class) and `job<id>_convergence.png` after every `job.<id>.iteration`
/// (resolution and class distribution over the iterations).
public struct ClassPictures: Sendable {
    /// The job (as in the topics).
    public let job: String
    /// Where the PNGs go.
    public let directory: URL
    private var points: [Int: ConvergencePlot.Iteration] = [:]

    /// Pictures of `job` into `directory` (created when missing).
    public init(job: String, directory: URL) {
        self.job = job
        self.directory = directory
    }

    /// Handles one event; returns the paths written (empty for other topics or bad bodies).
    /// - Throws: when a PNG cannot be written.
    public mutating func apply(_ topic: String, json: String) throws -> [String] {
        guard let t = TopicParts(topic), t.kind == "job", t.subject == job else { return [] }
        switch t.facet {
        case "iteration":
            guard let it = EventPayload.decode(EventPayload.Iteration.self, json) else { return [] }
            points[it.iteration] = .init(number: it.iteration, resolution: it.resolutionA, classDistribution: it.classDistribution ?? [])
            let plot = ConvergencePlot(iterations: points.keys.sorted().map { points[$0]! }, title: "job \(job) convergence")
            return [try write(plot.render(), name: "job\(job)_convergence.png")]
        case "classes":
            guard let s = EventPayload.decode(EventPayload.ClassSections.self, json),
                  let figure = Self.figure(s, title: "job \(job) iteration \(s.iteration)") else { return [] }
            var n = String(s.iteration)
            while n.count < 3 { n = "0" + n }
            return [try write(figure.render(), name: "job\(job)_it\(n)_classes.png")]
        default:
            return []
        }
    }

    /// The figure of `sections`; nil when a section does not decode to `size²` bytes.
    ///
    /// `ClassSlicesFigure` draws the central sections of volumes, so each class becomes a
    /// `size³` volume that holds just its three sections (they agree where they cross, being
    /// sampled through the same centre voxel).
    public static func figure(_ s: EventPayload.ClassSections, title: String?) -> ClassSlicesFigure? {
        let n = s.size
        guard n > 0, n <= 1024, !s.classes.isEmpty else { return nil }
        var maps: [ClassSlicesFigure.ClassMap] = []
        for c in s.classes {
            func values(_ b64: String) -> [Float]? {
                guard let d = Data(base64Encoded: b64), d.count == n * n else { return nil }
                let step = (c.maximum - c.minimum) / 255
                return d.map { c.minimum + Float($0) * step }
            }
            guard let xy = values(c.xy), let xz = values(c.xz), let yz = values(c.yz) else { return nil }
            var v = RealVolume(cube: n)
            let m = n / 2
            for a in 0..<n {
                for b in 0..<n {
                    v[b, a, m] = xy[b + n * a]
                    v[b, m, a] = xz[b + n * a]
                    v[m, b, a] = yz[b + n * a]
                }
            }
            maps.append(.init(volume: v, distribution: c.distribution, resolution: c.resolutionA))
        }
        return ClassSlicesFigure(classes: maps, title: title)
    }

    private func write(_ canvas: Canvas, name: String) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try canvas.writePNG(to: path)
        return path
    }
}
