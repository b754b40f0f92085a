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
            let p = s.properties
            if p.canonicalCombiningClass != .notReordered || p.isFullCompositionExclusion
                || (0x1100...0x11FF).contains(s.value) || (0xAC00...0xD7A3).contains(s.value)
            {
                return false
            }
        }
        return true
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
        return clean.allSatisfy(\.isWhitespace) ? nil : clean
    }

    /// A single-line variant for names and parameters: line breaks become spaces.
    public static func sanitizeLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else { return sanitize(text) }
        return sanitize(text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
    }

    /// Parameter values (CN, LABEL): libical RFC 6868-encodes `"` as `^'`, which clients
    /// without RFC 6868 show literally, and 3.0.16 does not escape `^` (icalendar.md §3.4);
    /// so quotes become typographic ones and `^` is dropped. A backslash is dropped too: libical
    /// writes `CN=\` unquoted and its own parser then reads `\:` as an escape, gluing the
    /// value to the address (found by the injection property test).
    public static func sanitizeParameter(_ text: String) -> String {
        sanitizeLine(
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
}
