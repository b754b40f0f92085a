import Foundation
import ICalendar
import TestSupport
import Testing

/// Reading what other tools write (issue: "importing what real clients write"): writing stays
/// strict; an import takes what it can understand and lists the rest with line numbers.
/// Fixtures are named after what Outlook and hand-made files really do.
@Suite("Lenient reading of other tools' calendars")
struct LenientReadingTests {
    static func fixture(_ name: String) throws -> String {
        try RepositoryPaths.read(RepositoryPaths.fixture("ics/lenient/\(name).ics"))
    }

    @Test("Outlook: an empty LOCATION and a Windows zone name with its own VTIMEZONE")
    func outlook() throws {
        let text = try Self.fixture("outlook-empty-location-windows-zone")
        // All three events are read, strictly or not: an empty TEXT value is valid RFC 5545 and
        // is dropped, and "SE Asia Standard Time" is CLDR's Asia/Bangkok (UTC+7, as the
        // VTIMEZONE says).
        let strict = try ICalendarParser.parse(text)
        let c = try ICalendarParser.parse(text, lenient: true)
        #expect(strict.events == c.events)
        #expect(c.events.count == 3)
        let meeting = try #require(c.events.first { $0.uid == "gap-go-bao-chi-nuoc-ngoai@example.vn" })
        #expect(
            meeting.start
                == .zoned(LocalDateTime(year: 2024, month: 4, day: 25, hour: 14, minute: 0), tzid: "Asia/Bangkok")
        )
        #expect(meeting.location == nil)
        let empties = c.skipped.filter { $0.reason == "empty value" }
        #expect(empties.map(\.location.line) == [38, 39])
        #expect(empties.map(\.location.property) == ["LOCATION", "DESCRIPTION"])
        #expect(!c.skipped.contains { $0.location.property == "X-LIC-ERROR" })
    }

    @Test("a fixed-offset custom zone is matched, a missing DTSTAMP tolerated, an RDATE period skips only its event")
    func handMade() throws {
        let text = try Self.fixture("missing-dtstamp-custom-fixed-zone")
        // Strictly, a missing DTSTAMP refuses the whole file, with its line.
        #expect(
            throws: ICalendarError.missingProperty(ICalLocation(line: 12, component: "VEVENT", property: "DTSTAMP"))
        ) {
            try ICalendarParser.parse(text)
        }
        let c = try ICalendarParser.parse(text, lenient: true)
        #expect(c.events.map(\.uid) == ["no-stamp@example"])
        #expect(
            c.events[0].start
                == .zoned(LocalDateTime(year: 2024, month: 6, day: 5, hour: 9, minute: 0), tzid: "Etc/GMT-7")
        )
        #expect(c.skipped.contains { $0.location.property == "DTSTAMP" && $0.location.line == 12 })
        let skippedEvent = try #require(c.skipped.first { $0.reason.hasPrefix("event not imported") })
        #expect(skippedEvent.location.line == 23, "\(skippedEvent)")
        #expect(skippedEvent.reason.contains("RDATE;VALUE=PERIOD"))
    }
}
