import Foundation
import ICalendar
import TestSupport
import Testing

/// A block of `Tests/Fixtures/recurrence/cases.txt`, read through the real parser so the
/// cases also exercise DTSTART/EXDATE/RDATE reading.
struct RecurrenceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let set: RecurrenceSet
    let from: Date
    let to: Date
    let instants: [Date]
    var testDescription: String { name }

    static let all: [RecurrenceCase] = {
        let text = try! RepositoryPaths.read(RepositoryPaths.fixture("recurrence/cases.txt"))
        return text.components(separatedBy: "\n\n").compactMap { block -> RecurrenceCase? in
            let lines = block.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
            guard let name = lines.first(where: { $0.hasPrefix("NAME:") })?.dropFirst(5) else { return nil }
            func field(_ key: String) -> String? {
                lines.first { $0.hasPrefix(key + ":") }.map { String($0.dropFirst(key.count + 1)) }
            }
            let eventLines = lines.filter { l in ["DTSTART", "RRULE", "EXDATE", "RDATE"].contains { l.hasPrefix($0) } }
            let calendar = try! ICalendarParser.parse(
                (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:t", "BEGIN:VEVENT", "UID:r", "DTSTAMP:20240101T000000Z"]
                    + eventLines + ["END:VEVENT", "END:VCALENDAR"]).joined(separator: "\r\n") + "\r\n"
            )
            let e = calendar.events[0]
            let window = field("WINDOW")!.split(separator: "/").map { utc(String($0)) }
            let instants = field("INSTANCES")!.split(separator: ",").map { utc(String($0)) }
            return RecurrenceCase(
                name: String(name),
                set: RecurrenceSet(
                    start: e.start,
                    rule: e.recurrenceRule,
                    recurrenceDates: e.recurrenceDates,
                    exceptionDates: e.exceptionDates
                ),
                from: window[0],
                to: window[1],
                instants: instants
            )
        }
    }()

    static func utc(_ s: String) -> Date { LocalDateTime(iso: s.dropLast())!.asUTCDate }
}

@Suite("Recurrence expansion")
struct RecurrenceTests {
    @Test("table cases expand to the hand-computed instants", arguments: RecurrenceCase.all)
    func table(_ c: RecurrenceCase) throws {
        let got = try c.set.instances(from: c.from, to: c.to).map(\.instant)
        #expect(got == c.instants)
    }

    @Test("the table has the cases the issue names")
    func coverage() {
        #expect(RecurrenceCase.all.count >= 15)
    }

    @Test("instances keep DTSTART's form, so they can be RECURRENCE-IDs")
    func instanceForm() throws {
        let set = RecurrenceSet(start: Build.zoned(2024, 1, 1, 9), rule: try RecurrenceRule("FREQ=DAILY;COUNT=2"))
        let got = try set.instances(from: Build.local(2023, 1, 1).asUTCDate, to: Build.local(2025, 1, 1).asUTCDate)
        #expect(got.map(\.start) == [Build.zoned(2024, 1, 1, 9), Build.zoned(2024, 1, 2, 9)])
    }

    @Test("a rule no date satisfies (30 February) is refused, not looped on")
    func impossibleRule() throws {
        let set = RecurrenceSet(
            start: Build.zoned(2024, 1, 1, 9),
            rule: try RecurrenceRule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
        )
        #expect(throws: ICalendarError.self) {
            try set.instances(from: Build.local(2024, 1, 1).asUTCDate, to: Build.local(2100, 1, 1).asUTCDate)
        }
    }

    @Test("an expansion past the limit throws instead of growing without bound")
    func limit() throws {
        let set = RecurrenceSet(start: Build.zoned(2024, 1, 1, 9), rule: try RecurrenceRule("FREQ=DAILY"))
        #expect(throws: ICalendarError.tooManyOccurrences(limit: 10)) {
            try set.instances(from: Build.local(2024, 1, 1).asUTCDate, to: Build.local(2025, 1, 1).asUTCDate, limit: 10)
        }
    }

    @Test(
        "rules libical 3.0.16 would mis-expand are refused with the reason",
        arguments: [
            ("FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=1", "BYSETPOS"),
            ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS"),
            ("FREQ=DAILY;BYMONTHDAY=-1", "negative BYMONTHDAY"),
            ("FREQ=MONTHLY;BYYEARDAY=-1", "BYYEARDAY"),
            ("FREQ=YEARLY;BYYEARDAY=1;BYMONTH=1", "unimplemented"),
            ("FREQ=YEARLY;BYYEARDAY=1;BYWEEKNO=1", "unimplemented"),
            ("FREQ=YEARLY;BYYEARDAY=1;BYMONTHDAY=1", "unimplemented"),
            ("FREQ=WEEKLY;BYDAY=MO,MO", "twice"),
            ("FREQ=HOURLY", "at most daily"),
            ("FREQ=MINUTELY", "at most daily"),
            ("FREQ=SECONDLY", "at most daily"),
            ("FREQ=WEEKLY;BYMONTHDAY=1", "WEEKLY"),
            ("FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO"),
            ("FREQ=WEEKLY;BYDAY=2MO", "numbered BYDAY"),
            ("FREQ=DAILY;COUNT=0", "COUNT"),
            ("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
            ("FREQ=DAILY;COUNT=2;COUNT=3", "twice"),
            ("FREQ=DAILY;RSCALE=GREGORIAN", "RSCALE"),
            ("BYDAY=MO", "FREQ"),
            ("FREQ=DAILY;UNTIL=tomorrow", "UNTIL"),
            ("FREQ=DAILY\r\nBEGIN:VALARM", "control"),
            ("", "empty"),
        ]
    )
    func refused(_ rule: String, _ reason: String) {
        let error = #expect(throws: ICalendarError.self) { try RecurrenceRule(rule) }
        if case .invalidRecurrence(_, let why)? = error {
            #expect(why.contains(reason), "\(why)")
        } else {
            Issue.record("expected .invalidRecurrence, got \(String(describing: error))")
        }
    }
}
