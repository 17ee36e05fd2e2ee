import Foundation
import Testing
import TomoJobs
import TomoMRC
import TomoRelion
import TomoSTAR
import TomoTesting

/// Files written by `ExtractJob`, checked with our readers and with Python's starfile/mrcfile.
@Suite struct ExtractJobFileTests {
    /// 2D stacks (bin 2, box 24, crop 20, float16): every particle visible in all 21 tilts, stack
    /// shape 20×20×21, mode 12, pixel size 20 Å; STAR values as RELION writes them.
    @Test func stackFilesAndStarValues() async throws {
        let dir = try await ProjectFixture.stacks.value
        let set = try ParticleSet.read(path: dir + "/Extract/stack2d/particles.star")
        #expect(set.subTomogramsAre2DStacks)
        #expect(set.particles.count == 24)
        let optics = try #require(set.opticsGroups.first)
        #expect(optics.imageSize == 20 && optics.imageDimensionality == 2 && optics.ctfPremultiplied == true)
        #expect(optics.imagePixelSize == 20 && optics.subtomogramBinning == 2)
        let first = try #require(set.particles.first)
        #expect(first.imageName == "Extract/stack2d/Subtomograms/TS_01/1_stack2d.mrcs")
        #expect(first.visibleFrames == Array(repeating: 1, count: 21))
        #expect(first.pose.originAngst == .zero)
        let mrc = try MRCFile.open(path: dir + "/" + first.imageName!)
        #expect(mrc.shape == (20, 20, 21))
        #expect(mrc.header.mode == .float16)
        #expect(abs(mrc.voxelSize.x - 20) < 1e-4)
        let opt = try OptimisationSet.read(path: dir + "/Extract/stack2d/optimisation_set.star")
        #expect(opt.particlesFile == "Extract/stack2d/particles.star" && opt.tomogramsFile == "tomograms.star")
    }

    /// 3D mode: `_data.mrc` 24³ at 20 Å, `_weights.mrc` 13×24×48 (CTF² then multiplicity),
    /// `rlnCtfImage` written, `rlnTomoSubTomosAre2DStacks` 0, dimensionality 3.
    @Test func subtomogramFiles() async throws {
        let dir = try await ProjectFixture.volumes.value
        let set = try ParticleSet.read(path: dir + "/Extract/subtomo/particles.star")
        #expect(!set.subTomogramsAre2DStacks)
        #expect(set.opticsGroups.first?.imageDimensionality == 3)
        let p = try #require(set.particles.first)
        let weights = try #require(set.otherColumns.string("rlnCtfImage", row: 0))
        #expect(weights == "Extract/subtomo/Subtomograms/TS_01/1_weights.mrc")
        let data = try MRCFile.open(path: dir + "/" + p.imageName!), w = try MRCFile.open(path: dir + "/" + weights)
        #expect(data.shape == (24, 24, 24))
        #expect(w.shape == (13, 24, 48))
        let values = try w.readAll()
        let multiplicityAtOrigin = values[13 * 24 * 24]
        #expect(multiplicityAtOrigin > 1)   // every tilt passes through the origin
    }

    /// Python starfile/mrcfile read our particles.star, optimisation_set.star and a stack with the
    /// labels, shapes and pixel size RELION uses.
    @Test(.requiresInteropPython) func pythonReadsOurFiles() async throws {
        let dir = try await ProjectFixture.stacks.value
        let script = """
        import sys, starfile, mrcfile
        d = sys.argv[1]
        s = starfile.read(d + '/Extract/stack2d/particles.star', always_dict=True)
        print('blocks', ','.join(s.keys()))
        print('stacks2d', int(s['general']['rlnTomoSubTomosAre2DStacks']))
        o = s['optics']
        print('optics', int(o['rlnImageSize'][0]), float(o['rlnImagePixelSize'][0]), int(o['rlnImageDimensionality'][0]))
        p = s['particles']
        print('particles', len(p), p['rlnTomoVisibleFrames'][0], p['rlnImageName'][0])
        with mrcfile.open(d + '/' + p['rlnImageName'][0], permissive=False) as m:
            print('mrc', m.data.shape, m.data.dtype, float(m.voxel_size.x))
        opt = starfile.read(d + '/Extract/stack2d/optimisation_set.star')
        print('opt', opt['rlnTomoParticlesFile'])
        """
        let out = try InteropPython.run(script, arguments: [dir]).split(separator: "\n").map(String.init)
        #expect(out.contains("blocks general,optics,particles"))
        #expect(out.contains("stacks2d 1"))
        #expect(out.contains("optics 20 20.0 2"))
        #expect(out.contains("particles 24 [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1] Extract/stack2d/Subtomograms/TS_01/1_stack2d.mrcs"))
        #expect(out.contains("mrc (21, 20, 20) float16 20.0"))
        #expect(out.contains("opt Extract/stack2d/particles.star"))
    }

    /// Our optics labels include every optics label of a real RELION 5 refinement's particles file,
    /// and every particle label we write occurs in it (the real file adds refinement labels).
    @Test(.requiresRealData) func labelsMatchRealRelionFile() async throws {
        let dir = try await ProjectFixture.stacks.value
        let ours = try StarDocument.read(path: dir + "/Extract/stack2d/particles.star")
        let real = try StarDocument.read(path: RealData.path("cryocat/motl_data/relion5/clean/R5_tutorial_run_data.star"))
        let ourOptics = Set(try #require(ours["optics"]).labels), realOptics = Set(try #require(real["optics"]).labels)
        #expect(realOptics.isSubset(of: ourOptics), "missing optics labels: \(realOptics.subtracting(ourOptics))")
        let ourParticles = Set(try #require(ours["particles"]).labels), realParticles = Set(try #require(real["particles"]).labels)
        #expect(ourParticles.isSubset(of: realParticles), "labels RELION does not write: \(ourParticles.subtracting(realParticles))")
        #expect(Set(try #require(real["general"]).labels) == Set(try #require(ours["general"]).labels))
    }
}
