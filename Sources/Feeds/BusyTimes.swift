public import Foundation
public import ICalendar
public import Scheduling

/// An event of a person's own calendar that cannot be read as busy time.
public struct BusyTimesError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Turns an .ics into busy intervals: opaque, non-cancelled VEVENTs and VFREEBUSY periods;
/// the rest is reported as skipped, one line per item.
///
/// A recurring event is expanded over the window with its overrides applied (RFC 5545
/// §3.8.4.4): an override with the same UID and a RECURRENCE-ID replaces the instance it
/// names, so a moved meeting frees its original slot and occupies its new one, and a
/// cancelled override frees it altogether.
public enum BusyTimes {
    public static func from(_ c: ICalCalendar, from: Date, to: Date) throws(BusyTimesError) -> (
        [Unavailability], [String]
    ) {
        var out: [Unavailability] = []
        var report = c.skipped.map(\.description)
        for b in c.busyPeriods {
            out.append(Unavailability(start: b.start.asUTCDate, end: b.end.asUTCDate, kind: .busy))
        }
        let overrides = Dictionary(grouping: c.events.filter { $0.recurrenceID != nil }, by: \.uid)
        for e in c.events {
            do {
                if let recurrenceID = e.recurrenceID {
                    // An override stands for itself; its master is told to skip the original.
                    guard c.events.contains(where: { $0.uid == e.uid && $0.recurrenceID == nil }) else {
                        report.append(
                            "\(e.uid): an override (RECURRENCE-ID \(recurrenceID.wallTime)) without its series"
                        )
                        continue
                    }
                }
                if e.transparency == .transparent || e.status == .cancelled {
                    let what = e.transparency == .transparent ? "transparent (free time)" : "cancelled"
                    report.append("\(e.summary ?? e.uid): skipped, \(what)")
                    continue
                }
                let replaced =
                    e.recurrenceID == nil
                    ? try Set((overrides[e.uid] ?? []).compactMap(\.recurrenceID).map { try TimeZones.instant(of: $0) })
                    : []
                let set = RecurrenceSet(
                    start: e.start,
                    rule: e.recurrenceID == nil ? e.recurrenceRule : nil,
                    recurrenceDates: e.recurrenceID == nil ? e.recurrenceDates : [],
                    exceptionDates: e.recurrenceID == nil ? e.exceptionDates : []
                )
                let length = try duration(of: e)
                for i in try set.instances(from: from, to: to) where !replaced.contains(i.instant) {
                    out.append(
                        Unavailability(
                            start: i.instant,
                            end: i.instant.addingTimeInterval(max(length, 60)),
                            kind: .busy,
                            reason: e.summary
                        )
                    )
                }
            } catch {
                throw BusyTimesError(message: "\(e.uid): \(error)")
            }
        }
        return (out, report)
    }

    /// DTEND − DTSTART, else DURATION, else a day for an all-day event (RFC 5545 §3.6.1).
    static func duration(of e: ICalEvent) throws -> TimeInterval {
        if let end = e.end {
            return try TimeZones.instant(of: end).timeIntervalSince(try TimeZones.instant(of: e.start))
        }
        return TimeInterval(e.duration ?? (e.start.isDate ? 86_400 : 0))
    }
}
