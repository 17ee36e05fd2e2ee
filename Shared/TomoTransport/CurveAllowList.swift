import Foundation

/// The client public keys a CURVE server accepts: every `*.key` file in one directory
/// (`<keys>/allowed/`, filled by `sta keys allow`). A file that does not parse is skipped and
/// reported in `problems`, never fatal, so one bad file cannot lock every worker out.
public struct CurveAllowList: Sendable, Equatable {
    /// Accepted public keys → the file each came from.
    public private(set) var keys: [CurveKey: String]
    /// Files that were skipped, with the reason (empty when all parsed).
    public private(set) var problems: [String]

    /// A list of the given keys (tests, or keys not kept in files).
    public init(keys: [CurveKey: String] = [:], problems: [String] = []) {
        self.keys = keys
        self.problems = problems
    }

    /// Whether `key` is allowed.
    public func allows(_ key: CurveKey) -> Bool { keys[key] != nil }

    /// Reads every `*.key` file in `directory` (not `*.key_secret`). A missing directory gives an
    /// empty list (nobody is allowed) with a problem saying so.
    public static func load(directory: String) -> CurveAllowList {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            return CurveAllowList(problems: ["\(directory): cannot list allow-list directory: \(CurveKeyFiles.reason(error)); no client is allowed"])
        }
        var list = CurveAllowList()
        for name in names.sorted() where name.hasSuffix(".key") && !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            do { list.keys[try CurveKeyFiles.readPublicKey(path)] = path } catch {
                list.problems.append("\(error)")
            }
        }
        return list
    }

    /// The modification time of `directory` (changes when a file is added, removed or renamed),
    /// or nil when it cannot be read. Used to reload only when something changed.
    static func modificationStamp(of directory: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: directory))?[.modificationDate] as? Date
    }
}

/// The key directory a service is given with `--keys DIR`:
///
/// | file | who needs it |
/// |---|---|
/// | `server.key_secret` | a service that binds a CURVE endpoint (catalog, monitor, classifier) |
/// | `server.key` | a service that connects: the public key of the servers it connects to |
/// | `client.key_secret` | a service that connects: its own identity |
/// | `allowed/*.key` | a service that binds: the client public keys it accepts |
///
/// All binding services of one cluster share one server key pair, so a worker needs one
/// `server.key` whatever it connects to.
public struct CurveKeyDirectory: Sendable, Equatable {
    /// The directory.
    public var path: String

    /// A key directory at `path` (nothing is read yet).
    public init(path: String) { self.path = path }

    /// `allowed/` under the directory.
    public var allowedDirectory: String { file("allowed") }

    /// The server key pair (`server.key_secret`).
    public func serverKeyPair() throws(CurveKeyError) -> CurveKeyPair {
        try CurveKeyFiles.readKeyPair(file(CurveKeyFiles.secretFileName("server")))
    }

    /// The servers' public key (`server.key`).
    public func serverPublicKey() throws(CurveKeyError) -> CurveKey {
        try CurveKeyFiles.readPublicKey(file(CurveKeyFiles.publicFileName("server")))
    }

    /// This host's client key pair (`client.key_secret`).
    public func clientKeyPair() throws(CurveKeyError) -> CurveKeyPair {
        try CurveKeyFiles.readKeyPair(file(CurveKeyFiles.secretFileName("client")))
    }

    private func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}
