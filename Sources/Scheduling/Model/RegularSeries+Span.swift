import Foundation
public import ICalendar

extension RegularSeries {
    /// The local dates its occurrences can fall on, before holiday shifts (which move one by
    /// days, never by weeks): from the first start, or an earlier date an occurrence was
    /// moved to, to the last instance of a bounded rule, or a later moved date; `last` is nil
    /// for a rule with neither COUNT nor UNTIL (RFC 5545 §3.3.10: it recurs forever). Kept
    /// by the store as columns, so a window reads only the series that can meet it.
    public func span() throws(SchedulingError) -> (first: LocalDate, last: LocalDate?) {
        let moved = exceptions.values.compactMap(\.newStart).map(\.date)
        let first = ([start.date] + moved).min()!
        guard rule.count != nil || rule.until != nil else { return (first, nil) }
        do {
            // Bounded rules are expanded whole by validation too (at most the engine's bound,
            // over at most 60 years), so this always ends.
            let from = try TimeZones.instant(of: start, in: timeZone)
            let instances = try recurrenceSet.instances(
                from: from,
                to: from.addingTimeInterval(60 * 366 * 86_400),
                limit: OccurrenceEngine.maximumOccurrences
            )
            let last = instances.last.map(\.start.wallTime.date) ?? start.date
            return (first, ([last] + moved).max()!)
        } catch {
            throw SchedulingError.wrap(error, series: id)
        }
    }
}
