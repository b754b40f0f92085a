import Foundation

/// Before/after of an audit entry as people read it: the fields that changed, by path, with
/// old and new values; and the reason given, when the change carries one. The store keeps
/// whole bodies (JSON) so nothing is lost; this only shows them.
public enum ChangeDiff {
    /// A stored body as a JSON value (object, array, string…), or the text itself when it
    /// is not JSON (a token fingerprint, a note).
    public static func value(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        if let data = text.data(using: .utf8), let v = try? JSONDecoder().decode(JSONValue.self, from: data) {
            return v
        }
        return .string(text)
    }

    /// `path: old → new` for every leaf that differs (added or removed leaves included).
    public static func lines(before: String?, after: String?) -> [String] {
        var old: [String: String] = [:]
        var new: [String: String] = [:]
        flatten(value(before), "", into: &old)
        flatten(value(after), "", into: &new)
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let a = old[key]
            let b = new[key]
            guard a != b else { return nil }
            return "\(key.isEmpty ? "value" : key): \(a ?? "—") → \(b ?? "—")"
        }
    }

    /// The reason the change states, if its new body names one (exceptions, cancellations,
    /// assignments all call it `reason` or `cancellationReason`).
    public static func reason(before: String?, after: String?) -> String? {
        var new: [String: String] = [:]
        var old: [String: String] = [:]
        flatten(value(after), "", into: &new)
        flatten(value(before), "", into: &old)
        return new.filter { ($0.key.hasSuffix("reason") || $0.key.hasSuffix("Reason")) && old[$0.key] != $0.value }
            .sorted { $0.key < $1.key }.first?.value
    }

    static func flatten(_ v: JSONValue?, _ path: String, into out: inout [String: String]) {
        guard let v else { return }
        switch v {
        case .object(let o):
            for (k, x) in o { flatten(x, path.isEmpty ? k : "\(path).\(k)", into: &out) }
        case .array(let a):
            for (i, x) in a.enumerated() { flatten(x, "\(path)[\(i)]", into: &out) }
        case .string(let s): out[path] = s
        case .number(let n): out[path] = n
        case .bool(let b): out[path] = b ? "true" : "false"
        case .null: out[path] = "null"
        }
    }
}

/// A JSON value, so `--json` output nests stored bodies as JSON, not as strings of JSON.
public indirect enum JSONValue: Codable, Equatable, Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .number(String(i))
        } else if let d = try? c.decode(Double.self) {
            self = .number(String(d))
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .object(let o): try c.encode(o)
        case .array(let a): try c.encode(a)
        case .string(let s): try c.encode(s)
        case .number(let n):
            if let i = Int(n) { try c.encode(i) } else { try c.encode(Double(n) ?? 0) }
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        }
    }
}
