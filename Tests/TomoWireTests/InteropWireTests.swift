import Foundation
import Testing
import TomoTesting
@testable import TomoWire

/// `Tests/Interop/wire_client.py`, written from docs/protocol.md alone, agrees with the Swift
/// codec: it decodes every golden example to the same fields and values and re-encodes it to the
/// same bytes, and Swift decodes tiles that Python encoded.
@Suite(.requiresInteropPython) struct InteropWireTests {
    static let client = RealData.repositoryRoot.appendingPathComponent("Tests/Interop/wire_client.py").path

    static func python(_ arguments: [String]) throws -> Any {
        let script = "import runpy, sys; sys.argv = [sys.argv[0]] + sys.argv[1:]; runpy.run_path(\(pyString(client)), run_name='__main__')"
        let out = try InteropPython.run(script, arguments: arguments)
        return try JSONSerialization.jsonObject(with: Data(out.utf8))
    }

    static func pyString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "\\'") + "'" }

    static func hex(_ b: [UInt8]) -> String { b.map { x in let s = String(x, radix: 16); return s.count == 1 ? "0" + s : s }.joined() }

    /// What the Python client reports for `m` (its `_describe` shape), computed from Swift values.
    static func summary(_ m: Message) throws -> NSDictionary {
        var s: [String: Any] = [
            "command": m.command.description, "minor": 0, "flags": Int(m.flags.rawValue),
            "job": m.correlation.jobID, "iteration": m.correlation.iteration, "attempt": m.correlation.attempt,
            "task": m.correlation.taskID, "key": hex(m.correlation.idempotencyKey.bytes), "sequence": m.sequence,
            "roundtrip": true,
        ]
        switch m.body {
        case .ready(let b): s["body"] = ["credit": b.credit, "service": b.service, "worker_id": b.workerID, "capabilities": b.capabilities]
        case .task(let b): s["body"] = ["lease_ms": b.leaseMilliseconds, "operation": b.operation, "parameters": b.parametersJSON]
        case .result(let b): s["body"] = ["status": Int(b.status.rawValue), "compute_ms": b.computeMilliseconds, "summary": b.summaryJSON]
        case .heartbeat(let b):
            s["body"] = ["credit": b.credit, "renewals": b.renewals.map {
                ["job": $0.jobID, "iteration": $0.iteration, "task": $0.taskID, "attempt": $0.attempt] as [String: Any]
            }] as [String: Any]
        case .event(let e): s["topic"] = e.topic; s["body"] = e.json
        case .request(let b): s["body"] = ["method": b.method, "arguments": b.argumentsJSON]
        case .reply(let b): s["body"] = ["method": b.method, "result": b.resultJSON]
        case .error(let b): s["body"] = ["code": b.code.rawValue, "offending_command": Int(b.offendingCommand), "message": b.message]
        case .disconnect(let b): s["body"] = ["reason": b.reason]
        }
        do {   // Python lists payloads for every command, an empty list for an EVENT
            s["payloads"] = try m.payloads.map { p -> [String: Any] in
                switch p {
                case .tile(let t):
                    let d = t.descriptor
                    return ["kind": "tile", "dtype": Int(d.dtype.rawValue), "encoding": Int(d.encoding.rawValue), "nx": d.nx, "ny": d.ny,
                            "nz": d.nz, "voxel_size": d.voxelSize, "tile_id": d.tileID, "byte_count": d.byteCount, "crc32": d.crc32,
                            "values": try TileCodec.decode(t).map(Double.init)]
                case .starTable(let t):
                    let d = t.descriptor
                    return ["kind": "star", "encoding": Int(d.encoding.rawValue), "crc32": d.crc32, "byte_count": d.byteCount,
                            "name": d.name, "text": try StarTableCodec.decode(t)]
                }
            }
        }
        return s as NSDictionary
    }

    @Test func pythonDecodesAndReencodesEveryGoldenExample() throws {
        let report = try #require(try Self.python(["check-doc", GoldenExamples.documentURL.path]) as? [String: Any])
        let examples = try GoldenExamples.all()
        #expect(Set(report.keys) == Set(examples.map(\.name)))
        for (name, message) in examples {
            let got = try #require(report[name] as? NSDictionary, "python did not report \(name)")
            #expect(got["roundtrip"] as? Bool == true, "python re-encoded \(name) to other bytes")
            let want = try Self.summary(message)
            #expect(got.isEqual(want), "\(name): python \(got) vs swift \(want)")
        }
    }

    @Test func swiftDecodesTilesThatPythonEncoded() throws {
        let out = try #require(try Self.python(["make-tiles"]) as? [String: Any])
        let hexFrames = try #require(out["frames"] as? [String])
        let frames = hexFrames.map { h in
            stride(from: 0, to: h.count, by: 2).map { i in
                UInt8(h[h.index(h.startIndex, offsetBy: i)..<h.index(h.startIndex, offsetBy: i + 2)], radix: 16)!
            }
        }
        let m = try Message.decode(frames)
        #expect(m.correlation == Correlation(jobID: 9, iteration: 1, attempt: 2, taskID: 5,
                                             idempotencyKey: IdempotencyKey((16..<32).map(UInt8.init))))
        #expect(m.body == .task(.init(leaseMilliseconds: 30_000, operation: "align.local", parametersJSON: "{}")))
        #expect(m.payloads.count == 2)
        let shapes: [(Int, Int, Int, TileDType, PayloadEncoding)] = [(5, 4, 3, .float32, .shuffleZstd), (3, 2, 2, .float16, .raw)]
        for (p, (nx, ny, nz, dtype, encoding)) in zip(m.payloads, shapes) {
            guard case .tile(let t) = p else { Issue.record("not a tile"); continue }
            #expect(t.descriptor.dtype == dtype && t.descriptor.encoding == encoding)
            let dims: [Int] = [Int(t.descriptor.nx), Int(t.descriptor.ny), Int(t.descriptor.nz)], want: [Int] = [nx, ny, nz]
            #expect(dims == want)
            var expected: [Float] = []
            for z in 0..<nz { for y in 0..<ny { for x in 0..<nx { expected.append(Float(x) - 2 * Float(y) + 0.25 * Float(z)) } } }
            #expect(try TileCodec.decode(t) == expected)
        }
        // And Swift re-encodes Python's frames byte for byte.
        #expect(m.encode() == frames)
    }
}
