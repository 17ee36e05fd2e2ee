import Foundation
import Testing

/// Runs Python scripts with the reference clients (`starfile`, `mrcfile`, `numpy`) from the
/// interoperability venv that `make test` creates at `.venv/` (or `STA_PYTHON`).
public enum InteropPython {
    /// The venv's interpreter, if it exists.
    public static var executable: String? {
        if let env = ProcessInfo.processInfo.environment["STA_PYTHON"] { return env }
        let p = RealData.repositoryRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }
    public static var isAvailable: Bool { executable != nil }
    public static let skipMessage: Comment = "skipped: no interop venv (.venv); `make test` creates it"

    /// Runs `script` with `arguments`; returns stdout. Throws with stderr on a non-zero exit.
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        guard let python = executable else { throw InteropError(message: "no interop venv") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw InteropError(message: "python exited \(p.terminationStatus): \(String(decoding: e, as: UTF8.self))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}

public struct InteropError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
