import Foundation
import Testing

@testable import ICalendar

/// The writer's text and URI checks have fast paths (issue 17, P1): each must give exactly
/// what the careful path gives. Expected values are written by hand from the rules in
/// `ICalText` (RFC 5545 §3.3.11, icalendar.md §3.4) and RFC 3986 §3.1.
@Suite("Text and URI checks")
struct ICalTextTests {
    @Test("no character in the precomposed Latin ranges is reordered or excluded from composition")
    func precomposedRanges() {
        var checked = 0
        for v in UInt32(0)...0x1FFFF {
            guard let s = Unicode.Scalar(v), ICalText.isPrecomposedLatin(s) else { continue }
            checked += 1
            #expect(s.properties.canonicalCombiningClass == .notReordered, "U+\(String(v, radix: 16))")
            #expect(!s.properties.isFullCompositionExclusion, "U+\(String(v, radix: 16))")
        }
        #expect(checked == (0x2FF - 0xA0 + 1) + (0x1EFF - 0x1E00 + 1))
    }

    @Test(
        "sanitize: clean text unchanged, the rest repaired",
        arguments: [
            ("Họp báo thường kỳ", "Họp báo thường kỳ"),
            // NFD "ạ" (a + U+0323) becomes the precomposed U+1EA1.
            ("Ha\u{323}", "H\u{1EA1}"),
            ("  lề  ", "lề"),
            ("a\r\nb\rc", "a\nb\nc"),
            ("a\u{7}b\u{85}c\u{7F}", "abc"),
            ("tab\tinside", "tab\tinside"),
            ("ǅ ȸ ʯ ˿", "ǅ ȸ ʯ ˿"),
        ]
    )
    func sanitize(_ input: String, _ expected: String) {
        // Scalars, not `==`: Swift compares strings up to canonical equivalence, and NFC is
        // the point here.
        #expect(Array(ICalText.sanitize(input).unicodeScalars) == Array(expected.unicodeScalars))
        #expect(ICalText.isClean(input) == (Array(input.unicodeScalars) == Array(expected.unicodeScalars)))
    }

    @Test(
        "nonBlank: nil only when nothing but white space is left",
        arguments: [
            ("x", "x"), (" \t\n ", nil), ("\u{A0}\u{2003}", nil), (" \u{301}", "\u{301}"), ("\u{A0}a", "\u{A0}a"),
            ("", nil), ("Đ", "Đ"),
        ] as [(String, String?)]
    )
    func nonBlank(_ input: String, _ expected: String?) {
        #expect(ICalText.nonBlank(input) == expected)
    }

    @Test(
        "sanitizeParameter: quotes made typographic, ^ and \\ dropped, lines joined",
        arguments: [
            ("Nguyễn Văn A", "Nguyễn Văn A"),
            ("say \"hi\"", "say \u{201D}hi\u{201D}"),
            ("a^b\\c", "abc"),
            ("two\nlines", "two lines"),
        ]
    )
    func parameter(_ input: String, _ expected: String) {
        #expect(ICalText.sanitizeParameter(input) == expected)
    }

    @Test(
        "URIs: accepted by the one-pass check exactly when the full check accepts",
        arguments: [
            ("https://phuyen.gov.vn/a?b=c#d", true), ("HTTPS://X.TEST/", true), ("mailto:a@b.vn", true),
            ("tel:+84257", true), ("urn:uuid:1", true), ("webcal://x.test/f.ics", true),
            ("ftp://x.test/", false), ("javascript:alert(1)", false), ("no-scheme", false), ("", false),
            (":nothing", false), ("https://x.test/a b", false), ("https://x.test/ạ", false),
            ("https://x.test/{x}", false), ("https://x.test/\u{7F}", false), ("1http://x", false),
        ]
    )
    func uri(_ value: String, _ valid: Bool) {
        #expect(ICalURI.isPlainlyValid(value) == valid)
        #expect(((try? ICalURI.validate(value, field: "URL")) != nil) == valid)
    }
}
