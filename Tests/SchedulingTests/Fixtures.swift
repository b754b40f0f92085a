import Foundation
import ICalendar
import Scheduling

/// Builders for engine tests.
enum F {
    static let calendar = WorkingCalendar(years: 2024...2030, decisions: WorkingCalendarTests.decisions)
    static let engine = OccurrenceEngine(calendar: calendar)

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
