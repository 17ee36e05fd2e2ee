import Testing
import TomoSTAR

/// The writer's layout and value formatting (spec §1), and round trips of written fixtures.
@Suite("Writer")
struct WriterTests {
    @Test("RELION layout: version line, loop_ with trailing space, #N labels, right-aligned cells, one-space terminator")
    func loopLayout() throws {
        var b = StarBlock(name: "optics")
        b.setColumn(.opticsGroup, ints: [1])
        b.setColumn(.opticsGroupName, ["optics1"])
        b.setColumn(.voltage, doubles: [300])
        b.setColumn(.imageSize, doubles: [192])          // int label: written as an integer
        let text = StarDocument(blocks: [b]).serialized()
        let expected = "\n# version 50001\n\ndata_optics\n\nloop_ \n_rlnOpticsGroup #1 \n_rlnOpticsGroupName #2 \n"
            + "_rlnVoltage #3 \n_rlnImageSize #4 \n"
            + "           1    optics1   300.000000          192 \n \n"
        #expect(text == expected)
    }

    @Test("list layout: label padded to longest + 12, value right-aligned to 12")
    func listLayout() throws {
        var b = StarBlock(name: "general", isLoop: false)
        b.setColumn(.tomoSubTomosAre2DStacks, ints: [1])
        let text = StarDocument(blocks: [b]).serialized()
        #expect(text == "\n# version 50001\n\ndata_general\n\n_rlnTomoSubTomosAre2DStacks                       1\n \n")
    }

    @Test("double formatting follows %12.6f / %12.5f / %12.6e / %12.5e")
    func doubleFormat() {
        #expect(StarFormat.double(1.35) == "1.350000")
        #expect(StarFormat.double(-0.2541) == "-0.25410")
        #expect(StarFormat.double(0) == "0.000000")
        #expect(StarFormat.double(5.599779e7) == "5.599779e+07")
        #expect(StarFormat.double(-123456.7) == "-1.23457e+05")
        #expect(StarFormat.double(0.0005) == "5.000000e-04")
        #expect(StarFormat.double(100000) == "100000.000000")
        #expect(StarFormat.double(0.0078125) == "0.007812")      // exact tie: printf rounds half to even
        #expect(StarFormat.double(-1774.846956) == "-1774.84696")
        #expect(StarFormat.double(.nan) == "nan")
    }

    @Test("the fast fixed-point path equals printf on random values")
    func doubleFormatMatchesPrintf() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0 ..< 20000 {
            let v = Double.random(in: -100_000 ... 100_000, using: &rng) / Double([1, 10, 1000, 1e4].randomElement(using: &rng)!)
            guard v.magnitude >= 0.001 else { continue }
            let c = StarFormat.doubleVector([v])   // %.12g, independent path
            _ = c
            let printf = v < 0 ? cFormat("%.5f", v) : cFormat("%.6f", v)
            #expect(StarFormat.double(v) == printf, "\(v)")
        }
    }

    @Test("vectors and strings")
    func otherFormats() {
        #expect(StarFormat.intVector([0, 1, 1]) == "[0,1,1]")
        #expect(StarFormat.intVector([]) == "[]")
        #expect(StarFormat.doubleVector([0.05876775, -0.049329475, 0, 3618.2]) == "[0.05876775,-0.049329475,0,3618.2]")
        #expect(StarFormat.string("plain") == "plain")
        #expect(StarFormat.string("") == "\"\"")
        #expect(StarFormat.string("two words") == "\"two words\"")
        #expect(StarFormat.string("say \"hi\" now") == "'say \"hi\" now'")
        #expect(StarFormat.string("_x") == "\"_x\"")
        #expect(StarFormat.string("data_x") == "\"data_x\"")
        #expect(StarFormat.string("<NA>") == "<NA>")
    }

    @Test("a fixture with every value kind round-trips to an equal document")
    func roundTripAllKinds() throws {
        let text = """
        data_
        _rlnTomoParticlesFile particles.star
        _rlnTomoTrajectoriesFile ""

        data_particles
        loop_
        _rlnTomoName #1
        _rlnAngleRot #2
        _rlnTomoVisibleFrames #3
        _rlnImageName #4
        _rlnClassNumber #5
        _note #6
        TS_01 -0.25410 [0,1,1] 'a b/1.mrcs' 1 <NA>
        TS_02 5.599779e+07 [1, 0] "" 2 "#hash"
        """
        let doc = try StarDocument.parse(text)
        let again = try StarDocument.parse(doc.serialized())
        #expect(again == doc)
        #expect(again["particles"]?.column("rlnImageName") == ["a b/1.mrcs", ""])
        #expect(again["particles"]?.column("note") == ["<NA>", "#hash"])
        #expect(again[""]?.string(.tomoTrajectoriesFile, row: 0) == "")
        #expect(again.serialized() == doc.serialized())
    }

    @Test("a list block with several rows is written as a loop; empty blocks survive")
    func oddShapes() throws {
        var b = StarBlock(name: "x", isLoop: false)
        b.setColumn("a", ["1", "2"])
        let doc = StarDocument(blocks: [b, StarBlock(name: "empty", isLoop: false), StarBlock(name: "emptyloop")])
        let again = try StarDocument.parse(doc.serialized())
        #expect(again["x"]?.isLoop == true && again["x"]?.column("a") == ["1", "2"])
        #expect(again["empty"]?.labels == [] && again["empty"]?.isLoop == false)
        #expect(again["emptyloop"]?.labels == [] && again["emptyloop"]?.isLoop == true)
    }
}

#if canImport(Glibc)
import Glibc
#endif

private func cFormat(_ f: String, _ v: Double) -> String {
    var buf = [CChar](repeating: 0, count: 64)
    _ = withVaList([v]) { vsnprintf(&buf, 64, f, $0) }
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
