import Foundation

/// Text clean-up applied to every TEXT value before libical sees it.
///
/// libical 3.0.16 drops `\r`, `\b`, `\f`, keeps TAB, escapes `\n`, and writes every other
/// control byte (0x01, 0x0B, 0x7F…) raw, which makes the output invalid (icalvalue.c:259-330,
/// icalendar.md §3.4). Vietnamese text is NFC-normalised so a fold never lands between a
/// base letter and its combining mark and lines carry fewer octets (icalendar.md §1.6).
public enum ICalText {
    /// NFC, line ends unified to `\n`, every other C0/C1 control and DEL removed (TAB kept),
    /// surrounding spaces and tabs removed.
    public static func sanitize(_ text: String) -> String {
        // Fast path: most text (Vietnamese typed on a modern keyboard is precomposed) is
        // already clean, and Foundation's normalisation is the slowest step of writing a feed.
        if isClean(text) { return text }
        let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var scalars = String.UnicodeScalarView()
        for s in unified.precomposedStringWithCanonicalMapping.unicodeScalars where !isStripped(s) {
            scalars.append(s)
        }
        return trimmed(String(scalars))
    }

    /// True when `sanitize` would return the text unchanged: no control character or CR,
    /// no space or tab at either end, and certainly NFC — no combining mark, no character
    /// excluded from composition, no conjoining Hangul jamo (the NFC quick-check "No/Maybe"
    /// characters all fall in these groups).
    static func isClean(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first != " ", first != "\t", last != " ", last != "\t"
        else { return text.isEmpty }
        for s in text.unicodeScalars {
            if s.value < 0x80 {
                if isStripped(s) || s == "\r" { return false }
                continue
            }
            if isStripped(s) { return false }
            // Latin-1 and the Latin letters Vietnamese is written with are precomposed, never
            // reordered and never excluded from composition (`ICalTextTests` checks every one).
            if isPrecomposedLatin(s) { continue }
            let p = s.properties
            if p.canonicalCombiningClass != .notReordered || p.isFullCompositionExclusion
                || (0x1100...0x11FF).contains(s.value) || (0xAC00...0xD7A3).contains(s.value)
            {
                return false
            }
        }
        return true
    }

    /// U+00A0–U+02FF (Latin-1 to the spacing modifiers) and U+1E00–U+1EFF (Latin Extended
    /// Additional: ạ, ế, ở …): ranges in which no character has a combining class or a
    /// composition exclusion, so the NFC check needs no property lookup.
    static func isPrecomposedLatin(_ s: Unicode.Scalar) -> Bool {
        (0xA0...0x2FF).contains(s.value) || (0x1E00...0x1EFF).contains(s.value)
    }

    /// libical's parser drops spaces and tabs around a value, so they are dropped before
    /// writing and text reads back exactly as written.
    static func trimmed(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Sanitised text, or nil when only white space is left. libical writes an empty TEXT
    /// value as `NAME:` and then refuses to read it back ("No value for … property"), so
    /// blank text is left out, which means the same.
    public static func nonBlank(_ text: String?) -> String? {
        guard let text else { return nil }
        let clean = sanitize(text)
        // An ASCII byte other than white space starts (or follows a prepended mark that is
        // not white space in) a character that is not white space: not blank. Only text
        // without one is looked at character by character.
        if clean.utf8.contains(where: { $0 < 0x80 && !isASCIIWhitespace($0) }) { return clean }
        return clean.allSatisfy(\.isWhitespace) ? nil : clean
    }

    static func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }

    /// A single-line variant for names and parameters: line breaks become spaces.
    public static func sanitizeLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return sanitize(text) }
        return sanitize(text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
    }

    /// Parameter values (CN, LABEL): libical RFC 6868-encodes `"` as `^'`, which clients
    /// without RFC 6868 show literally, and 3.0.16 does not escape `^` (icalendar.md §3.4);
    /// so quotes become typographic ones and `^` is dropped. A backslash is dropped too: libical
    /// writes `CN=\` unquoted and its own parser then reads `\:` as an escape, gluing the
    /// value to the address (found by the injection property test).
    public static func sanitizeParameter(_ text: String) -> String {
        // Most names have none of the three: no Foundation replacement passes then.
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5E || $0 == 0x5C }) else { return sanitizeLine(text) }
        return sanitizeLine(
            text.replacingOccurrences(of: "\"", with: "\u{201D}").replacingOccurrences(of: "^", with: "")
                .replacingOccurrences(of: "\\", with: "")
        )
    }

    static func isStripped(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n") || s.value == 0x7F || (0x80...0x9F).contains(s.value)
    }
}

/// Checks for URI and CAL-ADDRESS values, which libical writes verbatim.
///
/// `icalproperty_new_url("https://x/a\r\nBEGIN:VALARM")` emits a real `BEGIN:VALARM` line
/// (icalendar.md §3.4), so any control character or space is refused here, and the value
/// must be an absolute URI with an allowed scheme (RFC 3986 §3).
public enum ICalURI {
    public static let allowedSchemes: Set<String> = ["https", "http", "mailto", "tel", "webcal", "sip", "urn"]

    public static func validate(_ value: String, field: String) throws(ICalendarError) {
        if isPlainlyValid(value) { return }
        guard !value.isEmpty else { throw .unsafeURI(field: field, reason: "empty") }
        if let bad = value.unicodeScalars.first(where: { $0.value < 0x21 || $0.value == 0x7F || !$0.isASCII }) {
            let shown = bad.value < 0x21 || bad.value == 0x7F ? String(format: "U+%04X", bad.value) : String(bad)
            throw .unsafeURI(field: field, reason: "contains \(shown); percent-encode it")
        }
        guard let colon = value.firstIndex(of: ":") else {
            throw .unsafeURI(field: field, reason: "no scheme (expected e.g. https:)")
        }
        let scheme = value[..<colon].lowercased()
        guard scheme.first?.isLetter == true,
            scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else { throw .unsafeURI(field: field, reason: "malformed scheme \"\(scheme)\"") }
        guard allowedSchemes.contains(scheme) else {
            throw .unsafeURI(field: field, reason: "scheme \"\(scheme)\" is not allowed")
        }
        if "\"<>\\^`{|}".contains(where: { value.contains($0) }) {
            throw .unsafeURI(field: field, reason: "contains a character RFC 3986 does not allow")
        }
    }

    /// The common case in one pass over the bytes: printable ASCII only, none of the
    /// characters RFC 3986 excludes, and an allowed scheme before the first colon. Anything
    /// else goes through `validate`'s checks one by one, which name what is wrong.
    static func isPlainlyValid(_ value: String) -> Bool {
        var colon: Int?
        for (i, b) in value.utf8.enumerated() {
            switch b {
            case ..<0x21, 0x7F..., 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: return false
            case 0x3A where colon == nil: colon = i
            default: continue
            }
        }
        guard let colon else { return false }
        let scheme = value.utf8.prefix(colon).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return allowedSchemes.contains { $0.utf8.elementsEqual(scheme) }
    }
}
