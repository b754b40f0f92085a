import ICalendar
import TestSupport
import Testing

@Suite("Parsing iCalendar into values")
struct ParserTests {
    @Test("a calendar written by the wrapper reads back as the same values")
    func roundTrip() throws {
        let calendar = try Samples.fullFeature()
        let back = try ICalendarParser.parse(ICalendarWriter.serialise(calendar))
        var expected = calendar
        expected.events = expected.events.map(Samples.sanitized)
        #expect(back.events == expected.events)
        #expect(back.names == calendar.names)
        #expect(back.refreshInterval == 3600)
        #expect(back.source == calendar.source)
        #expect(back.skipped.isEmpty)
    }

    @Test("libical's own prefixed TZID is read back as the plain IANA name")
    func prefixedTZID() throws {
        let text = Samples.wrap([
            "BEGIN:VEVENT", "UID:p@t", "DTSTAMP:20240101T000000Z",
            "DTSTART;TZID=/freeassociation.sourceforge.net/Asia/Ho_Chi_Minh:20240110T090000", "END:VEVENT",
        ])
        let event = try #require(try ICalendarParser.parse(text).events.first)
        #expect(event.start == Build.zoned(2024, 1, 10, 9))
    }

    @Test("components and properties Podium does not model are reported as skipped, with lines")
    func skippedItems() throws {
        let text = Samples.wrap([
            "BEGIN:VTODO", "UID:t@t", "END:VTODO",
            "BEGIN:VEVENT", "UID:e@t", "DTSTAMP:20240101T000000Z", "DTSTART:20240110T020000Z", "PRIORITY:1",
            "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "END:VALARM", "END:VEVENT",
        ])
        let calendar = try ICalendarParser.parse(text)
        #expect(calendar.events.count == 1)
        let reasons = calendar.skipped.map { "\($0.location.line ?? 0) \($0.reason)" }
        #expect(
            reasons == [
                "4 VTODO is not imported", "11 VEVENT property PRIORITY is not used", "12 VALARM is not imported",
            ]
        )
    }

    @Test("VFREEBUSY busy periods are read, FREE periods are not")
    func freeBusy() throws {
        let text = Samples.wrap([
            "BEGIN:VFREEBUSY", "UID:f@t", "DTSTAMP:20240101T000000Z",
            "FREEBUSY:20240102T020000Z/20240102T030000Z",
            "FREEBUSY;FBTYPE=FREE:20240103T020000Z/20240103T030000Z",
            "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20240104T020000Z/PT90M",
            "END:VFREEBUSY",
        ])
        let busy = try ICalendarParser.parse(text).busyPeriods
        #expect(
            busy == [
                BusyPeriod(start: Build.local(2024, 1, 2, 2), end: Build.local(2024, 1, 2, 3)),
                BusyPeriod(start: Build.local(2024, 1, 4, 2), end: Build.local(2024, 1, 4, 3, 30)),
            ]
        )
    }

    @Test("bare LF line ends and folded lines are accepted")
    func lenientLineEnds() throws {
        let text =
            "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:a\nDTSTAMP:20240101T000000Z\n"
            + "DTSTART:20240110T020000Z\nSUMMARY:Họp \n báo\nEND:VEVENT\nEND:VCALENDAR\n"
        let event = try #require(try ICalendarParser.parse(text).events.first)
        #expect(event.summary == "Họp báo")
    }
}
