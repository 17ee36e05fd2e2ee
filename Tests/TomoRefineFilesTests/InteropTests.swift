import Foundation
import Testing
import TomoTesting
@testable import TomoRefineFiles

/// Python `starfile` reads the files we write, with the blocks, labels and values we wrote.
@Suite struct InteropTests {
    @Test(.requiresInteropPython) func starfileReadsOurFiles() throws {
        let dir = try Fixture.writtenProject()
        let n = Fixture.names
        let script = """
        import sys, starfile
        d = sys.argv[1]
        m = starfile.read(d + '/' + sys.argv[2], always_dict=True)
        print(','.join(m.keys()))
        print(m['model_general']['rlnCurrentResolution'])
        print(m['model_classes']['rlnReferenceImage'][1], m['model_classes']['rlnClassDistribution'][0])
        print(len(m['model_class_1']), len(m['model_pdf_orient_class_2']), len(m['model_optics_group_1']))
        o = starfile.read(d + '/' + sys.argv[3], always_dict=True)
        g = o['optimiser_general']
        print(len(g), g['rlnCurrentIteration'], g['rlnBestResolutionThusFar'], g['rlnSolventMaskName'])
        s = starfile.read(d + '/' + sys.argv[4], always_dict=True)
        print(s['sampling_general']['rlnOffsetStep'], len(s['sampling_directions']))
        p = starfile.read(d + '/' + sys.argv[5], always_dict=True)
        print(','.join(p.keys()), list(p['particles']['rlnClassNumber']), list(p['particles']['rlnGroupNumber']))
        i = starfile.read(d + '/' + sys.argv[6], always_dict=True)
        print(list(i.values())[0]['rlnTomoParticlesFile'])
        """
        let out = try InteropPython.run(script, arguments: [dir, n.model, n.optimiser, n.sampling, n.data, n.optimisationSet])
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines[0] == "model_general,model_classes,model_class_1,model_class_2,model_groups,model_optics_group_1,model_pdf_orient_class_1,model_pdf_orient_class_2")
        #expect(lines[1] == "21.6")
        #expect(lines[2] == "Class3D/job012/run_it025_class002.mrc 0.612")
        #expect(lines[3] == "33 12 32")
        #expect(lines[4] == "102 25 0.046296 None")
        #expect(lines[5] == "10.8 12")
        #expect(lines[6] == "general,optics,particles [2, 1, 1, 2, 1, 1] [1, 1, 1, 1, 2, 2]")
        #expect(lines[7] == "Class3D/job012/run_it025_data.star")
    }
}
