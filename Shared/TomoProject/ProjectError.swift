import TomoRelion

/// An error from the project directory or the importer; each case names the file or job concerned.
public enum ProjectError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The job ledger refused or failed (see ``LedgerError``).
    case ledger(LedgerError)
    /// A file or directory could not be written, read or created.
    case file(path: String, message: String)
    /// Files that an input refers to do not exist. `source` is the STAR file that names them.
    case missingFiles(source: String, files: [String])
    /// A RELION metadata file could not be read or written.
    case relion(TomoRelionError)
    /// The inputs are inconsistent (e.g. a particle names a tomogram the set lacks).
    case invalidInput(file: String, message: String)

    /// One sentence saying what, where and why.
    public var description: String {
        switch self {
        case let .ledger(e): e.description
        case let .file(path, message): "\(path): \(message)"
        case let .missingFiles(source, files):
            "\(source) refers to \(files.count) missing file\(files.count == 1 ? "" : "s"): "
                + files.prefix(5).joined(separator: ", ") + (files.count > 5 ? ", …" : "")
        case let .relion(e): e.description
        case let .invalidInput(file, message): "\(file): \(message)"
        }
    }
}
