import Foundation

/// The JSON schema of a request body, read from the body type itself: a decoder that holds
/// no data walks the type's `init(from:)` and writes down every key it asks for — `decode`
/// makes the field required, `decodeIfPresent` (what Swift synthesises for an optional)
/// optional — with the JSON type of what it asked for. `/openapi.json` is built from these,
/// so the document and the decoder cannot disagree (issue 15: the spec written once, from
/// the body types; OpenAPI 3.1 §4.8.24, JSON Schema 2020-12 `required`/`enum`/`format`).
public struct BodySchema: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        /// The JSON Schema type: string, integer, number, boolean or array (of strings).
        public var type: String
        public var required: Bool
        public var enumeration: [String]?
        public var format: String?
    }

    public private(set) var fields: [String: Field] = [:]
    /// False when the probe stopped before the end of `init(from:)` (a field of a type it
    /// does not know): the schema would then miss fields, which the OpenAPI tests refuse.
    public private(set) var complete = false

    /// The schema of `Body`, with its annotations applied. A body type whose decoding the
    /// probe cannot walk is a programming error, caught by the OpenAPI tests.
    public static func of<Body: APIBody>(_ body: Body.Type) -> BodySchema {
        let probe = SchemaProbe()
        var schema = BodySchema()
        schema.complete = (try? Body(from: probe)) != nil
        schema.fields = probe.log.fields
        for (key, annotation) in Body.annotations {
            switch annotation {
            case .format(let f): schema.fields[key]?.format = f
            case .oneOf(let values): schema.fields[key]?.enumeration = values
            }
        }
        return schema
    }

    /// The schema as a JSON Schema object for the OpenAPI document.
    public var jsonObject: [String: Any] {
        [
            "type": "object",
            "required": fields.filter(\.value.required).map(\.key).sorted(),
            "properties": fields.mapValues { f -> [String: Any] in
                var p: [String: Any] =
                    f.type == "array" ? ["type": "array", "items": ["type": "string"]] : ["type": f.type]
                if let e = f.enumeration { p["enum"] = e }
                if let format = f.format { p["format"] = format }
                return p
            },
        ]
    }
}

/// An enumeration a body field may hold: its JSON values and one of them, for the probe.
public protocol SchemaEnumeration {
    static var schemaValues: [String] { get }
    static var schemaExample: Self { get }
}

extension SchemaEnumeration where Self: CaseIterable & RawRepresentable, RawValue == String {
    public static var schemaValues: [String] { allCases.map(\.rawValue) }
    public static var schemaExample: Self { allCases.first! }
}

/// What the probe wrote down (a class: the decoder and its containers share it).
private final class ProbeLog {
    var fields: [String: BodySchema.Field] = [:]
}

/// A `Decoder` over nothing: every value it hands out is a placeholder of the asked type,
/// and every key asked for at the top level is recorded.
private struct SchemaProbe: Decoder {
    let log = ProbeLog()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keys<Key>(log: log))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Unsupported() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Unsupported() }

    struct Unsupported: Error {}

    struct Keys<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let log: ProbeLog
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }

        func record<T>(_ type: T.Type, _ key: Key, required: Bool) throws -> T {
            let (json, value): (String, Any)
            if let e = type as? any SchemaEnumeration.Type {
                log.fields[key.stringValue] = .init(type: "string", required: required, enumeration: e.schemaValues)
                return e.schemaExample as! T
            }
            switch type {
            case is String.Type: (json, value) = ("string", "")
            case is Int.Type: (json, value) = ("integer", 0)
            case is Double.Type: (json, value) = ("number", 0.0)
            case is Bool.Type: (json, value) = ("boolean", false)
            case is [String].Type: (json, value) = ("array", [String]())
            case is Date.Type:
                log.fields[key.stringValue] = .init(type: "string", required: required, format: "date-time")
                return Date(timeIntervalSince1970: 0) as! T
            default: throw Unsupported()
            }
            log.fields[key.stringValue] = .init(type: json, required: required)
            return value as! T
        }

        func decodeNil(forKey key: Key) throws -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try record(type, key, required: true)
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            try record(type, key, required: false)
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try record(type, key, required: true) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try record(type, key, required: true) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try record(type, key, required: true) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try record(type, key, required: true) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            try record(type, key, required: false)
        }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            try record(type, key, required: false)
        }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            try record(type, key, required: false)
        }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            try record(type, key, required: false)
        }
        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        { throw Unsupported() }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw Unsupported() }
        func superDecoder() throws -> any Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Unsupported() }
    }
}
