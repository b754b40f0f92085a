/// A JSON request body of the API. Its fields, required or not, and their JSON types are
/// read from the type's own decoding (`BodySchema`); what the type system cannot say —
/// a string that must be a date, a string limited to a few words — is said here, once.
public protocol APIBody: Codable, Sendable {
    static var annotations: [String: BodyAnnotation] { get }
}

extension APIBody {
    public static var annotations: [String: BodyAnnotation] { [:] }
}

/// What a string field holds beyond "a string" (JSON Schema 2020-12 §7.3 `format`, §6.1.2 `enum`).
public enum BodyAnnotation: Sendable, Equatable {
    case format(String)
    case oneOf([String])
}

/// A body that decoded but cannot be taken: what is wrong, by field. `malformed` is the
/// client's syntax (HTTP 400), `refused` a value the rules do not take (HTTP 422).
public struct BodyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case malformed
        case refused
    }
    public let kind: Kind
    public let detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail }
}
