import Foundation

/// Small JSON helpers for the REQUEST/REPLY bodies: objects in and out through
/// `JSONSerialization`, with typed accessors that say which member is wrong.
enum JSON {
    /// Parses one JSON object.
    static func object(_ text: String) throws(CatalogError) -> [String: Any] {
        guard let data = text.data(using: .utf8),
              let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw CatalogError(.badRequest, "arguments are not one JSON object: \(text.prefix(200))")
        }
        return o
    }

    /// Serialises `value` compactly with sorted keys.
    static func string(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value),
              let d = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: d, as: UTF8.self)
    }

    static func int(_ o: [String: Any], _ key: String) throws(CatalogError) -> Int? {
        guard let v = o[key] else { return nil }
        if let n = v as? NSNumber, let i = Int(exactly: n.doubleValue) { return i }
        if let s = v as? String, let i = Int(s) { return i }
        throw CatalogError(.badRequest, "\(key) must be an integer, got \(v)")
    }

    static func string(_ o: [String: Any], _ key: String) throws(CatalogError) -> String? {
        guard let v = o[key] else { return nil }
        guard let s = v as? String else { throw CatalogError(.badRequest, "\(key) must be a string, got \(v)") }
        return s
    }

    /// `[String: String]` from an object whose values are strings, numbers or booleans.
    static func stringMap(_ o: [String: Any]?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in o ?? [:] {
            if let s = v as? String { out[k] = s } else if let n = v as? NSNumber { out[k] = n.stringValue }
        }
        return out
    }
}
