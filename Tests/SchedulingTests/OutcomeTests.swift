import Foundation
import ICalendar
import Scheduling
import Testing

/// The rules an outcome must meet (docs/outcomes.md) and the yearly report's numbers, on a
/// small year whose every expected number is worked out by hand below.
@Suite("Outcomes and the yearly report")
struct OutcomeTests {
    static let province = Agency(id: "ubnd-phu-yen", name: BilingualText(vi: "UBND tỉnh Phú Yên"), level: .province)
    static let an = Spokesperson(
        id: "an",
        name: "Nguyễn Văn An",
        title: "Chánh Văn phòng",
        agency: "ubnd-phu-yen",
        entitlements: [Entitlement(agency: "ubnd-phu-yen", kind: .spokesperson)]
    )
    static let binh = Spokesperson(
        id: "binh",
        name: "Trần Thị Bình",
        title: "Phó Chánh Văn phòng",
        agency: "ubnd-phu-yen",
        entitlements: [Entitlement(agency: "ubnd-phu-yen", kind: .authorized(matter: "*", reference: "QĐ 1"))]
    )
    /// First Thursday of Jan, Apr, Jul, Oct 2024 at 15:00, 90 minutes.
    static let quarterly = RegularSeries(
        id: "q",
        title: BilingualText(vi: "Họp báo quý"),
        organizer: "ubnd-phu-yen",
        rule: try! RecurrenceRule("FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH;COUNT=4"),
        start: LocalDateTime(iso: "2024-01-04T15:00")!,
        duration: 90 * 60
    )
    /// The 15th of each month of 2024 (a weekend moves to the Monday, still in the month).
    static let monthly = RegularSeries(
        id: "m",
        title: BilingualText(vi: "Thông tin báo chí tháng"),
        organizer: "ubnd-phu-yen",
        rule: try! RecurrenceRule("FREQ=MONTHLY;BYMONTHDAY=15;COUNT=12"),
        start: LocalDateTime(iso: "2024-01-15T16:00")!,
        duration: 30 * 60,
        form: .pressRelease
    )
    static let schedule = Schedule(agencies: [province], series: [quarterly, monthly])
    static let afterTheYear = F.utc("2025-02-01T00:00")

    static func id(_ s: String) -> OccurrenceID { OccurrenceID(rawValue: s) }

    static var occurrences: [Occurrence] {
        try! F.engine.occurrences(in: schedule, from: F.utc("2023-12-31T00:00"), to: F.utc("2025-01-02T00:00"))
    }

    static func occurrence(_ s: String) -> Occurrence? { occurrences.first { $0.id.rawValue == s } }

    static func problems(_ o: Outcome, now: Date = afterTheYear) -> [String] {
        OutcomeCheck.problems(
            o,
            occurrence: occurrence(o.occurrence.rawValue),
            roster: [an.id: an, binh.id: binh],
            now: now,
            lookup: { occurrence($0.rawValue) }
        ).map(\.field)
    }

    // MARK: - the rules

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var outcome: Outcome
        var fields: [String]
        var testDescription: String { name }
    }

    static let january = id("q@20240104T150000")
    static let cases: [Case] = [
        Case(name: "a plain held briefing", outcome: Outcome(occurrence: january, result: .held), fields: []),
        Case(
            name: "an occurrence that does not exist",
            outcome: Outcome(occurrence: id("q@20240105T150000"), result: .held),
            fields: ["occurrence"]
        ),
        Case(
            name: "attendance below zero",
            outcome: Outcome(
                occurrence: january,
                result: .held,
                attendance: .init(agencies: -1, journalists: 3)
            ),
            fields: ["attendance.agencies"]
        ),
        Case(
            name: "more foreign journalists than journalists",
            outcome: Outcome(
                occurrence: january,
                result: .held,
                attendance: .init(agencies: 2, journalists: 3, foreignAgencies: 3, foreignJournalists: 4)
            ),
            fields: ["attendance.foreign-agencies", "attendance.foreign-journalists"]
        ),
        Case(
            name: "more answers than questions",
            outcome: Outcome(occurrence: january, result: .held, questions: .init(received: 4, answered: 5)),
            fields: ["questions.answered"]
        ),
        Case(
            name: "an end before the start",
            outcome: Outcome(
                occurrence: january,
                result: .held,
                actualStart: F.t("2024-01-04T15:00"),
                actualEnd: F.t("2024-01-04T14:00")
            ),
            fields: ["actual.end"]
        ),
        Case(
            name: "not held without a reason, with attendance",
            outcome: Outcome(
                occurrence: january,
                result: .notHeld(reason: " "),
                attendance: .init(agencies: 1, journalists: 1)
            ),
            fields: ["reason", "attendance"]
        ),
        Case(
            name: "postponed to an earlier occurrence",
            outcome: Outcome(occurrence: id("q@20240404T150000"), result: .postponed(to: january, reason: "bão")),
            fields: ["postponed-to"]
        ),
        Case(
            name: "postponed to the next one",
            outcome: Outcome(
                occurrence: january,
                result: .postponed(to: id("q@20240404T150000"), reason: "bão")
            ),
            fields: []
        ),
        Case(
            name: "a speaker not on the roster, and one with neither id nor name",
            outcome: Outcome(
                occurrence: january,
                result: .held,
                speakers: [.init(person: "nobody", role: .spokesperson), .init(role: .panelist)]
            ),
            fields: ["speakers[0].person", "speakers[1]"]
        ),
    ]

    @Test("each rule refuses by name what breaks it, and accepts what keeps it", arguments: cases)
    func rules(_ c: Case) {
        #expect(Self.problems(c.outcome) == c.fields)
    }

    @Test("an ad-hoc briefing cannot have started before the event that called it; a follow-up waits for its briefing")
    func triggerAndFuture() {
        let o = Outcome(
            occurrence: Self.january,
            result: .held,
            actualStart: F.t("2024-01-04T15:00"),
            actualEnd: F.t("2024-01-04T16:00")
        )
        let problems = OutcomeCheck.problems(
            o,
            occurrence: Self.occurrence("q@20240104T150000"),
            roster: [:],
            now: Self.afterTheYear,
            triggeredAt: F.utc("2024-01-04T09:00"),  // 16:00 in UTC+7, after the actual start
            lookup: { _ in nil }
        )
        #expect(problems.map(\.field) == ["actual.start"])
        let f = FollowUp(
            occurrence: Self.january,
            outlet: "Báo Phú Yên",
            question: "Cao tốc",
            promised: LocalDate(iso: "2024-01-10")!
        )
        let before = OutcomeCheck.problems(
            f,
            occurrence: Self.occurrence("q@20240104T150000"),
            outcome: nil,
            now: F.utc("2024-01-01T00:00")
        )
        #expect(before.map(\.field) == ["occurrence"])
    }

    @Test("an outcome waits until the briefing has started")
    func notYet() {
        let o = Outcome(occurrence: Self.january, result: .held)
        #expect(Self.problems(o, now: F.utc("2024-01-04T07:00")) == ["occurrence"])  // 14:00 in UTC+7
        #expect(Self.problems(o, now: F.utc("2024-01-04T08:00")) == [])  // 15:00 in UTC+7
    }

    @Test("a follow-up is promised at a held briefing, not before it")
    func followUps() {
        let o = Self.occurrence("q@20240104T150000")
        let f = FollowUp(
            occurrence: Self.january,
            outlet: "Báo Phú Yên",
            question: "Cao tốc",
            promised: LocalDate(iso: "2024-01-03")!
        )
        #expect(
            OutcomeCheck.problems(f, occurrence: o, outcome: nil, now: Self.afterTheYear).map(\.field) == ["promised"]
        )
        var onTime = f
        onTime.promised = LocalDate(iso: "2024-01-10")!
        #expect(OutcomeCheck.problems(onTime, occurrence: o, outcome: nil, now: Self.afterTheYear).isEmpty)
        let notHeld = Outcome(occurrence: Self.january, result: .notHeld(reason: "bão"))
        #expect(
            OutcomeCheck.problems(onTime, occurrence: o, outcome: notHeld, now: Self.afterTheYear).map(\.field) == [
                "occurrence"
            ]
        )
        #expect(
            OutcomeCheck.problems(onTime, occurrence: nil, outcome: nil, now: Self.afterTheYear).map(\.field) == [
                "occurrence"
            ]
        )
        // Status on a day: open until the promised day, then overdue; answered once answered.
        #expect(onTime.status(on: LocalDate(iso: "2024-01-10")!) == .open)
        #expect(onTime.status(on: LocalDate(iso: "2024-01-11")!) == .overdue)
        onTime.answered = LocalDate(iso: "2024-01-12")
        #expect(onTime.status(on: LocalDate(iso: "2024-01-11")!) == .overdue)
        #expect(onTime.status(on: LocalDate(iso: "2024-01-12")!) == .answered)
        #expect(onTime.answeredLate)
    }

    // MARK: - the report, by hand

    static func report(now: Date = afterTheYear) throws -> YearReport {
        let outcomes: [Outcome] =
            [
                Outcome(
                    occurrence: id("q@20240104T150000"),
                    result: .held,
                    actualStart: F.t("2024-01-04T15:00"),
                    actualEnd: F.t("2024-01-04T16:40"),
                    speakers: [.init(person: "an", role: .spokesperson), .init(name: "Khách", role: .panelist)],
                    attendance: .init(agencies: 20, journalists: 30, foreignAgencies: 1, foreignJournalists: 2),
                    questions: .init(received: 10, answered: 8)
                ),
                Outcome(
                    occurrence: id("q@20240404T150000"),
                    result: .held,
                    speakers: [.init(person: "an", role: .spokesperson)]
                ),
                Outcome(occurrence: id("q@20240704T150000"), result: .notHeld(reason: "Trùng kỳ họp HĐND")),
                Outcome(
                    occurrence: id("q@20241003T150000"),
                    result: .held,
                    speakers: [.init(person: "binh", role: .authorized)]
                ),
            ]
            + (1...11).map { month in
                let original = String(format: "m@2024%02d15T160000", month)
                return month == 3
                    ? Outcome(occurrence: id(original), result: .notHeld(reason: "Chưa tổng hợp kịp"))
                    : Outcome(occurrence: id(original), result: .held)
            }  // December has no outcome.
        let followUps = [
            FollowUp(
                id: 1,
                occurrence: id("q@20240104T150000"),
                outlet: "A",
                question: "1",
                promised: LocalDate(iso: "2024-01-10")!,
                answered: LocalDate(iso: "2024-01-09")
            ),
            FollowUp(
                id: 2,
                occurrence: id("q@20240404T150000"),
                outlet: "B",
                question: "2",
                promised: LocalDate(iso: "2024-04-10")!,
                answered: LocalDate(iso: "2024-04-20")
            ),
            FollowUp(
                id: 3,
                occurrence: id("q@20241003T150000"),
                outlet: "C",
                question: "3",
                promised: LocalDate(iso: "2024-10-10")!
            ),
            FollowUp(
                id: 4,
                occurrence: id("q@20241003T150000"),
                outlet: "D",
                question: "4",
                promised: LocalDate(iso: "2024-12-30")!,
                answered: LocalDate(iso: "2025-01-03")
            ),
        ]
        let roster = Roster(
            people: [an, binh],
            assignments: [
                Assignment(
                    occurrence: id("q@20241003T150000"),
                    primary: .init(person: "an", source: .manual),
                    backups: [.init(person: "binh", source: .manual)]
                )
            ]
        )
        // Only what had happened by `now` is known then.
        let started = Set(occurrences.filter { $0.startInstant <= now }.map(\.id))
        var inputs = YearReport.Inputs(
            year: 2024,
            agency: "ubnd-phu-yen",
            schedule: schedule,
            occurrences: occurrences,
            roster: roster,
            outcomes: Dictionary(
                uniqueKeysWithValues: outcomes.filter { started.contains($0.occurrence) }.map {
                    ($0.occurrence, $0)
                }
            ),
            followUps: followUps.filter { started.contains($0.occurrence) },
            checker: PlanChecker(calendar: F.calendar, rules: F.rules),
            narrative: ReportNarrative(),
            now: now
        )
        // Two swaps recorded for the July conference (not held: not counted), one for October.
        inputs.swaps = [id("q@20240704T150000"): 2, id("q@20241003T150000"): 1]
        inputs.declines = [id("q@20241003T150000"): 1, id("q@20240104T150000"): 2]
        return try YearReport.build(inputs)
    }

    @Test("planned and held, by form and by month: 4 + 12 planned, 3 + 10 held, December unrecorded")
    func summary() throws {
        let s = try Self.report().summary
        #expect(s.planned == 16)
        #expect(s.held == 13)
        #expect(s.notHeld == 2)
        #expect(s.unrecorded == 1)
        #expect(s.cancelled == 0)
        #expect(
            s.byForm.map { "\($0.key) \($0.planned)/\($0.held)" } == ["press-conference 4/3", "press-release 12/10"]
        )
        #expect(s.byMonth.map(\.planned) == [2, 1, 1, 2, 1, 1, 2, 1, 1, 2, 1, 1])
        #expect(s.byMonth.map(\.held) == [2, 1, 0, 2, 1, 1, 1, 1, 1, 2, 1, 0])
        #expect(Set(s.changes.map(\.kind)) == ["not-held"])
    }

    @Test("the law is judged on what was held: March and December miss press information, Q3 its conference")
    func compliance() throws {
        let rows = try Self.report().compliance
        let info = try #require(rows.first { $0.rule == "R-PROV-INFO-MONTHLY" })
        #expect(info.periods.count == 12)
        #expect(info.periods.filter { !$0.met }.map(\.label) == ["3/2024", "12/2024"])
        let conference = try #require(rows.first { $0.rule == "R-PROV-PRESSCONF-3M" })
        #expect(conference.periods.map(\.met) == [true, true, false, true])
        #expect(conference.periods.map(\.label) == ["Q1/2024", "Q2/2024", "Q3/2024", "Q4/2024"])
    }

    @Test("speakers: An twice (100 + 90 minutes), Bình once for An (a backup used); the press in January")
    func speakersAndPress() throws {
        let r = try Self.report()
        let an = try #require(r.spokespeople.load.first { $0.person == "an" })
        #expect(an.count == 2 && an.minutes == 190 && an.role == "spokesperson")
        let binh = try #require(r.spokespeople.load.first { $0.person == "binh" })
        #expect(binh.count == 1 && binh.minutes == 90 && binh.role == "authorized")
        #expect(r.spokespeople.load.contains { $0.name == "Khách" && $0.role == "panelist" && $0.minutes == 100 })
        #expect(r.spokespeople.backupsUsed.map(\.occurrence) == ["q@20241003T150000"])
        #expect(r.spokespeople.swaps == 1 && r.spokespeople.swapped == ["q@20241003T150000"])
        #expect(r.spokespeople.declines == 3)
        #expect(r.press.total.briefings == 1)
        #expect(r.press.byMonth[0].agencies == 20 && r.press.byMonth[0].foreignJournalists == 2)
        #expect(r.press.total.questionsReceived == 10 && r.press.total.questionsAnswered == 8)
        // On 31 December: #1 on time, #2 late, #3 overdue, #4 answered only in January.
        #expect(r.press.answeredOnTime == 1)
        #expect(r.press.answeredLate == 1)
        #expect(r.press.stillOpen == 2)
        #expect(r.press.attention.map(\.status) == ["answered-late", "overdue", "overdue"])
    }

    @Test(
        "made on 1 August: periods not over are pending, later briefings not yet unrecorded, follow-ups judged that day"
    )
    func midYear() throws {
        let r = try Self.report(now: F.utc("2024-08-01T00:00"))
        #expect(r.unrecorded.isEmpty)
        let info = try #require(r.compliance.first { $0.rule == "R-PROV-INFO-MONTHLY" })
        #expect(info.periods.filter(\.pending).map(\.label) == ["8/2024", "9/2024", "10/2024", "11/2024", "12/2024"])
        #expect(info.unmet == 1)  // March
        let conference = try #require(r.compliance.first { $0.rule == "R-PROV-PRESSCONF-3M" })
        #expect(conference.periods.map(\.pending) == [false, false, true, true])
        #expect(conference.unmet == 0)
        #expect(r.press.judgedOn == "2024-08-01")
        #expect(r.press.answeredLate == 1 && r.press.answeredOnTime == 1 && r.press.stillOpen == 0)
    }
}
