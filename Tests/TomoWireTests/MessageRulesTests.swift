import Testing
@testable import TomoWire

/// The versioning, unknown-command and size rules of docs/protocol.md §4.4, §7.4 and §8.
@Suite struct MessageRulesTests {
    static func frames(_ name: String) throws -> [[UInt8]] {
        let m = try #require(try GoldenExamples.all().first { $0.name == name }?.message)
        return m.encode()
    }

    static func code(_ frames: [[UInt8]], limits: WireLimits = .protocolDefault) -> WireErrorCode? {
        do { _ = try Message.decode(frames, limits: limits); return nil } catch { return error.code }
    }

    @Test func otherMajorVersionIs426() throws {
        var f = try Self.frames("heartbeat")
        f[0][4] = 2
        #expect(Self.code(f) == .versionMismatch)
        do { _ = try Message.decode(f) } catch { #expect(error.message.hasPrefix("frame 0 byte 4")) }
    }

    @Test func unknownCommandIs400AndTheHeaderStillReadsForTheErrorReply() throws {
        var f = try Self.frames("result")
        f[0][5] = 0x2A
        #expect(Self.code(f) == .malformed)
        let h = try MessageHeader.decode(f[0])
        #expect(h.command == nil && h.commandByte == 0x2A && h.correlation == GoldenExamples.task7)
    }

    @Test func newerMinorUnknownFlagsAndTrailingFieldsAreIgnored() throws {
        let original = try Message.decode(Self.frames("task"))
        var f = try Self.frames("task")
        f[0][6] = 7                         // minor 7
        f[0][7] |= 0x80                     // an undefined flag
        f[0] += [1, 2, 3, 4]                // a field appended to the header
        f[1] += [9, 9, 9]                   // and to the body
        f[2] += [0, 0]                      // and to the tile descriptor
        let m = try Message.decode(f)
        #expect(m.body == original.body && m.correlation == original.correlation && m.payloads == original.payloads)
    }

    @Test func wrongFrameCountsAndPayloadsOnTheWrongCommandAre400() throws {
        var f = try Self.frames("task")
        f.removeLast()
        #expect(Self.code(f) == .malformed)
        var hb = try Self.frames("heartbeat")
        hb[0][48] = 2
        hb += try Array(Self.frames("task")[2...])
        #expect(Self.code(hb) == .malformed)
        let ev = try Self.frames("event")
        #expect(Self.code(Array(ev.dropFirst())) == .malformed)          // EVENT without its topic
        #expect(Self.code([Array("Job.1".utf8)] + Array(ev.dropFirst())) == .malformed)   // bad topic
        #expect(Self.code([]) == .malformed)
        #expect(Self.code([[1, 2, 3]]) == .malformed)
    }

    @Test func sizeLimitsAreCheckedBeforeAllocating() throws {
        // A descriptor that declares a 300 MiB float32 tile with a 4-byte data frame.
        var d = TileDescriptor(dtype: .float32, encoding: .zstd, nx: 480, ny: 480, nz: 341, voxelSize: 1, tileID: 1,
                               byteCount: 480 * 480 * 341 * 4, crc32: 0)
        let task = Message(.task(.init(leaseMilliseconds: 1, operation: "x")), payloads: [.tile(.init(descriptor: d, data: [0, 0, 0, 0]))])
        #expect(Self.code(task.encode()) == .tooLarge)
        // A declared size that does not match the shape is malformed, even when small.
        d = TileDescriptor(dtype: .float32, encoding: .raw, nx: 2, ny: 2, nz: 1, voxelSize: 1, tileID: 1, byteCount: 12, crc32: 0)
        let bad = Message(.task(.init(leaseMilliseconds: 1, operation: "x")), payloads: [.tile(.init(descriptor: d, data: Array(repeating: 0, count: 12)))])
        #expect(Self.code(bad.encode()) == .malformed)
        // Message and body limits.
        let big = Message(.request(.init(method: "job.submit", argumentsJSON: String(repeating: " ", count: 2 << 20))))
        #expect(Self.code(big.encode()) == .tooLarge)
        #expect(Self.code(try Self.frames("task"), limits: WireLimits(maxMessageBytes: 100)) == .tooLarge)
        // A string length that runs past the frame is refused, not trusted.
        var r = try Self.frames("ready")
        r[1][4] = 0xFF; r[1][5] = 0xFF; r[1][6] = 0xFF; r[1][7] = 0x7F
        do { _ = try Message.decode(r); Issue.record("accepted") } catch {
            #expect(error.code == .malformed)
            #expect(error.message.hasPrefix("frame 1 byte 4"))
        }
    }

    @Test func errorReplyEchoesCorrelation() throws {
        let task = try Message.decode(Self.frames("task"))
        let e = task.errorReply(.duplicate, "duplicate result")
        guard case .error(let body) = e.body else { Issue.record("not an error"); return }
        #expect(e.correlation == task.correlation && body.offendingCommand == Command.task.rawValue && body.code.rawValue == 409)
        #expect(try Message.decode(e.encode()) == e)
    }
}
