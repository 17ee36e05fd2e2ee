import Foundation
import Testing
import TomoFiles
@testable import TomoMRC

@Suite("atomic writes")
struct AtomicWriteTests {
    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test("a write that fails half-way leaves the previous file intact and no temporary file")
    func failedWriteKeepsPrevious() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let path = folder.file("map.mrc")
        try MRCWriter.write([1, 2, 3, 4], nx: 2, ny: 2, nz: 1, voxelSize: 1, to: path)
        let before = try #require(Self.bytes(path))
        #expect {
            try writeAtomically(path: path) { (file) throws(MRCError) in
                try mrcIO { () throws(FileError) in try file.write([UInt8](repeating: 0xAB, count: 5000), at: 0) }
                throw MRCError(code: .ioError, path: path, message: "injected failure after 5000 bytes")
            }
        } throws: { ($0 as? MRCError)?.message.contains("injected") == true }
        #expect(Self.bytes(path) == before)
        #expect(folder.contents() == ["map.mrc"])
        #expect(try MRCFile.open(path: path).readAll() == [1, 2, 3, 4])
    }

    @Test("a stack writer cancelled or dropped before finish leaves the previous file intact")
    func abandonedStack() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let path = folder.file("stack.mrcs")
        try MRCWriter.write([5, 6], nx: 2, ny: 1, nz: 1, voxelSize: 1, to: path, isStack: true)
        let before = try #require(Self.bytes(path))
        let w = try MRCStackWriter(path: path, nx: 4, ny: 4, voxelSize: 1)
        try w.append([Float](repeating: 9, count: 16))
        #expect(folder.contents().count == 2)              // the previous file and the temporary one
        w.cancel()
        #expect(Self.bytes(path) == before && folder.contents() == ["stack.mrcs"])
        do {
            let dropped = try MRCStackWriter(path: path, nx: 4, ny: 4, voxelSize: 1)
            try dropped.append([Float](repeating: 9, count: 16))
        }
        #expect(Self.bytes(path) == before && folder.contents() == ["stack.mrcs"])
    }

    @Test("a successful write replaces the previous file")
    func replaces() throws {
        let folder = TemporaryFolder(); defer { folder.cleanUp() }
        let path = folder.file("map.mrc")
        try MRCWriter.write([1], nx: 1, ny: 1, nz: 1, voxelSize: 1, to: path)
        try MRCWriter.write([7, 8], nx: 2, ny: 1, nz: 1, voxelSize: 1, to: path)
        #expect(try MRCFile.open(path: path).readAll() == [7, 8])
        #expect(folder.contents() == ["map.mrc"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test("writing into a missing folder → .ioError naming the path")
    func missingFolder() {
        let path = "/nonexistent-\(UInt32.random(in: 0 ... .max))/map.mrc"
        do { try MRCWriter.write([1], nx: 1, ny: 1, nz: 1, voxelSize: 1, to: path); Issue.record("wrote") } catch {
            #expect(error.code == .ioError && error.path == path && error.message.contains("temporary"))
        }
    }
}
