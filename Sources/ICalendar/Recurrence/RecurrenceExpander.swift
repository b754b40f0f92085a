internal import CLibical
public import Foundation

/// One instance of a recurrence set.
public struct RecurrenceInstance: Hashable, Sendable {
    /// The instance start in DTSTART's form (zone, UTC or DATE): what RECURRENCE-ID and
    /// EXDATE must match (RFC 5545 §3.8.4.4).
    public var start: ICalDateTime
    /// The instant it begins.
    public var instant: Date
}

/// A recurrence set: DTSTART, an optional RRULE, RDATEs and EXDATEs (RFC 5545 §3.8.5).
public struct RecurrenceSet: Hashable, Sendable {
    public var start: ICalDateTime
    public var rule: RecurrenceRule?
    public var recurrenceDates: [ICalDateTime]
    public var exceptionDates: [ICalDateTime]

    public init(
        start: ICalDateTime,
        rule: RecurrenceRule? = nil,
        recurrenceDates: [ICalDateTime] = [],
        exceptionDates: [ICalDateTime] = []
    ) {
        self.start = start
        self.rule = rule
        self.recurrenceDates = recurrenceDates
        self.exceptionDates = exceptionDates
    }

    /// The default bound on instances returned by one expansion.
    public static let defaultLimit = 100_000

    /// Instances starting in `[from, to)`, sorted, without duplicates, EXDATEs removed and
    /// RDATEs added.
    ///
    /// Bounded on every path: libical's iterator stops at UNTIL, COUNT or its year limit
    /// (2582, icalrecur.c:168-172); it is also stopped a day past `to` (its wall times read
    /// as UTC: no offset reaches a day), and the instances stop at the first one at or past
    /// `to`; `.tooManyOccurrences` is thrown past `limit` instances or `limit` × 40 steps.
    /// Sub-daily frequencies are refused by `RecurrenceRule` (BYHOUR can still give a few
    /// instances a day). libical's iterator does not
    /// apply EXDATE/RDATE (icalendar.md §3.6); this does, comparing instants, so an EXDATE
    /// in another form still removes the instance it denotes.
    ///
    /// An unsynchronised DTSTART (one the rule does not produce) is *not* an instance:
    /// libical skips it (icalrecur.c:2944-2950) and so does Podium, which never writes one.
    public func instances(from: Date, to: Date, limit: Int = defaultLimit) throws(ICalendarError)
        -> [RecurrenceInstance]
    {
        guard from < to else { return [] }
        if let rule { try rule.checkUntil(against: start) }
        // Under the lock: the EXDATEs' instants, then DTSTART's zone (loading a built-in zone
        // is not thread-safe) — in that order, so the first error is the one it always was.
        let (excluded, zone) = try Libical.run { state throws(ICalendarError) in
            let excluded = Set(
                try exceptionDates.map { v throws(ICalendarError) in try TimeZones.instant(of: v, state: &state) }
            )
            return (excluded, try Self.zone(of: start, state: &state))
        }
        // Outside it: the rule's wall times. An iterator works in its own memory and on the
        // zone loaded above, whose change cache libical guards itself (icalendar.md §3.8),
        // so two threads may expand at once.
        let produced = try rule.map { rule throws(ICalendarError) in
            try wallTimes(of: rule, zone: zone, from: from, through: to, limit: limit)
        }
        // Under the lock again: instants (the day-offset cache is shared).
        return try Libical.run { state throws(ICalendarError) in
            var found: [Date: RecurrenceInstance] = [:]
            func consider(_ value: ICalDateTime, at instant: Date) throws(ICalendarError) {
                guard instant >= from, instant < to, !excluded.contains(instant) else { return }
                found[instant] = RecurrenceInstance(start: value, instant: instant)
                if found.count > limit { throw .tooManyOccurrences(limit: limit) }
            }
            func consider(_ value: ICalDateTime) throws(ICalendarError) {
                try consider(value, at: try TimeZones.instant(of: value, state: &state))
            }
            for wall in produced ?? [] {
                let value = start.withWallTime(wall)
                let instant = try TimeZones.instant(of: value, state: &state)
                if instant >= to { break }  // the rule's instances end at the first past the window
                try consider(value, at: instant)
            }
            // Without a rule the set is DTSTART and the RDATEs (RFC 5545 §3.8.5): a single
            // event is its own one instance.
            if rule == nil { try consider(start) }
            for value in recurrenceDates { try consider(value) }
            return found.values.sorted { $0.instant < $1.instant }
        }
    }

    /// The libical zone DTSTART's wall times are in (nil for floating times and dates).
    private static func zone(of start: ICalDateTime, state: inout Libical.State) throws(ICalendarError)
        -> OpaquePointer?
    {
        switch start {
        case .utc: return Libical.utc(in: &state)
        case .zoned(_, let tzid): return try Libical.zone(tzid, in: &state)
        case .floating, .date: return nil
        }
    }

    /// The wall times the rule produces that may fall in `[from, to)` in any zone (no UTC
    /// offset exceeds a day), in order — the caller converts and drops what lies outside. The
    /// steps before the window are walked but not kept, so memory follows the window.
    private func wallTimes(
        of rule: RecurrenceRule,
        zone: OpaquePointer?,
        from: Date,
        through to: Date,
        limit: Int
    ) throws(ICalendarError) -> [LocalDateTime] {
        var dtstart: icaltimetype
        switch start {
        case .date(let d): dtstart = TimeZones.icalDate(d)
        default: dtstart = TimeZones.icalTime(start.wallTime)
        }
        dtstart.zone = zone
        Libical.clearError()
        let recur = icalrecurrencetype_from_string(rule.text)
        guard let iterator = icalrecur_iterator_new(recur, dtstart) else {
            Libical.clearError()
            throw .invalidRecurrence(
                rule: rule.text,
                reason: "it produces no date from DTSTART \(start.wallTime) (e.g. a BYMONTHDAY no month has)"
            )
        }
        defer { icalrecur_iterator_free(iterator) }
        let (begin, stop) = (
            Int64(from.timeIntervalSince1970.rounded(.down)) - 86_400,
            Int64(to.timeIntervalSince1970.rounded(.up)) + 86_400
        )
        var walls: [LocalDateTime] = []
        var steps = 0
        while true {
            let t = icalrecur_iterator_next(iterator)
            if icaltime_is_null_time(t) != 0 { break }
            let wall = TimeZones.wall(t)
            let seconds = wall.secondsSinceEpochAsUTC
            if seconds >= stop { break }
            if seconds >= begin { walls.append(wall) }
            steps += 1
            if steps > limit * 40 { throw .tooManyOccurrences(limit: limit) }
        }
        return walls
    }
}
