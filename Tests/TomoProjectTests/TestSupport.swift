import Foundation
import Synchronization
import TomoProject

/// A fresh directory under the system temporary directory.
func makeTempDirectory(_ tag: String = "project") -> String {
    let p = FileManager.default.temporaryDirectory.appendingPathComponent("TomoProjectTests-\(tag)-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
    return p
}

/// A clock that starts at `start` and advances one second per reading, so timestamps are exact.
final class SteppingClock: Sendable {
    private let t: Mutex<Double>
    init(start: Double = 1_700_000_000) { t = Mutex(start) }
    @Sendable func now() -> Date { t.withLock { v in v += 1; return Date(timeIntervalSince1970: v) } }
}

struct SimulatedCrash: Error {}

/// Writes `text` to `path`, creating parent directories.
func writeFile(_ path: String, _ text: String = "") {
    try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                             withIntermediateDirectories: true)
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
}

func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

/// A small RELION 5 source project: two tilt series of three tilts each, their tomograms and
/// micrographs (empty stand-in files), six particles and an optimisation set.
/// `Tomograms/job005/tomograms.star`, `Picks/job006/{particles,optimisation_set}.star`.
struct SourceProject {
    let root: String
    static let names = ["TS_01", "TS_02"]
    static let tilts = [-3.0, 0.0, 3.0]

    init(root: String = makeTempDirectory("source")) {
        self.root = root
        var global = """
        data_global

        loop_
        _rlnTomoName
        _rlnVoltage
        _rlnSphericalAberration
        _rlnAmplitudeContrast
        _rlnTomoHand
        _rlnTomoTiltSeriesPixelSize
        _rlnTomoTiltSeriesStarFile
        _rlnTomoSizeX
        _rlnTomoSizeY
        _rlnTomoSizeZ
        _rlnTomoReconstructedTomogram

        """
        for n in Self.names {
            global += "\(n) 300 2.7 0.1 -1 1.35 Tomograms/job005/tilt_series/\(n).star 400 400 200 Tomograms/job005/tomograms/rec_\(n).mrc\n"
            writeFile(root + "/Tomograms/job005/tomograms/rec_\(n).mrc")
            var ts = """
            data_\(n)

            loop_
            _rlnMicrographName
            _rlnMicrographPreExposure
            _rlnDefocusU
            _rlnDefocusV
            _rlnDefocusAngle
            _rlnTomoXTilt
            _rlnTomoYTilt
            _rlnTomoZRot
            _rlnTomoXShiftAngst
            _rlnTomoYShiftAngst

            """
            for (i, t) in Self.tilts.enumerated() {
                let mic = "MotionCorr/job002/frames/\(n)_\(String(format: "%03d", i + 1)).mrc"
                writeFile(root + "/" + mic)
                ts += "\(mic) \(Double(i) * 3) 20000 19000 45 0 \(t) 85 0 0\n"
            }
            writeFile(root + "/Tomograms/job005/tilt_series/\(n).star", ts)
        }
        writeFile(root + "/Tomograms/job005/tomograms.star", global)
        var parts = """
        data_particles

        loop_
        _rlnTomoName
        _rlnTomoParticleName
        _rlnCenteredCoordinateXAngst
        _rlnCenteredCoordinateYAngst
        _rlnCenteredCoordinateZAngst
        _rlnOpticsGroup

        """
        for k in 0 ..< 6 {
            let n = Self.names[k % 2]
            parts += "\(n) \(n)/\(k / 2 + 1) \(Double(k) * 10) \(Double(-k) * 5) 0 \(k % 2 + 1)\n"
        }
        writeFile(root + "/Picks/job006/particles.star", parts)
        writeFile(root + "/Picks/job006/optimisation_set.star", """
        data_

        _rlnTomoParticlesFile Picks/job006/particles.star
        _rlnTomoTomogramsFile Tomograms/job005/tomograms.star

        """)
    }

    var tomograms: String { root + "/Tomograms/job005/tomograms.star" }
    var particles: String { root + "/Picks/job006/particles.star" }
    var optimisationSet: String { root + "/Picks/job006/optimisation_set.star" }
}
