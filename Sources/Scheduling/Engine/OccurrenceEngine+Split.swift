import Foundation
public import ICalendar

extension OccurrenceEngine {
    /// Splits a series at an occurrence ("this and following").
    ///
    /// The old series ends just before `original` (UNTIL, in UTC, RFC 5545 §3.3.10) and keeps
    /// its earlier exceptions, so nothing before the split changes; a new series with
    /// `newID` starts at `original`, continues the rule (a COUNT is reduced by the occurrences
    /// already held), takes the later exceptions, and the two are linked. Feeds publish the
    /// new series under its own UID rather than with RANGE=THISANDFUTURE, which Google does
    /// not support (icalendar.md §1.4).
    ///
    /// - Returns: the ended series and its continuation, both at `revision`.
    public func split(
        _ series: RegularSeries,
        at original: LocalDateTime,
        newID: RegularSeries.ID,
        revision: Int
    ) throws(SchedulingError) -> (ended: RegularSeries, continuation: RegularSeries) {
        let id = series.id.rawValue
        guard newID != series.id else { throw .invalidSplit(series: id, reason: "the new series needs its own id") }
        guard original > series.start else {
            throw .invalidSplit(series: id, reason: "\(original) is the first occurrence; edit the series instead")
        }
        do {
            guard try isInstance(original, of: series) else {
                throw SchedulingError.noSuchOccurrence(series: id, originalStart: original.description)
            }
            let splitInstant = try TimeZones.instant(of: original, in: series.timeZone)
            let untilUTC = LocalDateTime(utc: splitInstant.addingTimeInterval(-1))
            var ended = series
            var continuation = series
            ended.rule = try series.rule.replacingEnd(untilUTC: untilUTC)
            if let count = series.rule.count {
                let startInstant = try TimeZones.instant(of: series.start, in: series.timeZone)
                let held = try series.recurrenceSet.instances(from: startInstant, to: splitInstant).count
                continuation.rule = try series.rule.replacingEnd(count: count - held)
            }
            ended.exceptions = series.exceptions.filter { $0.key < original }
            continuation.exceptions = series.exceptions.filter { $0.key >= original }
            continuation.id = newID
            continuation.start = original
            continuation.continues = series.id
            continuation.continuedBy = series.continuedBy
            ended.continuedBy = newID
            ended.revision = max(series.revision, revision)
            continuation.revision = revision
            return (ended, continuation)
        } catch let error as SchedulingError {
            throw error
        } catch let error as ICalendarError {
            throw SchedulingError.wrap(error, series: series.id)
        } catch {
            throw .invalidSplit(series: id, reason: "\(error)")
        }
    }
}
