import ArgumentParser
import Foundation
import TomoTransport

/// `sta keys`: CURVE key files for TCP between machines (docs/protocol.md §12).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make, allow and show CURVE key files (needed for TCP between machines).",
        discussion: """
        A key directory (--keys DIR on every service) holds server.key_secret (binding services), \
        server.key (the servers' public key, on connecting hosts), client.key_secret (a connecting \
        host's identity) and allowed/*.key (the client keys a binding service accepts). Files are \
        in czmq's zcert format, readable by czmq and pyzmq.
        """,
        subcommands: [Generate.self, Allow.self, Show.self])

    /// `sta keys generate --name NAME --dir DIR`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new key pair: DIR/NAME.key (public) and DIR/NAME.key_secret (secret, mode 0600).")

        @Option(help: "Key name: 'server' for binding services, 'client' for a connecting host, or any name.")
        var name: String
        @Option(help: "Directory to write to (created if missing).") var dir: String
        @Flag(help: "Replace existing files of that name.") var force = false

        func validate() throws {
            let ok = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
            guard !name.isEmpty, !name.hasPrefix("."), name.allSatisfy({ ok.contains($0) }) else {
                throw ValidationError("--name '\(name)': use letters, digits, '-', '_' and '.' (not leading)")
            }
        }

        func run() throws {
            let pair = try CurveKeyPair.generate()
            let host = ProcessInfo.processInfo.hostName
            let (pub, sec) = try CurveKeyFiles.write(pair, name: name, directory: dir,
                                                     metadata: [.init(name: "host", value: host)], overwrite: force)
            print("public key \(pair.publicKey.z85)")
            print("wrote \(pub)")
            print("wrote \(sec) (mode 0600: keep it on this host)")
        }
    }

    /// `sta keys allow --dir DIR PUBKEYFILE…`.
    struct Allow: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy client public key files into DIR/allowed/, so services using --keys DIR accept them.")

        @Option(help: "The binding service's key directory.") var dir: String
        @Option(name: .customLong("as"), help: "Name of the copy in allowed/ (one file only; default: the file's own name).")
        var asName: String?
        @Argument(help: "Public key files (.key) to allow.") var files: [String]

        func validate() throws {
            if asName != nil && files.count != 1 { throw ValidationError("--as names one file; got \(files.count)") }
            if let bad = files.first(where: { $0.hasSuffix(".key_secret") }) {
                throw ValidationError("\(bad) is a secret key file; allow the public .key file instead")
            }
        }

        func run() throws {
            let allowed = CurveKeyDirectory(path: dir).allowedDirectory
            try FileManager.default.createDirectory(atPath: allowed, withIntermediateDirectories: true)
            for file in files {
                let cert = try CurveKeyFiles.read(file)
                var stem = asName ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                if stem.isEmpty { stem = "client" }
                let target = (allowed as NSString).appendingPathComponent(stem + ".key")
                if FileManager.default.fileExists(atPath: target) {
                    let existing = try CurveKeyFiles.readPublicKey(target)
                    if existing == cert.publicKey { print("already allowed: \(target)"); continue }
                    throw KeysError(message: "\(target) already holds a different key (\(existing.z85)); "
                                    + "allow \(file) under another name with --as NAME")
                }
                try CurveKeyFiles.writePublic(cert, to: target)
                print("allowed \(cert.publicKey.z85) as \(target)")
            }
        }
    }

    /// `sta keys show FILE`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a key file's public key and metadata (never the secret key).")

        @Argument(help: "A .key or .key_secret file.") var file: String

        func run() throws {
            let cert = try CurveKeyFiles.read(file)
            print("public-key \(cert.publicKey.z85)")
            print("secret-key \(cert.secretKey == nil ? "absent" : "present (not shown)")")
            for field in cert.metadata { print("\(field.name) \(field.value)") }
        }
    }
}

/// A `sta keys` failure that is not a usage error (printed without the usage text).
struct KeysError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
