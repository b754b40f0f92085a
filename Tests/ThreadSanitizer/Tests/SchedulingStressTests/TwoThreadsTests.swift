import Foundation
import ICalendar
import Scheduling
import Testing

/// A large schedule is expanded, and a large plan checked, on two threads (`Parallel`,
/// issue 17); libical's recurrence iterator then runs outside the libical lock. Under
/// ThreadSanitizer (`make tsan`) this shows no data race on Podium's side (libical is not
/// instrumented), and that the results equal what one series at a time gives.
@Suite("The engine on two threads")
struct TwoThreadsTests {
    static let rules = [
        "FREQ=MONTHLY;BYDAY=2TH", "FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=WEEKLY;BYDAY=TU", "FREQ=MONTHLY;BYDAY=-1FR",
    ]
    static let zones = ["Asia/Ho_Chi_Minh", "Europe/Paris", "America/New_York", "Asia/Tokyo"]

    /// 400 series (twice the size from which expansion uses a second thread), in four zones
    /// loaded for the first time by whichever thread meets them first.
    static let schedule: Schedule = {
        let series = (0..<400).map { n in
            var s = RegularSeries(
                id: RegularSeries.ID("s\(n)"),
                title: BilingualText(vi: "Họp báo \(n)"),
                organizer: "a",
                rule: try! RecurrenceRule(rules[n % rules.count] + ";COUNT=\(6 + n % 20)"),
                start: LocalDateTime(year: 2026, month: 1 + n % 12, day: 1, hour: 8 + n % 8, minute: 0),
                duration: 3600
            )
            s.timeZone = zones[(n / 4) % zones.count]
            return s
        }
        return Schedule(agencies: [Agency(id: "a", name: BilingualText(vi: "A"), level: .province)], series: series)
    }()

    @Test("expanding on two threads gives what expanding one series at a time gives")
    func expansion() throws {
        let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2025...2029))
        let (from, to) = (
            LocalDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0).asUTCDate,
            LocalDateTime(year: 2029, month: 1, day: 1, hour: 0, minute: 0).asUTCDate
        )
        let together = try engine.occurrences(in: Self.schedule, from: from, to: to)
        var oneByOne: [Occurrence] = []
        for id in Self.schedule.series.keys.sorted() {
            oneByOne += try engine.occurrences(of: Self.schedule.series[id]!, from: from, to: to)
        }
        oneByOne.sort { ($0.startInstant, $0.id) < ($1.startInstant, $1.id) }
        #expect(together.count == oneByOne.count)
        #expect(together.map(\.id) == oneByOne.map(\.id))
        #expect(together.map(\.startInstant) == oneByOne.map(\.startInstant))
        // And the plan check over them (more than 5,000: its two threads too) runs to the end
        // with one UNCOVERED finding per briefing, nobody being on the roster.
        let findings = PlanChecker(calendar: engine.calendar, rules: []).check(
            together,
            schedule: Self.schedule,
            roster: Roster(),
            window: try PlanWindow(
                from: LocalDate(year: 2026, month: 1, day: 1),
                to: LocalDate(year: 2029, month: 1, day: 1)
            )
        )
        #expect(together.count >= 5_000)
        #expect(findings.filter { $0.rule == "UNCOVERED" }.count == together.count)
    }
}
