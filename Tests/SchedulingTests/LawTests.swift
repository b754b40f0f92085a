import Foundation
import ICalendar
import Scheduling
import TestSupport
import Testing

/// The law measured right (issue #13): windows in local time, periods examined once, agencies
/// judged only while they exist, ad-hoc briefings apart, rule versions and local rules.
/// Expected findings are written from the rules, by hand.
@Suite("The law, measured right")
struct LawTests {
    static let province = Agency(id: "ubnd", name: BilingualText(vi: "UBND tỉnh"), level: .province)

    static func conference(_ id: String, _ start: String, trigger: TriggerKind = .planned) -> AdHocBriefing {
        var b = AdHocBriefing(
            id: AdHocBriefing.ID(id),
            title: BilingualText(vi: id),
            organizer: "ubnd",
            trigger: trigger,
            triggeredAt: F.t(start).asUTCDate.addingTimeInterval(-7 * 3600 - 3600),
            start: F.t(start),
            duration: 3600
        )
        b.form = .pressConference
        return b
    }

    static func check(_ schedule: Schedule, _ window: PlanWindow, rules: [LegalRule] = F.rules) throws -> [Finding] {
        let occ = try F.engine.occurrences(in: schedule, from: window.start, to: window.end)
        return PlanChecker(calendar: F.calendar, rules: rules)
            .check(occ, schedule: schedule, roster: Roster(), window: window)
    }

    @Test("random windows in random zones: every month and quarter wholly inside is examined exactly once")
    func periodsProperty() throws {
        var rng = SeededGenerator.forTest("periods")
        for _ in 0..<2_000 {
            let from = LocalDate(year: 2024, month: 1, day: 1).adding(days: Int.random(in: 0..<1_500, using: &rng))
            let to = from.adding(days: Int.random(in: 1..<800, using: &rng))
            let hours = Int.random(in: -11...12, using: &rng)
            let zone = hours == 0 ? "Etc/UTC" : "Etc/GMT\(hours > 0 ? "-" : "+")\(abs(hours))"
            // The window as instants (local midnights) is read back as the same dates.
            let window = try PlanWindow(from: from, to: to, timeZone: zone)
            let back = try PlanWindow(covering: window.start, window.end, timeZone: zone)
            #expect(back.from == from && back.to == to, "seed \(rng.seed) \(zone) \(from)…\(to)")
            for months in [1, 3] {
                // A plain computation: walk every month start from a year before.
                var expected: [LocalDate] = []
                var m = LocalDate(year: from.year - 1, month: 1, day: 1)
                while m < to {
                    let next =
                        m.month + months > 12
                        ? LocalDate(year: m.year + 1, month: m.month + months - 12, day: 1)
                        : LocalDate(year: m.year, month: m.month + months, day: 1)
                    if (m.month - 1) % months == 0, m >= from, next <= to { expected.append(m) }
                    m =
                        m.month == 12
                        ? LocalDate(year: m.year + 1, month: 1, day: 1)
                        : LocalDate(year: m.year, month: m.month + 1, day: 1)
                }
                let got = window.periods(months: months).map(\.start)
                #expect(got == expected, "seed \(rng.seed): \(months) months in \(from)…\(to)")
            }
        }
    }

    @Test("a window to 1 January examines December (the window is read in UTC+7, not UTC)")
    func decemberIsExamined() throws {
        let schedule = Schedule(
            agencies: [Self.province],
            adHoc: (1...11).map { Self.conference("m\($0)", String(format: "2024-%02d-10T09:00", $0)) }
        )
        let f = try Self.check(schedule, F.window("2024-01-01", "2025-01-01"))
        #expect(
            f.filter { $0.rule == "R-PROV-INFO-MONTHLY" }.map(\.message) == [
                "UBND tỉnh: no press information in 12/2024"
            ]
        )
    }

    @Test("an ad-hoc press conference does not stand for the quarterly one; a planned one-off does")
    func adHocApart() throws {
        let window = F.window("2024-10-01", "2025-01-01")
        let storm = Schedule(
            agencies: [Self.province],
            adHoc: [Self.conference("bao", "2024-11-05T09:00", trigger: .incident)]
        )
        let f = try Self.check(storm, window)
        let q = try #require(f.first { $0.rule == "R-PROV-PRESSCONF-3M" })
        #expect(q.occurrences == [OccurrenceID(rawValue: "bao")])
        #expect(q.message.contains("2024-10-01…2024-12-31"))
        let forum = Schedule(agencies: [Self.province], adHoc: [Self.conference("dien-dan", "2024-11-05T09:00")])
        #expect(!(try Self.check(forum, window)).contains { $0.rule == "R-PROV-PRESSCONF-3M" })
        // A planned one-off has no statutory deadline.
        #expect(!(try Self.check(forum, window)).contains { $0.rule == "R-ADHOC-DEADLINE" })
    }

    @Test("across a merger each province is judged only for the days it exists")
    func merger() throws {
        var old = Agency(id: "ubnd", name: BilingualText(vi: "UBND tỉnh Phú Yên"), level: .province)
        old.validTo = LocalDate(year: 2025, month: 6, day: 30)
        old.successor = "ubnd-moi"
        var new = Agency(id: "ubnd-moi", name: BilingualText(vi: "UBND tỉnh Đắk Lắk"), level: .province)
        new.validFrom = LocalDate(year: 2025, month: 7, day: 1)
        let schedule = Schedule(agencies: [old, new])
        let f = try Self.check(schedule, F.window("2025-01-01", "2026-01-01"))
        let oldMonths = f.filter { $0.agency == "ubnd" && $0.rule == "R-PROV-INFO-MONTHLY" }
        let newMonths = f.filter { $0.agency == "ubnd-moi" && $0.rule == "R-PROV-INFO-MONTHLY" }
        #expect(oldMonths.count == 6 && oldMonths.allSatisfy { !$0.message.contains("7/2025") })
        #expect(newMonths.count == 6 && newMonths.allSatisfy { !$0.message.contains("6/2025") })
        #expect(f.filter { $0.rule == "R-PROV-PRESSCONF-3M" }.count == 4)  // Q1, Q2 old; Q3, Q4 new
    }

    @Test("a window spanning a change of the law judges each period by its own version")
    func versions() throws {
        let basis = LegalRule.Basis(document: "Test", article: "1")
        let rules = [
            LegalRule(
                id: "R-X",
                kind: .periodicInformation,
                title: BilingualText(vi: "x"),
                basis: basis,
                validFrom: LocalDate(year: 2017, month: 1, day: 1),
                validTo: LocalDate(year: 2026, month: 6, day: 30),
                levels: [.province],
                parameters: ["months": 1]
            ),
            LegalRule(
                id: "R-X",
                kind: .periodicInformation,
                title: BilingualText(vi: "x"),
                basis: basis,
                validFrom: LocalDate(year: 2026, month: 7, day: 1),
                status: .toConfirm,
                levels: [.province],
                parameters: ["months": 3]
            ),
        ]
        let f = try Self.check(Schedule(agencies: [Self.province]), F.window("2026-05-01", "2026-10-01"), rules: rules)
        // May and June monthly (old version); July–September as one quarter (new version).
        #expect(
            f.map(\.message) == [
                "UBND tỉnh: no press information in 5/2026", "UBND tỉnh: no press information in 6/2026",
                "UBND tỉnh: no press information in 2026-07-01…2026-09-30",
            ]
        )
        #expect(f.last?.legalBasis == "Test Art. 1 (version of 2026-07-01) — to confirm: the text is not verified")
    }

    @Test("a province's stricter local rule (a press conference every month) binds it and only it")
    func localRule() throws {
        let local = LegalRule(
            id: "DL-PRESSCONF-MONTHLY",
            kind: .periodicConference,
            title: BilingualText(vi: "Họp báo hằng tháng"),
            basis: LegalRule.Basis(document: "Quy chế phát ngôn tỉnh"),
            validFrom: LocalDate(year: 2026, month: 1, day: 1),
            levels: [.province],
            parameters: ["months": 1],
            scope: ["ubnd"]
        )
        let other = Agency(id: "khac", name: BilingualText(vi: "Tỉnh khác"), level: .province)
        let schedule = Schedule(
            agencies: [Self.province, other],
            adHoc: [
                Self.conference("q", "2026-01-15T09:00"),
                Self.conference("r", "2026-01-16T09:00").with(organizer: "khac"),
            ]
        )
        let f = try Self.check(schedule, F.window("2026-01-01", "2026-04-01"), rules: F.rules + [local])
        #expect(
            f.filter { $0.rule == "DL-PRESSCONF-MONTHLY" }.map(\.message) == [
                "UBND tỉnh: no regular press conference in 2/2026", "UBND tỉnh: no regular press conference in 3/2026",
            ]
        )
        #expect(!f.contains { $0.rule == "R-PROV-PRESSCONF-3M" })
    }

    @Test("the ad-hoc deadline is met by the first statement in any form (a press release before the briefing)")
    func firstStatement() throws {
        var late = Self.conference("lu", "2026-03-12T09:00", trigger: .incident)
        late.triggeredAt = F.utc("2026-03-10T01:00")
        let window = F.window("2026-03-01", "2026-04-01")
        #expect(
            try Self.check(Schedule(agencies: [Self.province], adHoc: [late]), window).contains {
                $0.rule == "R-ADHOC-DEADLINE"
            }
        )
        late.firstStatementAt = F.utc("2026-03-10T10:00")  // a press release 9 hours after the trigger
        #expect(
            !(try Self.check(Schedule(agencies: [Self.province], adHoc: [late]), window)).contains {
                $0.rule == "R-ADHOC-DEADLINE"
            }
        )
    }
}

extension AdHocBriefing {
    func with(organizer: Agency.ID) -> AdHocBriefing {
        var b = self
        b.organizer = organizer
        return b
    }
}
