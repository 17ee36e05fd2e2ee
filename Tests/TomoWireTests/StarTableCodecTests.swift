import Testing
@testable import TomoWire

@Suite struct StarTableCodecTests {
    static let table: String = {
        var s = "# version 50001\n\ndata_particles\n\nloop_\n_rlnTomoName #1\n_rlnTomoParticleId #2\n_rlnCoordinateX #3\n"
        for i in 0..<2000 { s += "TS_01 \(i + 1) \(Double(i) * 1.25)\n" }
        return s
    }()

    @Test(arguments: [PayloadEncoding.raw, .zstd])
    func roundTripsText(encoding: PayloadEncoding) throws {
        let t = try StarTableCodec.encode(Self.table, name: "particles.star", encoding: encoding)
        #expect(t.descriptor.byteCount == UInt64(Self.table.utf8.count))
        #expect(try StarTableCodec.decode(t) == Self.table)
        if encoding == .zstd { #expect(t.data.count * 4 < Self.table.utf8.count) }
        // The descriptor survives a trip through a message.
        let m = Message(.reply(.init(method: "star.get")), payloads: [.starTable(t)])
        #expect(try Message.decode(m.encode()) == m)
    }

    @Test func refusesTablesOverTheLimit() throws {
        let t = try StarTableCodec.encode(Self.table, name: "particles.star")
        let limits = WireLimits(maxStarBytes: 1000)
        do { _ = try StarTableCodec.decode(t, limits: limits); Issue.record("accepted") } catch { #expect(error.code == .tooLarge) }
        let frames = Message(.reply(.init(method: "star.get")), payloads: [.starTable(t)]).encode()
        do { _ = try Message.decode(frames, limits: limits); Issue.record("accepted") } catch {
            #expect(error.code == .tooLarge)
            #expect(error.message.hasPrefix("frame 2 byte 8"))
        }
    }
}
