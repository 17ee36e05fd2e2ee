import Testing
import TomoSTAR

/// Malformed inputs: each error names the source, the 1-based line and the 1-based column.
@Suite("Parse errors")
struct ParseErrorTests {
    private func failure(_ text: String) -> StarError? {
        do {
            _ = try StarDocument.parse(text, source: "bad.star")
            return nil
        } catch {
            return error
        }
    }

    @Test("a row with too few values")
    func tooFewFields() throws {
        let e = try #require(failure("data_p\nloop_\n_a #1\n_b #2\n_c #3\n1 2 3\n4 5\n"))
        #expect(e.code == .wrongFieldCount)
        #expect((e.file, e.line, e.column) == ("bad.star", 7, 4))
        #expect(e.description.hasPrefix("bad.star:7:4: row has 2 values"))
    }

    @Test("a row with too many values")
    func tooManyFields() throws {
        let e = try #require(failure("data_p\nloop_\n_a\n_b\n1 2\n  3 4 5\n"))
        #expect(e.code == .wrongFieldCount)
        #expect((e.line, e.column) == (6, 7))
    }

    @Test("a label outside any block")
    func labelOutsideBlock() throws {
        let e = try #require(failure("# header\n\n_rlnAngleRot 1\n"))
        #expect(e.code == .labelOutsideBlock)
        #expect((e.line, e.column) == (3, 1))
    }

    @Test("a value before any label")
    func valueBeforeLabel() throws {
        let e = try #require(failure("data_x\nloop_\n  12 13\n"))
        #expect(e.code == .valueBeforeLabel)
        #expect((e.line, e.column) == (3, 3))
        let e2 = try #require(failure("data_x\n\nfoo\n"))
        #expect(e2.code == .valueBeforeLabel)
        #expect((e2.line, e2.column) == (3, 1))
    }

    @Test("an unterminated quote in a row and in a list value")
    func unterminatedQuote() throws {
        let e = try #require(failure("data_x\nloop_\n_a\n_b\nok \"no end\n"))
        #expect(e.code == .unterminatedQuote)
        #expect((e.line, e.column) == (5, 4))
        let e2 = try #require(failure("data_x\n_rlnName   'abc\n"))
        #expect(e2.code == .unterminatedQuote)
        #expect((e2.line, e2.column) == (2, 12))
    }

    @Test("a duplicate label")
    func duplicateLabel() throws {
        let e = try #require(failure("data_x\nloop_\n_rlnAngleRot #1\n_rlnAngleTilt #2\n_rlnAngleRot #3\n"))
        #expect(e.code == .duplicateLabel)
        #expect((e.line, e.column) == (5, 1))
        #expect(e.message.contains("_rlnAngleRot"))
    }

    @Test("a list label without a value, and with two values")
    func listValueCount() throws {
        let e = try #require(failure("data_x\n_rlnVoltage\n"))
        #expect(e.code == .missingValue)
        #expect((e.line, e.column) == (2, 12))
        let e2 = try #require(failure("data_x\n_rlnVoltage 300 200\n"))
        #expect(e2.code == .wrongFieldCount)
        #expect((e2.line, e2.column) == (2, 17))
    }

    @Test("a label after the rows of a loop")
    func labelAfterRows() throws {
        let e = try #require(failure("data_x\nloop_\n_a\n1\n_b\n"))
        #expect(e.code == .unexpectedLabel)
        #expect((e.line, e.column) == (5, 1))
    }

    @Test("non-numeric cell names block, label and row")
    func notNumeric() throws {
        let doc = try StarDocument.parse("data_particles\nloop_\n_rlnAngleRot\n1\nabc\n")
        #expect(throws: StarError.self) { try doc["particles"]?.doubles(.angleRot) }
        do {
            _ = try doc["particles"]!.doubles(.angleRot)
        } catch {
            #expect(error.code == .notNumeric && error.label == "rlnAngleRot" && error.row == 1)
            #expect(error.description == "data_particles: data_particles _rlnAngleRot row 1: 'abc' is not a number")
        }
        do {
            _ = try doc["particles"]!.ints("rlnMissing")
        } catch {
            #expect(error.code == .missingLabel && error.label == "rlnMissing")
        }
    }

    @Test("a missing file names the path")
    func missingFile() throws {
        do {
            _ = try StarDocument.read(path: "/nonexistent/dir/x.star")
            Issue.record("expected an error")
        } catch let e as StarError {
            #expect(e.code == .io && e.file == "/nonexistent/dir/x.star")
            #expect(e.message.contains("No such file"))
        }
    }
}
