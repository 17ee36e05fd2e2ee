import Testing
import TomoSTAR

/// Building and editing blocks: setColumn, removeColumn, appendRow, selectingRows, subscripts.
@Suite("Mutation")
struct MutationTests {
    @Test("setColumn adds, replaces, and formats by label type")
    func setColumn() throws {
        var b = StarBlock(name: "particles")
        b.setColumn(.angleRot, doubles: [1.5, -2])
        b.setColumn(.classNumber, doubles: [1, 2])
        b.setColumn("rlnUnknownThing", ["a", "b c"])
        #expect(b.labels == ["rlnAngleRot", "rlnClassNumber", "rlnUnknownThing"])
        #expect(b.column(.angleRot) == ["1.500000", "-2.00000"])
        #expect(b.column(.classNumber) == ["1", "2"])
        b.setColumn(.angleRot, doubles: [3, 4])
        #expect(try b.doubles(.angleRot) == [3, 4])
        #expect(b.labels.count == 3 && b.rowCount == 2)
        b.setColumn(.tomoVisibleFrames, intVectors: [[1, 0], [1, 1]])
        #expect(try b.intVectors(.tomoVisibleFrames) == [[1, 0], [1, 1]])
        b.setColumn(.tomoProjX, doubleVectors: [[0.5, 1], []])
        #expect(try b.doubleVectors(.tomoProjX) == [[0.5, 1], []])
        #expect(RelionLabel.classNumber.valueType == .int)
        #expect(RelionLabel.tomoVisibleFrames.valueType == .intVector)
        #expect(RelionLabel.angleRot.valueType == .double)
        #expect(RelionLabel.tomoName.valueType == .string)
    }

    @Test("removeColumn keeps the other columns in order")
    func removeColumn() throws {
        var b = try #require(try StarDocument.parse("data_t\nloop_\n_a\n_b\n_c\n1 2 3\n4 5 6\n")["t"])
        b.removeColumn("b")
        #expect(b.labels == ["a", "c"] && b.index(of: "c") == 1)
        #expect(b.row(1) == ["4", "6"])
        b.removeColumn("nope")
        #expect(b.labels == ["a", "c"])
    }

    @Test("appendRow on a parsed block, then selectingRows")
    func appendAndSelect() throws {
        var b = try #require(try StarDocument.parse("data_t\nloop_\n_a\n_b\n1 x\n2 y\n")["t"])
        b.appendRow(["3", "z w"])
        #expect(b.rowCount == 3 && b.row(2) == ["3", "z w"])
        let s = b.selectingRows([2, 0, 2])
        #expect(s.column("a") == ["3", "1", "3"])
        #expect(s.column("b") == ["z w", "x", "z w"])
        let again = try StarDocument.parse(StarDocument(blocks: [s]).serialized())
        #expect(again.blocks == [s])
    }

    @Test("document subscript replaces, appends and removes")
    func documentSubscript() throws {
        var doc = StarDocument()
        doc["optics"] = StarBlock(name: "ignored")
        doc["particles"] = StarBlock(name: "particles")
        #expect(doc.blocks.map(\.name) == ["optics", "particles"])
        var o = try #require(doc["optics"])
        o.setColumn(.opticsGroup, ints: [1])
        doc["optics"] = o
        #expect(doc.blocks.map(\.name) == ["optics", "particles"] && doc["optics"]?.rowCount == 1)
        doc["optics"] = nil
        #expect(doc.blocks.map(\.name) == ["particles"])
    }

    @Test("equality compares cell text, not storage")
    func equality() throws {
        let parsed = try #require(try StarDocument.parse("data_t\nloop_\n_a\n_b\n1 'x y'\n")["t"])
        var built = StarBlock(name: "t")
        built.setColumn("a", ["1"])
        built.setColumn("b", ["x y"])
        #expect(parsed == built)
        built.setColumn("b", ["x z"])
        #expect(parsed != built)
    }
}
