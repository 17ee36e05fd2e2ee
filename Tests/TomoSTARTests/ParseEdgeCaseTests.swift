import Testing
@testable import TomoSTAR

/// One fixture per syntax edge case; each asserts the exact parsed values.
@Suite("Parse edge cases")
struct ParseEdgeCaseTests {
    @Test("single and double quotes keep inner spaces; empty quotes give empty values")
    func quotes() throws {
        let doc = try StarDocument.parse("""
        data_
        loop_
        _a #1
        _b #2
        _c #3
        _d #4
        noquote "quote string" ' ' ""
        x 'it's here' "a" ''
        """)
        let b = try #require(doc[""])
        #expect(b.column("a") == ["noquote", "x"])
        #expect(b.column("b") == ["quote string", "it's here"])
        #expect(b.column("c") == [" ", "a"])
        #expect(b.column("d") == ["", ""])
    }

    @Test("quote characters inside a bare value are literal")
    func quotesInsideBareValue() throws {
        let doc = try StarDocument.parse("data_x\n_rlnJobOptionValue XMIPP's__'_ctX'\n")
        #expect(doc["x"]?.string("rlnJobOptionValue", row: 0) == "XMIPP's__'_ctX'")
    }

    @Test("<NA> is kept as text and reads as NaN")
    func missingValue() throws {
        let doc = try StarDocument.parse("data_t\nloop_\n_x\n1.5\n<NA>\n")
        let b = try #require(doc["t"])
        #expect(b.column("x") == ["1.5", "<NA>"])
        let d = try b.doubles("x")
        #expect(d[0] == 1.5 && d[1].isNaN)
    }

    @Test("vectors are one value, with or without spaces after commas")
    func vectors() throws {
        let doc = try StarDocument.parse("""
        data_t
        loop_
        _rlnTomoVisibleFrames
        _rlnTomoProjX
        _n
        [0,0,1,1] [0.08,-0.99,0.01,3618.2] 7
        [1, 0, 1] [] 8
        """)
        let b = try #require(doc["t"])
        #expect(try b.intVectors("rlnTomoVisibleFrames") == [[0, 0, 1, 1], [1, 0, 1]])
        #expect(try b.doubleVectors("rlnTomoProjX") == [[0.08, -0.99, 0.01, 3618.2], []])
        #expect(try b.ints("n") == [7, 8])
        #expect(b.string("rlnTomoVisibleFrames", row: 1) == "[1, 0, 1]")
    }

    @Test("CRLF line ends and tabs")
    func crlf() throws {
        let doc = try StarDocument.parse("data_mtf\r\nloop_\r\n_rlnResolutionInversePixel\r\n_rlnMtfValue\r\n0.0\t1\r\n0.5\t0.9\r\n")
        let b = try #require(doc["mtf"])
        #expect(b.rowCount == 2)
        #expect(try b.doubles("rlnMtfValue") == [1, 0.9])
        #expect(b.column("rlnResolutionInversePixel") == ["0.0", "0.5"])
    }

    @Test("no final newline")
    func noFinalNewline() throws {
        let doc = try StarDocument.parse("data_a\nloop_\n_x\n_y\n1 2\n\n\ndata_b\nloop_\n_c1\n_c2\nA B")
        #expect(doc.blocks.count == 2)
        #expect(doc["b"]?.row(0) == ["A", "B"])
        let list = try StarDocument.parse("data_g\n_rlnTomoSubTomosAre2DStacks 1")
        #expect(list["g"]?.isLoop == false)
        #expect(try list["g"]?.bools(.tomoSubTomosAre2DStacks) == [true])
    }

    @Test("empty block name data_ and several blocks keep file order")
    func emptyBlockName() throws {
        let doc = try StarDocument.parse("\ndata_\n\n_rlnTomoParticlesFile   matching.star\n_rlnTomoTomogramsFile   t.star\n\ndata_global\nloop_\n_rlnTomoName #1\nTS_1\n")
        #expect(doc.blocks.map(\.name) == ["", "global"])
        #expect(doc[""]?.string(RelionLabel.tomoParticlesFile, row: 0) == "matching.star")
        #expect(doc[""]?.isLoop == false)
        #expect(doc["global"]?.column(.tomoName) == ["TS_1"])
    }

    @Test("empty loop: labels and no rows")
    func emptyLoop() throws {
        let doc = try StarDocument.parse("\ndata_\n\nloop_\n_rlnCoordinateX #1\n\n")
        let b = try #require(doc[""])
        #expect(b.isLoop && b.labels == ["rlnCoordinateX"] && b.rowCount == 0)
        #expect(try b.doubles(.coordinateX) == [])
    }

    @Test("list block: label padding, quoted value, comment after value, one-space terminator")
    func listBlock() throws {
        let doc = try StarDocument.parse("""

        # version 50001   2D stacks

        data_job

        _rlnJobTypeLabel             relion.pseudosubtomo
        _rlnJobIsContinue                       0   # a comment
        _rlnText  "two words"
         

        """)
        let b = try #require(doc["job"])
        #expect(!b.isLoop && b.rowCount == 1)
        #expect(b.labels == ["rlnJobTypeLabel", "rlnJobIsContinue", "rlnText"])
        #expect(b.row(0) == ["relion.pseudosubtomo", "0", "two words"])
    }

    @Test("label lines ignore everything after the label; loop after comments; terminators")
    func labelsAndTerminators() throws {
        let doc = try StarDocument.parse("""
        data_a
        # a comment before the loop
        loop_ 
        _rlnAngleRot #5 some words
        _rlnAngleTilt #6 
        1 2
        # comment between rows
        3 4
         
        data_b
        loop_
        _x
        5
        data_c
        loop_
        _y
        6
        """)
        #expect(doc["a"]?.labels == ["rlnAngleRot", "rlnAngleTilt"])
        #expect(try doc["a"]?.doubles(.angleTilt) == [2, 4])
        #expect(doc["b"]?.column("x") == ["5"])
        #expect(doc["c"]?.column("y") == ["6"])
    }

    @Test("very long rows (2,000 columns, 100 kB vector)")
    func longRows() throws {
        let labels = (0 ..< 2000).map { "_c\($0)" }.joined(separator: "\n")
        let row = (0 ..< 2000).map { String($0) }.joined(separator: " ")
        let vec = "[" + Array(repeating: "1", count: 50_000).joined(separator: ",") + "]"
        let doc = try StarDocument.parse("data_w\nloop_\n\(labels)\n_v\n\(row) \(vec)\n")
        let b = try #require(doc["w"])
        #expect(b.labels.count == 2001)
        #expect(try b.ints("c1999") == [1999])
        #expect(try b.intVectors("v")[0].count == 50_000)
    }

    @Test("scientific notation and RELION number forms")
    func scientific() throws {
        let doc = try StarDocument.parse("data_n\nloop_\n_v\n5.599779e+07\n-1.2E-5\n1e3\n.5\n-0.25410\n+3\n")
        #expect(try doc["n"]?.doubles("v") == [5.599779e+07, -1.2e-5, 1000, 0.5, -0.25410, 3])
    }

    @Test("ints accept integral decimals")
    func intsFromDecimals() throws {
        let doc = try StarDocument.parse("data_n\nloop_\n_rlnClassNumber\n1\n2.000000\n-3\n")
        #expect(try doc["n"]?.ints(.classNumber) == [1, 2, -3])
    }

    @Test("the fast decimal path agrees with strtod on many values")
    func fastPathMatchesStrtod() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0 ..< 5000 {
            let v = Double.random(in: -1e5 ... 1e5, using: &rng)
            for text in [StarFormat.double(v), String(v), "\(Int(v))"] {
                let parsed = Array(text.utf8).withUnsafeBufferPointer { NumberParsing.double($0) }
                #expect(parsed == Double(text), "\(text)")
            }
        }
    }
}
