import Foundation
import ICalendar
import TestSupport
import Testing

@Suite("Writing iCalendar")
struct WriterTests {
    @Test("the full-feature calendar matches its reviewed golden file byte for byte")
    func golden() throws {
        let text = try ICalendarWriter.serialise(Samples.fullFeature())
        let url = RepositoryPaths.fixture("ics/golden/full-feature.ics")
        #expect(text == (try Golden.expected(at: url, actual: text)))
    }

    @Test("the same calendar value always gives the same bytes")
    func deterministic() throws {
        let calendar = try Samples.fullFeature()
        #expect(try ICalendarWriter.serialise(calendar) == (try ICalendarWriter.serialise(calendar)))
    }

    @Test("lines end in CRLF and are at most 75 octets; no control bytes (RFC 5545 §3.1)")
    func lineShape() throws {
        let text = try ICalendarWriter.serialise(Samples.fullFeature())
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            #expect(line.utf8.count <= 75, "\(line)")
            #expect(!line.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }, "\(line)")
        }
    }

    @Test("one VTIMEZONE per TZID used, with the plain IANA name, starting in the first year used")
    func timeZones() throws {
        let text = try ICalendarWriter.serialise(Samples.fullFeature())
        #expect(!text.contains("freeassociation"))
        #expect(text.components(separatedBy: "BEGIN:VTIMEZONE").count - 1 == 2)
        #expect(text.contains("TZID:Asia/Ho_Chi_Minh\r\n"))
        #expect(text.contains("TZID:Europe/Berlin\r\n"))
        // Truncated: Vietnam's zone has one observance, from 1 January of the first year used;
        // no 2038 time_t artifact.
        let saigon = try #require(text.components(separatedBy: "TZID:Asia/Ho_Chi_Minh\r\n").last)
        let saigonZone = try #require(saigon.components(separatedBy: "END:VTIMEZONE").first)
        #expect(saigonZone.components(separatedBy: "BEGIN:STANDARD").count == 2)
        #expect(saigonZone.contains("DTSTART:20240101T070000"))
        #expect(!text.contains("20380119T101407"))
        // Every TZID parameter has its VTIMEZONE.
        for tzid in ["Asia/Ho_Chi_Minh", "Europe/Berlin"] {
            #expect(text.contains("TZID=\(tzid):"))
        }
    }

    @Test("UNTIL must be UTC when DTSTART has a zone (RFC 5545 §3.3.10)")
    func untilInUTC() throws {
        var event = try Build.event("u@t", start: Build.zoned(2024, 1, 1, 9))
        event.recurrenceRule = try RecurrenceRule("FREQ=DAILY;UNTIL=20240110T090000")
        #expect(throws: ICalendarError.self) {
            try ICalendarWriter.serialise(ICalCalendar(productID: "t", events: [event]))
        }
    }

    @Test("an unknown time zone is refused by name")
    func unknownZone() throws {
        let event = try Build.event("z@t", start: Build.zoned(2024, 1, 1, 9, tz: "Asia/Atlantis"))
        #expect(throws: ICalendarError.unknownTimeZone("Asia/Atlantis")) {
            try ICalendarWriter.serialise(ICalCalendar(productID: "t", events: [event]))
        }
    }

    @Test("EXDATE and RECURRENCE-ID must have DTSTART's form (RFC 5545 §3.8.5.1)")
    func sameForm() throws {
        var event = try Build.event("f@t", start: Build.zoned(2024, 1, 1, 9), rule: "FREQ=DAILY;COUNT=3")
        event.exceptionDates = [.utc(Build.local(2024, 1, 2, 2))]
        #expect(throws: ICalendarError.self) {
            try ICalendarWriter.serialise(ICalCalendar(productID: "t", events: [event]))
        }
    }

    @Test(
        "URIs that could inject lines or run script are refused",
        arguments: [
            "https://x.test/a\r\nBEGIN:VALARM", "https://x.test/a\nX", "https://x.test/a b", "javascript:alert(1)",
            "", "no-scheme", "https://x.test/\u{7F}", "https://x.test/\"q\"", "https://x.test/ạ",
        ]
    )
    func unsafeURIs(_ uri: String) throws {
        var event = try Build.event("i@t", start: Build.zoned(2024, 1, 1, 9))
        event.url = uri
        #expect(throws: ICalendarError.self) {
            try ICalendarWriter.serialise(ICalCalendar(productID: "t", events: [event]))
        }
        var organizerEvent = try Build.event("o@t", start: Build.zoned(2024, 1, 1, 9))
        organizerEvent.organizer = CalendarUser(address: uri.isEmpty ? "" : "mailto:" + uri)
        if uri.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "\u{7F}" || $0 == "\"" || !$0.isASCII })
            || uri.isEmpty
        {
            #expect(throws: ICalendarError.self) {
                try ICalendarWriter.serialise(ICalCalendar(productID: "t", events: [organizerEvent]))
            }
        }
    }

    @Test("a category containing a comma is refused (libical 3.0.16 would split it)")
    func categoryComma() throws {
        var event = try Build.event("c@t", start: Build.zoned(2024, 1, 1, 9))
        event.categories = ["a,b"]
        #expect(throws: ICalendarError.self) {
            try ICalendarWriter.serialise(ICalCalendar(productID: "t", events: [event]))
        }
    }

    @Test("METHOD is PUBLISH (feeds), REQUEST or CANCEL (mailed invitations, RFC 6047); others are refused")
    func methods() throws {
        for method in ["PUBLISH", "REQUEST", "CANCEL"] {
            let text = try ICalendarWriter.serialise(ICalCalendar(productID: "t", method: method))
            #expect(text.contains("METHOD:\(method)\r\n"))
        }
        for method in ["ADD", "COUNTER", "request"] {
            #expect(throws: ICalendarError.self) {
                try ICalendarWriter.serialise(ICalCalendar(productID: "t", method: method))
            }
        }
    }
}
