import Testing
import TomoClass3D
import TomoRefine

/// `--ctf_intact_first_peak`: the 2D stacks' CTF² weights are those of a CTF that is 1 up to its
/// first peak (here the whole 20 Å-pixel box lies before it: 3 µm defocus peaks near 35 Å), so
/// they rise where the CTF is small and never fall.
@Suite struct CTFIntactFirstPeakTests {
    @Test func weightsBeforeTheFirstPeakRiseAndNeverFall() async throws {
        let dir = try await Class3DFixture.project.value
        let o = try Class3DArguments.parse(Class3DFixture.command("Class3D/intact/run"))
        let input = try Class3DInput.load(o, projectDirectory: dir)
        let plain = try input.observations(projectDirectory: dir)
        let intact = try input.observations(projectDirectory: dir, ctfIntactFirstPeak: true)
        guard case .stack(let a) = plain[0].data, case .stack(let b) = intact[0].data else {
            Issue.record("expected 2D stacks"); return
        }
        let n = a[0].data.ny, hx = n / 2 + 1
        var raised = 0
        for (x, y) in [(1, 0), (2, 0), (0, 1), (1, 1)] {
            // Low frequencies: the CTF is small there, so the intact weights are larger.
            if b[0].ctfSquared[x + hx * y] > a[0].ctfSquared[x + hx * y] { raised += 1 }
        }
        #expect(raised == 4)
        for j in a.indices {
            #expect(zip(b[j].ctfSquared, a[j].ctfSquared).allSatisfy { $0 >= $1 - 1e-6 }, "tilt \(j)")
        }
    }
}
