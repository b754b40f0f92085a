import Foundation

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

/// Ids are ASCII slugs (stable in URLs, UIDs and the command line). `slug(_:)` turns a
/// Vietnamese text into one: diacritics folded, đ → d, lowercase, anything else a dash.
public enum Slug {
    /// The one rule for ids (plans, CLI, API): ASCII letters, digits, `-`, `_`, `.`, at most
    /// 80. Nil when `id` follows it, else the reason, suggesting the ASCII form of a
    /// Vietnamese name.
    public static func problem(with id: String) -> String? {
        guard
            id.isEmpty || id.count > 80
                || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else { return nil }
        let suggestion = make(id, maxLength: 80)
        return "ids use ASCII letters, digits, - _ . (at most 80)"
            + (suggestion.isEmpty || suggestion == id ? "" : "; did you mean \"\(suggestion)\"?")
    }

    public static func make(_ text: String, maxLength: Int = 60) -> String {
        let folded = text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
        var out = ""
        for c in folded.unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "." || c == "_" {
                out.unicodeScalars.append(c)
            } else if !out.hasSuffix("-") {
                out.append("-")
            }
        }
        let trimmed = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return String(trimmed.prefix(maxLength)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
