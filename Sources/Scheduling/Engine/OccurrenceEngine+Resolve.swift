import Foundation
import ICalendar

/// How an occurrence id given by a person was understood.
public enum OccurrenceMatch: Hashable, Sendable {
    /// The stable id: an ad-hoc id, or the series and the original start its rule produced.
    case original
    /// The series and the start the occurrence was moved to; its stable id differs.
    case movedStart
}

extension OccurrenceEngine {
    /// The occurrence an id names.
    ///
    /// Commands and API routes take `<series>@<YYYYMMDDTHHMMSS>` or an ad-hoc id. The stable
    /// identity is the *original* start (it is the feeds' RECURRENCE-ID, RFC 5545 §3.8.4.4),
    /// but the agenda shows a moved occurrence at its new start, so that start is accepted
    /// too; the match says which one was meant.
    /// - Throws: `.unknownReference` when no series or briefing has that id, and
    ///   `.noSuchOccurrence` when the series has no occurrence at that start.
    public func resolve(_ id: OccurrenceID, in schedule: Schedule) throws(SchedulingError)
        -> (occurrence: Occurrence, match: OccurrenceMatch)
    {
        if let b = schedule.adHoc[AdHocBriefing.ID(id.rawValue)] { return (try occurrence(of: b), .original) }
        guard let at = id.rawValue.lastIndex(of: "@") else {
            throw .unknownReference(item: "occurrence \(id)", kind: "ad-hoc briefing", id: id.rawValue)
        }
        let seriesID = RegularSeries.ID(String(id.rawValue[..<at]))
        guard let series = schedule.series[seriesID] else {
            throw .unknownReference(item: "occurrence \(id)", kind: "series", id: seriesID.rawValue)
        }
        let startText = String(id.rawValue[id.rawValue.index(after: at)...])
        guard let start = LocalDateTime(iso: startText) else {
            throw .noSuchOccurrence(series: seriesID.rawValue, originalStart: startText)
        }
        if let moved = series.exceptions.first(where: { $0.value.newStart == start }) {
            return (try occurrence(of: series, original: moved.key), .movedStart)
        }
        // `occurrence(of:original:)` trusts its caller; check the rule really produces it.
        let produced: Bool
        do {
            let instant = try TimeZones.instant(of: start, in: series.timeZone)
            produced = try !series.recurrenceSet.instances(from: instant, to: instant.addingTimeInterval(1)).isEmpty
        } catch {
            throw SchedulingError.wrap(error, series: seriesID)
        }
        guard produced else { throw .noSuchOccurrence(series: seriesID.rawValue, originalStart: start.description) }
        return (try occurrence(of: series, original: start), .original)
    }
}
