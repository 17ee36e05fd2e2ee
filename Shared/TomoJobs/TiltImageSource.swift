import Foundation
import TomoAlgorithms
import TomoCore
import TomoKernels
import TomoMRC
import TomoRelion

/// Reads windows of tilt images named by `rlnMicrographName` (`N@stack.mrcs`, 1-based, or a plain
/// per-tilt 2D file), resolved relative to the project directory, reading only the window's rows
/// (`MRCFile.readSubvolume`). Files are opened once and cached.
public final class TiltImageSource: @unchecked Sendable {
    /// Directory RELION ran in; relative names resolve against it.
    public let projectDirectory: String
    private var files: [String: MRCFile] = [:]
    private let lock = NSLock()

    /// A source for names relative to `projectDirectory`.
    public init(projectDirectory: String) { self.projectDirectory = projectDirectory }

    /// Splits `N@path` into (section index 0-based, path); a plain path is section 0.
    public static func parse(_ name: String) -> (section: Int, path: String) {
        if let at = name.firstIndex(of: "@"), let n = Int(name[..<at]), n >= 1 {
            return (n - 1, String(name[name.index(after: at)...]))
        }
        return (0, name)
    }

    /// The opened file holding `name`.
    public func file(for name: String) throws -> MRCFile {
        let path = Self.parse(name).path
        let full = path.hasPrefix("/") ? path : projectDirectory + "/" + path
        lock.lock(); defer { lock.unlock() }
        if let f = files[full] { return f }
        let f = try MRCFile.open(path: full)
        files[full] = f
        return f
    }

    /// Width and height of the image `name`.
    public func imageSize(of name: String) throws -> (width: Int, height: Int) {
        let s = try file(for: name).shape
        return (s.nx, s.ny)
    }

    /// The values of `window.readX × window.readY` of image `name` (x fastest).
    public func read(_ name: String, window: TiltImageWindow) throws -> [Float] {
        let (z, _) = Self.parse(name)
        return try file(for: name).readSubvolume(x: window.readX, y: window.readY, z: z ..< z + 1)
    }
}

/// Errors of the extraction and reconstruction jobs, naming what and where.
public struct TomoJobError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    /// An error with a message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ExtractionTiltSeries {
    /// The tilt series of `tomogram` for extraction: projections from its alignment (§2.3), CTF per
    /// frame with `rlnCtfBfactor`, `rlnCtfScalefactor` and phase shift (no dose; applied separately).
    /// - Throws: if the tomogram has no frames or a frame has no `rlnMicrographName`.
    public init(tomogram t: Tomogram, source: TiltImageSource) throws {
        guard let first = t.tiltSeries.frames.first else {
            throw TomoJobError("tomogram \(t.name) has no tilt images in its per-tilt-series table")
        }
        guard let name = first.micrographName else {
            throw TomoJobError("tomogram \(t.name): frame 0 has no rlnMicrographName (legacy single-stack files are not supported)")
        }
        let (w, h) = try source.imageSize(of: name)
        let frames = t.tiltSeries.frames.indices.map { f -> ExtractionFrame in
            let fr = t.tiltSeries.frames[f]
            let ctf = CTF(defocusU: fr.defocusU, defocusV: fr.defocusV, defocusAngle: fr.defocusAngle, voltage: t.voltage,
                          sphericalAberration: t.sphericalAberration, amplitudeContrast: t.amplitudeContrast,
                          phaseShift: fr.phaseShift, scale: fr.ctfScalefactor, bFactor: fr.ctfBfactor)
            return ExtractionFrame(projection: t.projection(frame: f, imageWidth: w, imageHeight: h), ctf: ctf,
                                   preExposure: fr.preExposure)
        }
        self.init(frames: frames, tomogramSize: t.size, pixelSize: t.tiltSeriesPixelSize, hand: t.hand,
                  defocusSlope: t.defocusSlope, bFactorPerElectronDose: t.bFactorPerElectronDose,
                  imageWidth: w, imageHeight: h)
    }
}
