import Foundation
import TomoTesting
@testable import TomoWire

/// The messages whose frames appear as golden hex in docs/protocol.md, Appendix A, and the
/// reader that extracts them from the document (blocks written as
/// "```hex name=<example> frame=<index>" followed by hex bytes and a closing fence).
enum GoldenExamples {
    static let taskKey = IdempotencyKey((0..<16).map { UInt8($0) })
    static let requestKey = IdempotencyKey((0..<16).map { UInt8(0xA0 + $0) })
    static let task7 = Correlation(jobID: 42, iteration: 3, attempt: 1, taskID: 7, idempotencyKey: taskKey)

    /// The 4×4×1 float16 image in the TASK example: value (x + 4y)/4 − 2 at (x, y).
    static let tinyImage: [Float] = (0..<16).map { Float($0) / 4 - 2 }

    static let starText = """
        # version 50001

        data_particles

        loop_
        _rlnTomoName #1
        _rlnTomoParticleId #2
        _rlnCoordinateX #3
        TS_01 1 120.5
        TS_01 2 98.25

        """

    /// Every example, in the order of Appendix A.
    static func all() throws -> [(name: String, message: Message)] {
        let tile = try TileCodec.encode(tinyImage, nx: 4, ny: 4, nz: 1, voxelSize: 5.4, tileID: 1001,
                                        dtype: .float16, encoding: .shuffleZstd)
        let star = try StarTableCodec.encode(starText, name: "run_it003_data.star", encoding: .zstd)
        return [
            ("ready", Message(.ready(.init(credit: 4, service: "aligner", workerID: "aligner-01",
                                           capabilities: ["float16", "shuffle+zstd"])), sequence: 1)),
            ("task", Message(.task(.init(leaseMilliseconds: 30_000, operation: "align.local",
                                         parametersJSON: #"{"angular_step_deg":1.8}"#)),
                             correlation: task7, sequence: 17, payloads: [.tile(tile)])),
            ("result", Message(.result(.init(status: .succeeded, computeMilliseconds: 1234,
                                             summaryJSON: #"{"score":0.8125}"#)),
                               correlation: task7, sequence: 2)),
            ("heartbeat", Message(.heartbeat(.init(credit: 2, renewals: [.init(jobID: 42, iteration: 3, taskID: 7, attempt: 1)])),
                                  sequence: 3)),
            ("event", Message(.event(.init(topic: "job.42.progress", json: #"{"done":120,"total":480}"#)),
                              correlation: Correlation(jobID: 42, iteration: 3), sequence: 9)),
            ("request", Message(.request(.init(method: "star.get", argumentsJSON: #"{"job":42,"table":"particles"}"#)),
                                correlation: Correlation(jobID: 42, taskID: 5, idempotencyKey: requestKey), sequence: 5)),
            ("reply", Message(.reply(.init(method: "star.get", resultJSON: #"{"rows":2}"#)),
                              correlation: Correlation(jobID: 42, taskID: 5, idempotencyKey: requestKey), sequence: 30,
                              payloads: [.starTable(star)])),
            ("error", Message(.error(.init(code: .duplicate, offendingCommand: Command.result.rawValue,
                                           message: "duplicate result for job 42 iteration 3 task 7")),
                              correlation: task7, sequence: 31)),
            ("disconnect", Message(.disconnect(.init(reason: "shutdown")), sequence: 4)),
        ]
    }

    /// Hex lines, 16 bytes each, bytes separated by spaces.
    static func hex(_ bytes: [UInt8]) -> String {
        stride(from: 0, to: bytes.count, by: 16).map { start in
            bytes[start..<min(start + 16, bytes.count)].map { b in
                let s = String(b, radix: 16)
                return s.count == 1 ? "0" + s : s
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// The Appendix A blocks for `messages` (used to write the document, see `GoldenTests`).
    static func markdown(_ messages: [(name: String, message: Message)]) -> String {
        messages.map { name, message in
            message.encode().enumerated().map { i, frame in
                "```hex name=\(name) frame=\(i)\n\(hex(frame))\n```"
            }.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    static var documentURL: URL { RealData.repositoryRoot.appendingPathComponent("docs/protocol.md") }

    /// The frames of every golden example in docs/protocol.md, by name, in frame order.
    static func fromDocument() throws -> [String: [[UInt8]]] {
        let text = try String(contentsOf: documentURL, encoding: .utf8)
        var out: [String: [Int: [UInt8]]] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        while let line = lines.next() {
            guard line.hasPrefix("```hex ") else { continue }
            var name = "", frame = -1
            for word in line.dropFirst(7).split(separator: " ") {
                let kv = word.split(separator: "=", maxSplits: 1)
                if kv.count == 2, kv[0] == "name" { name = String(kv[1]) }
                if kv.count == 2, kv[0] == "frame" { frame = Int(kv[1]) ?? -1 }
            }
            var bytes: [UInt8] = []
            while let l = lines.next(), !l.hasPrefix("```") {
                for tok in l.split(separator: " ") { if let b = UInt8(tok, radix: 16) { bytes.append(b) } }
            }
            out[name, default: [:]][frame] = bytes
        }
        return out.mapValues { frames in frames.keys.sorted().map { frames[$0]! } }
    }
}
