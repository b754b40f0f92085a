import Foundation
import ICalendar
import PropertyBased
import TestSupport
import Testing

@Suite("Text injection")
struct InjectionTests {
    /// Characters that break naive writers: line ends, separators, escapes, quotes,
    /// controls, and Vietnamese letters in both NFC and NFD.
    static let hostile: [String] = [
        "\r", "\n", "\r\n", ";", ",", "\\", "\"", "'", ":", "\u{0}", "\u{1}", "\u{7}", "\u{B}", "\u{1B}", "\u{7F}",
        "\u{85}", "\t", " ", "a", "B", "ạ", "Ư", "e\u{0301}", "^", "=", "BEGIN:VALARM",
    ]

    static let hostileText = Gen.element(of: hostile).compactMap { $0 }.array(of: 0...40).map { $0.joined() }

    @Test("hostile text in every TEXT field never adds a property or component")
    func neverInjects() async throws {
        await propertyCheck(count: 1000, input: Self.hostileText, Self.hostileText, Self.hostileText) { s, d, l in
            var event = try Build.event("inj@t", start: Build.zoned(2024, 1, 1, 9), summary: s)
            event.description = d
            event.location = l
            event.contacts = [s + d]
            event.organizer = CalendarUser(address: "mailto:a@t", commonName: l)
            event.conferences = [Conference(uri: "https://x.test/", label: s)]
            let text = try ICalendarWriter.serialise(ICalCalendar(productID: "t", legacyName: d, events: [event]))
            // Then: the structure is exactly what was built …
            let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
            let names = unfolded.split(separator: "\r\n").map { $0.prefix { $0 != ":" && $0 != ";" } }
            #expect(names.filter { $0 == "BEGIN" }.count == 4)
            #expect(names.filter { $0 == "SUMMARY" }.count == (Self.readBack(s) == nil ? 0 : 1))
            #expect(names.filter { $0 == "ORGANIZER" }.count == 1)
            // … and the text reads back as its sanitised self.
            let back = try ICalendarParser.parse(text)
            #expect(back.events.count == 1)
            #expect(back.events.first?.summary == Self.readBack(s))
            #expect(back.events.first?.description == Self.readBack(d))
            #expect(back.events.first?.location == Self.readBack(l))
            if !ICalText.sanitizeParameter(l).isEmpty {
                #expect(back.events.first?.organizer?.commonName == ICalText.sanitizeParameter(l))
            }
        }
    }

    /// Empty text is left out by the writer, so it reads back as nil.
    static func readBack(_ s: String) -> String? { ICalText.nonBlank(s) }

    @Test("sanitised text is NFC and free of control characters except TAB and LF")
    func sanitiseShape() async {
        await propertyCheck(input: Self.hostileText) { s in
            let clean = ICalText.sanitize(s)
            #expect(clean == clean.precomposedStringWithCanonicalMapping)
            #expect(
                !clean.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || $0.value == 0x7F }
            )
        }
    }
}
