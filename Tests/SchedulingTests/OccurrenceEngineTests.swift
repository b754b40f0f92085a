import Foundation
import ICalendar
import Scheduling
import Testing

@Suite("Occurrences")
struct OccurrenceEngineTests {
    /// A monthly briefing on the 1st at 09:00 in 2026, hand-checked against the holiday table:
    /// 1 Jan (New Year, Thu) → 2 Jan; 1 May (Fri) → 4 May (Mon); 1 Sep (adjacent National Day,
    /// Tue) and 2 Sep → 3 Sep; the rest are working days.
    @Test(
        "holiday policies move, skip or keep occurrences",
        arguments: [
            (HolidayPolicy.nextWorkingDay, ["2026-01-02", "2026-05-04", "2026-09-03"], [String]()),
            (.previousWorkingDay, ["2025-12-31", "2026-04-29", "2026-08-31"], []),
            (.skip, [], ["2026-01-01", "2026-05-01", "2026-09-01"]),
            (.keep, ["2026-01-01", "2026-05-01", "2026-09-01"], []),
        ]
    )
    func holidayPolicy(_ policy: HolidayPolicy, _ expectedDates: [String], _ cancelled: [String]) throws {
        let s = F.series(rule: "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=12", start: "2026-01-01T09:00", policy: policy)
        let all = try F.occurrences(s, from: "2025-06-01T00:00")
        #expect(all.count == 12)
        let interesting = all.filter { [1, 5, 9].contains($0.originalStart!.date.month) }
        let happening = interesting.filter(\.isHappening).map { $0.start.date.description }
        #expect(happening == expectedDates)
        #expect(interesting.filter { !$0.isHappening }.map { $0.start.date.description } == cancelled)
        for o in all where o.isHappening && policy != .keep {
            #expect(F.calendar.isWorkingDay(o.start.date), "\(o.start)")
        }
        #expect(all.allSatisfy { $0.start.hour == 9 && $0.end == $0.start.adding(seconds: 5400) })
    }

    @Test("instants are computed in the series zone (UTC+7)")
    func instants() throws {
        let s = F.series(rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=1", start: "2026-03-03T15:00")
        let o = try #require(try F.occurrences(s).first)
        #expect(o.startInstant == F.utc("2026-03-03T08:00"))
        #expect(o.id.rawValue == "monthly@20260303T150000")
    }

    @Test("a cancelled occurrence stays listed, cancelled, with its reason")
    func cancel() throws {
        var s = F.series(rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=3", start: "2026-03-03T15:00")
        s.exceptions[F.t("2026-03-10T15:00")] = .cancel(F.t("2026-03-10T15:00"), reason: "Bão", revision: 5)
        let all = try F.occurrences(s)
        #expect(all.map(\.status) == [.scheduled, .cancelled, .scheduled])
        #expect(all[1].cancellationReason == "Bão")
        #expect(all[1].revision == 5)
    }

    @Test("a moved occurrence keeps its identity, takes its new time and venue, and appears once")
    func move() throws {
        var s = F.series(rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=3", start: "2026-03-03T15:00")
        s.exceptions[F.t("2026-03-10T15:00")] = .move(
            F.t("2026-03-10T15:00"),
            to: F.t("2026-03-12T09:00"),
            venue: "hoi-truong-2",
            reason: "Trùng lịch",
            revision: 7
        )
        let all = try F.occurrences(s)
        #expect(all.count == 3)
        let moved = try #require(all.first { $0.id.rawValue == "monthly@20260310T150000" })
        #expect(moved.start == F.t("2026-03-12T09:00"))
        #expect(moved.venue == "hoi-truong-2")
        #expect(moved.shift == .moved(reason: "Trùng lịch"))
        #expect(Set(all.map(\.id)).count == 3)
    }

    @Test("an occurrence moved in from outside the window is found")
    func moveIntoWindow() throws {
        var s = F.series(rule: "FREQ=MONTHLY;BYMONTHDAY=10;COUNT=12", start: "2026-01-10T09:00", policy: .keep)
        s.exceptions[F.t("2026-01-10T09:00")] = .move(
            F.t("2026-01-10T09:00"),
            to: F.t("2026-11-20T09:00"),
            reason: "hoãn",
            revision: 2
        )
        let inNovember = try F.occurrences(s, from: "2026-11-15T00:00", to: "2026-11-30T00:00")
        #expect(inNovember.map(\.id.rawValue) == ["monthly@20260110T090000"])
    }

    @Test(
        "invalid series are refused with a specific error",
        arguments: [
            ("start not in rule", "FREQ=WEEKLY;BYDAY=TU", "2026-03-04T15:00", 60, "Asia/Ho_Chi_Minh"),
            ("zero duration", "FREQ=WEEKLY;BYDAY=TU", "2026-03-03T15:00", 0, "Asia/Ho_Chi_Minh"),
            ("unknown zone", "FREQ=WEEKLY;BYDAY=TU", "2026-03-03T15:00", 60, "Asia/Hanoi_Typo"),
        ]
    )
    func invalid(_ name: String, _ rule: String, _ start: String, _ minutes: Int, _ zone: String) {
        var s = F.series(rule: rule, start: start, minutes: max(minutes, 1))
        s.duration = minutes * 60
        s.timeZone = zone
        #expect(throws: SchedulingError.self, "\(name)") { try F.engine.validate(s) }
    }

    @Test("an exception for an occurrence that does not exist is refused")
    func noSuchOccurrence() {
        var s = F.series(rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=3", start: "2026-03-03T15:00")
        s.exceptions[F.t("2026-03-11T15:00")] = .cancel(F.t("2026-03-11T15:00"), reason: "x", revision: 2)
        #expect(throws: SchedulingError.noSuchOccurrence(series: "monthly", originalStart: "2026-03-11T15:00:00")) {
            try F.engine.validate(s)
        }
    }

    @Test("a move onto another occurrence of the series is refused")
    func moveOnto() {
        var s = F.series(rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=3", start: "2026-03-03T15:00")
        s.exceptions[F.t("2026-03-10T15:00")] = .move(
            F.t("2026-03-10T15:00"),
            to: F.t("2026-03-17T15:00"),
            reason: "x",
            revision: 2
        )
        #expect(throws: SchedulingError.self) { try F.engine.validate(s) }
    }

    @Test("a rule libical would mis-expand cannot even be built")
    func badRule() {
        #expect(throws: ICalendarError.self) { try RecurrenceRule("FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=1") }
    }

    @Test("an ad-hoc briefing is one occurrence, due 24 h after its trigger by default")
    func adHoc() throws {
        let b = AdHocBriefing(
            id: "bao-so-5",
            title: BilingualText(vi: "Họp báo về bão số 5"),
            organizer: "ubnd-phu-yen",
            trigger: .incident,
            triggeredAt: F.utc("2026-10-02T22:00"),
            start: F.t("2026-10-03T15:00"),
            duration: 3600
        )
        let o = try F.engine.occurrence(of: b)
        #expect(o.id.rawValue == "bao-so-5")
        #expect(o.startInstant == F.utc("2026-10-03T08:00"))
        #expect(b.dueBy == F.utc("2026-10-03T22:00"))
        #expect(b.deadline.legalBasis.contains("Decree 09/2017"))
    }

    @Test("a split ends the old series before the split and continues it under a new, linked id")
    func split() throws {
        var s = F.series(rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=6", start: "2026-03-03T15:00")
        s.exceptions[F.t("2026-03-10T15:00")] = .cancel(F.t("2026-03-10T15:00"), reason: "a", revision: 2)
        s.exceptions[F.t("2026-03-31T15:00")] = .cancel(F.t("2026-03-31T15:00"), reason: "b", revision: 3)
        let (ended, next) = try F.engine.split(s, at: F.t("2026-03-24T15:00"), newID: "monthly-2", revision: 9)
        #expect(
            try F.occurrences(ended).map(\.start)
                == ["2026-03-03T15:00", "2026-03-10T15:00", "2026-03-17T15:00"].map(F.t)
        )
        #expect(
            try F.occurrences(next).map(\.start)
                == ["2026-03-24T15:00", "2026-03-31T15:00", "2026-04-07T15:00"].map(F.t)
        )
        #expect(ended.continuedBy == "monthly-2" && next.continues == "monthly")
        #expect(ended.exceptions.count == 1 && next.exceptions.count == 1)
        #expect(next.rule.count == 3)
        #expect(ended.rule.until == .utc(F.t("2026-03-24T07:59:59")))
    }

    @Test("the whole schedule is listed in start order with ad-hoc items")
    func schedule() throws {
        let s = F.series(rule: "FREQ=WEEKLY;BYDAY=TU;COUNT=2", start: "2026-03-03T15:00")
        let b = AdHocBriefing(
            id: "adhoc",
            title: BilingualText(vi: "Đột xuất"),
            organizer: "ubnd-phu-yen",
            trigger: .pressRequest,
            triggeredAt: F.utc("2026-03-04T01:00"),
            start: F.t("2026-03-05T10:00"),
            duration: 1800
        )
        let all = try F.engine.occurrences(
            in: Schedule(series: [s], adHoc: [b]),
            from: F.utc("2026-01-01T00:00"),
            to: F.utc("2027-01-01T00:00")
        )
        #expect(all.map(\.id.rawValue) == ["monthly@20260303T150000", "adhoc", "monthly@20260310T150000"])
    }
}

/// Regression: "an accepted import breaks the public feeds" — a rule such as
/// FREQ=DAILY;UNTIL=20801231T000000Z was accepted, after which every feed failed with "more than
/// 20000 occurrences". What is accepted must be publishable, so validation refuses it.
@Suite("What is accepted can be published")
struct PublishableTests {
    @Test(
        "a bounded rule too large to publish is refused at validation, with the way out",
        arguments: [
            "FREQ=DAILY;UNTIL=20801231T000000Z", "FREQ=DAILY;COUNT=20001",
        ]
    )
    func tooLargeToPublish(_ rule: String) throws {
        let s = F.series("daily-until-2080", rule: rule, start: "2024-06-03T09:00", policy: .keep)
        #expect(throws: SchedulingError.tooManyOccurrences(item: "series daily-until-2080", limit: 20_000)) {
            try F.engine.validate(s)
        }
        let message = SchedulingError.tooManyOccurrences(item: "series x", limit: 20_000).description
        #expect(message.contains("UNTIL") && message.contains("COUNT"))
    }

    @Test("a daily rule for fifty years still fits and is accepted")
    func largeButPublishable() throws {
        let s = F.series(
            "daily-50y",
            rule: "FREQ=DAILY;UNTIL=20740101T000000Z",
            start: "2024-06-03T09:00",
            policy: .keep
        )
        try F.engine.validate(s)
    }
}
