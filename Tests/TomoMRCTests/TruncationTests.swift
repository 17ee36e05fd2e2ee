import Testing
@testable import TomoMRC

@Suite("truncated and unreadable files")
struct TruncationTests {
    @Test("data cut short → .truncated naming the path and the expected and actual byte counts")
    func truncatedData() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let h = MRCHeader(nx: 10, ny: 10, nz: 10, mode: .float16)   // needs 1024 + 2000 bytes
        let path = folder.file("short.mrc")
        writeRaw(path, h.encoded() + [UInt8](repeating: 0, count: 1999))
        do {
            _ = try MRCFile.open(path: path)
            Issue.record("a truncated file opened")
        } catch {
            #expect(error.code == .truncated)
            #expect(error.path == path)
            #expect(error.offset == 3023)
            #expect(error.message.contains("3024") && error.message.contains("3023"))
            #expect(error.description.hasPrefix(path))
        }
    }

    @Test("extended header cut short counts too")
    func truncatedExtendedHeader() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        var h = MRCHeader(nx: 2, ny: 2, nz: 1, mode: .int8)
        h.nsymbt = 100
        let path = folder.file("ext.mrc")
        writeRaw(path, h.encoded() + [UInt8](repeating: 0, count: 103))   // needs 100 + 4
        #expect { _ = try MRCFile.open(path: path) } throws: { ($0 as? MRCError)?.code == .truncated && ($0 as? MRCError)?.message.contains("1128") == true }
    }

    @Test("a file shorter than the header → .truncated with the byte count")
    func truncatedHeader() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let path = folder.file("tiny.mrc")
        writeRaw(path, Array(MRCHeader(nx: 1, ny: 1, nz: 1).encoded().prefix(500)))
        do { _ = try MRCFile.open(path: path); Issue.record("opened") } catch {
            #expect(error.code == .truncated && error.path == path && error.offset == 500)
            #expect(error.message.contains("1024") && error.message.contains("500"))
        }
    }

    @Test("a missing file → .ioError naming it")
    func missing() {
        let path = "/nonexistent-folder-\(UInt32.random(in: 0 ... .max))/x.mrc"
        do { _ = try MRCFile.open(path: path); Issue.record("opened") } catch {
            #expect(error.code == .ioError && error.path == path && error.message.contains("No such file"))
        }
    }

    @Test("gzip and bzip2 files → .unsupportedCompression", arguments: [[UInt8]([0x1f, 0x8b, 8, 0]), Array("BZh91AY".utf8)])
    func compressed(magic: [UInt8]) {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let path = folder.file("c.mrc.z")
        writeRaw(path, magic + [UInt8](repeating: 7, count: 2000))
        do { _ = try MRCFile.open(path: path); Issue.record("opened") } catch {
            #expect(error.code == .unsupportedCompression && error.message.contains("compressed"))
        }
    }

    @Test("mode 4 opens, but only the raw complex reader returns data")
    func complexIsNotAnImage() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let pairs: [Float] = (0 ..< 24).map { Float($0) - 0.5 }      // 12 complex voxels
        let path = folder.file("c.mrc")
        writeRaw(path, MRCHeader(nx: 3, ny: 2, nz: 2, mode: .complex64).encoded() + rawBytes(pairs, mode: .complex64))
        let file = try MRCFile.open(path: path)
        #expect(try file.readComplexInterleaved() == pairs)
        #expect { _ = try file.readAll() } throws: { ($0 as? MRCError)?.code == .unsupportedMode }
        #expect { _ = try file.readSection(0) } throws: { ($0 as? MRCError)?.code == .unsupportedMode }
    }
}
