/// A typed identifier: `Identifier<Agency>` and `Identifier<Venue>` cannot be mixed up,
/// though both are strings underneath (stable, human-readable slugs from plan files).
public struct Identifier<Owner>: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Text in Vietnamese and, when given, English (the two feed languages).
public struct BilingualText: Hashable, Sendable, Codable {
    public var vi: String
    public var en: String?

    public init(vi: String, en: String? = nil) {
        self.vi = vi
        self.en = en
    }

    /// The text in a language, falling back to Vietnamese.
    public func text(_ language: Language) -> String { language == .en ? (en ?? vi) : vi }
}

/// The languages a briefing is held or published in.
public enum Language: String, Hashable, Sendable, Codable, CaseIterable {
    case vi, en
}
