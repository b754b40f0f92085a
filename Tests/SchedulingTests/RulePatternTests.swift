import Foundation
import ICalendar
import Scheduling
import TestSupport
import Testing

/// The rule builder's patterns: the RRULE each stands for, the words it is said in, and the
/// dates it gives — each expected value worked out by hand from a calendar.
@Suite("Rule patterns (the rule builder)")
struct RulePatternTests {
    static let zone = "Asia/Ho_Chi_Minh"

    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: RulePattern
        let rrule: String
        let vi: String
        let en: String
        let start: LocalDateTime
        /// The first dates, from a 2024 calendar.
        let dates: [String]
        var testDescription: String { en }
    }

    static let cases: [Case] = [
        Case(
            pattern: RulePattern(
                frequency: .monthly,
                interval: 3,
                monthly: .weekday(ordinal: 1, weekday: 4),
                end: .count(4)
            ),
            rrule: "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH;COUNT=4",
            vi: "Thứ Năm đầu tiên của tháng, 3 tháng một lần, 4 lần",
            en: "the first Thursday of every third month, 4 times",
            start: LocalDateTime(LocalDate(year: 2024, month: 1, day: 4), hour: 15, minute: 0),
            dates: ["2024-01-04", "2024-04-04", "2024-07-04", "2024-10-03"]
        ),
        Case(
            pattern: RulePattern(
                frequency: .weekly,
                weekdays: [2],
                end: .until(LocalDate(year: 2024, month: 1, day: 23))
            ),
            // The end of 23 January in UTC+7 is 16:59:59 UTC.
            rrule: "FREQ=WEEKLY;BYDAY=TU;UNTIL=20240123T165959Z",
            vi: "Thứ Ba hằng tuần, đến hết ngày 23/01/2024",
            en: "every Tuesday, until 2024-01-23",
            start: LocalDateTime(LocalDate(year: 2024, month: 1, day: 2), hour: 8, minute: 0),
            dates: ["2024-01-02", "2024-01-09", "2024-01-16", "2024-01-23"]
        ),
        Case(
            pattern: RulePattern(frequency: .monthly, monthly: .lastWorkday, end: .count(3)),
            rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3",
            vi: "ngày làm việc cuối cùng của tháng, 3 lần",
            en: "the last working day of every month, 3 times",
            // 31 January 2024 is a Wednesday, 29 February a Thursday, 31 March a Sunday (so the 29th).
            start: LocalDateTime(LocalDate(year: 2024, month: 1, day: 31), hour: 16, minute: 0),
            dates: ["2024-01-31", "2024-02-29", "2024-03-29"]
        ),
        Case(
            pattern: RulePattern(frequency: .weekly, interval: 2, weekdays: [1, 4], end: .count(4)),
            rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=4",
            vi: "Thứ Hai và Thứ Năm, 2 tuần một lần, 4 lần",
            en: "every second week on Monday and Thursday, 4 times",
            start: LocalDateTime(LocalDate(year: 2024, month: 1, day: 1), hour: 9, minute: 0),
            dates: ["2024-01-01", "2024-01-04", "2024-01-15", "2024-01-18"]
        ),
        Case(
            pattern: RulePattern(frequency: .monthly, monthly: .monthDay(-1), end: .count(2)),
            rrule: "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2",
            vi: "ngày cuối tháng, 2 lần",
            en: "the last day of every month, 2 times",
            start: LocalDateTime(LocalDate(year: 2024, month: 1, day: 31), hour: 9, minute: 0),
            dates: ["2024-01-31", "2024-02-29"]
        ),
        Case(
            pattern: RulePattern(frequency: .monthly, monthly: .weekday(ordinal: -1, weekday: 5), end: .count(2)),
            rrule: "FREQ=MONTHLY;BYDAY=-1FR;COUNT=2",
            vi: "Thứ Sáu cuối cùng của tháng, 2 lần",
            en: "the last Friday of every month, 2 times",
            start: LocalDateTime(LocalDate(year: 2024, month: 1, day: 26), hour: 14, minute: 0),
            dates: ["2024-01-26", "2024-02-23"]
        ),
    ]

    @Test("each pattern's RRULE, words and dates", arguments: cases)
    func pattern(_ c: Case) throws {
        let text = try c.pattern.rrule(timeZone: Self.zone)
        #expect(text == c.rrule)
        #expect(c.pattern.words(.vi) == c.vi)
        #expect(c.pattern.words(.en) == c.en)
        let rule = try RecurrenceRule(text)
        #expect(RulePattern(rule: rule, timeZone: Self.zone) == c.pattern, "read back from the rule")
        let set = RecurrenceSet(start: .zoned(c.start, tzid: Self.zone), rule: rule)
        let instances = try set.instances(
            from: try TimeZones.instant(of: c.start, in: Self.zone),
            to: try TimeZones.instant(of: c.start, in: Self.zone).addingTimeInterval(400 * 86_400)
        )
        #expect(instances.map { $0.start.wallTime.date.description } == c.dates)
    }

    @Test("a pattern that cannot be a plan's rule says which field is wrong")
    func problems() {
        let bad: [(RulePattern, String)] = [
            (RulePattern(frequency: .weekly, end: .never), "weekdays"),
            (RulePattern(frequency: .monthly, end: .never), "monthly"),
            (RulePattern(frequency: .monthly, monthly: .monthDay(31), end: .never), "monthDay"),
            (RulePattern(frequency: .monthly, monthly: .weekday(ordinal: 5, weekday: 1), end: .never), "ordinal"),
            (RulePattern(frequency: .weekly, interval: 0, weekdays: [1], end: .never), "interval"),
            (RulePattern(frequency: .weekly, weekdays: [1], end: .count(0)), "count"),
        ]
        for (p, field) in bad { #expect(p.problem?.field == field, "\(p)") }
        #expect(RulePattern(frequency: .weekly, weekdays: [3], end: .never).problem == nil)
    }

    @Test("rules outside the builder's shapes are not patterns (kept as their text)")
    func notPatterns() throws {
        // The last: a split series ends at 15:29:59 local on the day of the continuation's
        // first occurrence; "until the end of that day" would bring that occurrence back.
        for text in [
            "FREQ=DAILY;INTERVAL=9", "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=2", "FREQ=MONTHLY;BYMONTHDAY=1,15",
            "FREQ=WEEKLY;BYDAY=FR;UNTIL=20240927T082959Z",
        ] {
            #expect(RulePattern(rule: try RecurrenceRule(text), timeZone: Self.zone) == nil, "\(text)")
        }
    }

    @Test("random patterns read back from their own RRULE (seeded)")
    func roundTrip() throws {
        var rng = SeededGenerator.forTest("rule patterns")
        for _ in 0..<300 {
            let end: RulePattern.End = [
                .never, .count(Int.random(in: 1...50, using: &rng)),
                .until(LocalDate(year: 2024, month: 1, day: 1).adding(days: Int.random(in: 0..<900, using: &rng))),
            ].randomElement(using: &rng)!
            var p = RulePattern(
                frequency: RulePattern.Frequency.allCases.randomElement(using: &rng)!,
                interval: Int.random(in: 1...12, using: &rng),
                end: end
            )
            if p.frequency == .weekly {
                p.weekdays = Set(
                    (0..<Int.random(in: 1...3, using: &rng)).map { _ in Int.random(in: 1...7, using: &rng) }
                )
            } else {
                p.monthly = [
                    .weekday(
                        ordinal: [1, 2, 3, 4, -1].randomElement(using: &rng)!,
                        weekday: Int.random(in: 1...7, using: &rng)
                    ),
                    .monthDay([1, 5, 15, 28, -1].randomElement(using: &rng)!), .lastWorkday,
                ].randomElement(using: &rng)!
            }
            let text = try p.rrule(timeZone: Self.zone)
            #expect(RulePattern(rule: try RecurrenceRule(text), timeZone: Self.zone) == p, "\(text) (seed \(rng.seed))")
        }
    }
}
