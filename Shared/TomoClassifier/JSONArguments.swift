import Foundation

/// Small JSON helpers for REQUEST arguments and TASK parameters: one object in, typed members
/// out, with errors that name the member.
enum JSONArguments {
    /// Parses one JSON object; `what` names it in errors.
    static func object(_ text: String, what: String) throws(ClassifierError) -> [String: Any] {
        guard let data = text.data(using: .utf8),
              let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ClassifierError(.malformed, "\(what): arguments are not one JSON object: \(text.prefix(200))")
        }
        return o
    }

    /// The integer member `key` (required).
    static func int(_ o: [String: Any], _ key: String, what: String) throws(ClassifierError) -> Int {
        guard let v = o[key] else { throw ClassifierError(.malformed, "\(what): missing integer \"\(key)\"") }
        if let n = v as? NSNumber, let i = Int(exactly: n.doubleValue) { return i }
        throw ClassifierError(.malformed, "\(what): \"\(key)\" must be an integer, got \(v)")
    }

    /// Compact JSON with sorted keys.
    static func string(_ value: [String: Any]) -> String {
        guard JSONSerialization.isValidJSONObject(value),
              let d = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: d, as: UTF8.self)
    }

    /// A `Codable` value as compact JSON with sorted keys.
    static func encode<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        guard let d = try? e.encode(value) else { return "{}" }
        return String(decoding: d, as: UTF8.self)
    }

    /// A `Codable` value from JSON; `what` names it in errors.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String, what: String) throws(ClassifierError) -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch {
            throw ClassifierError(.malformed, "\(what): \(error)")
        }
    }
}
