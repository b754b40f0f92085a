import Foundation
import ICalendar
import PlanFile
import Scheduling
import TestSupport

/// Builders for engine tests.
enum F {
    static let calendar = WorkingCalendar(years: 2024...2030, decisions: WorkingCalendarTests.decisions)
    static let engine = OccurrenceEngine(calendar: calendar)

    /// The national legal rules, as the product reads them (calendars/rules/vietnam.yaml).
    static let rules: [LegalRule] = {
        let url = RepositoryPaths.calendars.appendingPathComponent("rules/vietnam.yaml")
        return try! PlanReader.readRules(try! RepositoryPaths.read(url), file: url.path)
    }()

    /// Whole days in UTC+7, as `--from/--to` are read.
    static func window(_ from: String, _ to: String) -> PlanWindow {
        try! PlanWindow(from: LocalDate(iso: from)!, to: LocalDate(iso: to)!)
    }

    static func t(_ s: String) -> LocalDateTime { LocalDateTime(iso: s)! }
    static func utc(_ s: String) -> Date { LocalDateTime(iso: s)!.asUTCDate }

    static func series(
        _ id: String = "monthly",
        rule: String,
        start: String,
        minutes: Int = 90,
        policy: HolidayPolicy = .nextWorkingDay
    ) -> RegularSeries {
        RegularSeries(
            id: RegularSeries.ID(id),
            title: BilingualText(vi: "Họp báo \(id)", en: "Briefing \(id)"),
            organizer: "ubnd-phu-yen",
            rule: try! RecurrenceRule(rule),
            start: t(start),
            duration: minutes * 60,
            holidayPolicy: policy
        )
    }

    static func occurrences(_ s: RegularSeries, from: String = "2024-01-01T00:00", to: String = "2031-01-01T00:00")
        throws -> [Occurrence]
    {
        try engine.occurrences(of: s, from: utc(from), to: utc(to))
    }
}
