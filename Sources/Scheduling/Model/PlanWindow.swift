public import Foundation
public import ICalendar

/// A window of whole days in the plan's time zone: `from` (first day) up to `to` (the day
/// after the last), and the instants they begin at.
///
/// Every window — `--from/--to`, the API, the pages — is read as dates in the plan's zone,
/// not in UTC, so "2024-01-01 to 2025-01-01" examines December whole (the one home of the
/// window helpers; the checks' months and quarters come from here).
public struct PlanWindow: Hashable, Sendable, CustomStringConvertible {
    public let from: LocalDate
    public let to: LocalDate
    public let timeZone: String
    public let start: Date
    public let end: Date

    public init(from: LocalDate, to: LocalDate, timeZone: String = RegularSeries.defaultTimeZone)
        throws(SchedulingError)
    {
        guard from < to else {
            throw .invalidTime(item: "window", time: "\(from)…\(to): the end must be after the start")
        }
        self.from = from
        self.to = to
        self.timeZone = timeZone
        do {
            start = try TimeZones.instant(of: LocalDateTime(from, hour: 0, minute: 0), in: timeZone)
            end = try TimeZones.instant(of: LocalDateTime(to, hour: 0, minute: 0), in: timeZone)
        } catch {
            throw .unknownTimeZone(item: "window", tzid: timeZone)
        }
    }

    /// The days covering two instants: from the local date of `start` to the local date
    /// after the one `end` falls in (an `end` at local midnight ends the day before).
    public init(covering start: Date, _ end: Date, timeZone: String = RegularSeries.defaultTimeZone)
        throws(SchedulingError)
    {
        do {
            let a = try TimeZones.wallTime(of: start, in: timeZone)
            let b = try TimeZones.wallTime(of: end, in: timeZone)
            let last = b.hour == 0 && b.minute == 0 && b.second == 0 ? b.date : b.date.adding(days: 1)
            try self.init(from: a.date, to: max(last, a.date.adding(days: 1)), timeZone: timeZone)
        } catch let e as SchedulingError {
            throw e
        } catch {
            throw .unknownTimeZone(item: "window", tzid: timeZone)
        }
    }

    public var description: String { "\(from)…\(to) (\(timeZone))" }

    /// The periods of `months` months, aligned on January (months: 1 → calendar months,
    /// 3 → quarters), that lie wholly inside `from..<to` — each exactly once.
    public static func periods(months: Int, from: LocalDate, to: LocalDate) -> [(start: LocalDate, end: LocalDate)] {
        guard months >= 1, from < to else { return [] }
        let step = min(months, 12)
        // The first period boundary on or after `from`.
        var index = (from.year * 12 + (from.month - 1) + step - 1) / step * step
        if Self.first(ofMonthIndex: index) < from { index += step }
        var out: [(LocalDate, LocalDate)] = []
        while true {
            let a = first(ofMonthIndex: index)
            let b = first(ofMonthIndex: index + step)
            guard b <= to else { break }
            if a >= from { out.append((a, b)) }
            index += step
        }
        return out
    }

    /// The periods of this window.
    public func periods(months: Int) -> [(start: LocalDate, end: LocalDate)] {
        Self.periods(months: months, from: from, to: to)
    }

    static func first(ofMonthIndex i: Int) -> LocalDate {
        LocalDate(year: i / 12, month: i % 12 + 1, day: 1)
    }
}
