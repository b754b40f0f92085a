internal import CLibical
public import Foundation

/// IANA time zones as libical loads them from the system zoneinfo (Debian's tzdata; the
/// built-in tzdata is off in Debian's build, icalendar.md §3.7).
public enum TimeZones {
    /// Whether libical knows this IANA name.
    public static func isKnown(_ tzid: String) -> Bool {
        (try? Libical.run { state throws(ICalendarError) in _ = try Libical.zone(tzid, in: &state) }) != nil
    }

    /// The instant a wall-clock time denotes in a zone.
    public static func instant(of wall: LocalDateTime, in tzid: String) throws(ICalendarError) -> Date {
        try Libical.run { state throws(ICalendarError) in
            try instant(of: .zoned(wall, tzid: tzid), state: &state)
        }
    }

    /// The wall-clock time of an instant in a zone.
    public static func wallTime(of instant: Date, in tzid: String) throws(ICalendarError) -> LocalDateTime {
        try Libical.run { state throws(ICalendarError) in
            let zone = try Libical.zone(tzid, in: &state)
            return wall(icaltime_from_timet_with_zone(time_t(instant.timeIntervalSince1970.rounded(.down)), 0, zone))
        }
    }

    /// The instant of any DATE-TIME form. A floating time or DATE is read as UTC, which is
    /// only used for ordering; Podium never writes floating times (icalendar.md §1.2).
    public static func instant(of value: ICalDateTime) throws(ICalendarError) -> Date {
        try Libical.run { state throws(ICalendarError) in try instant(of: value, state: &state) }
    }

    // MARK: - lock held

    static func instant(of value: ICalDateTime, state: inout Libical.State) throws(ICalendarError) -> Date {
        switch value {
        case .utc(let t), .floating(let t): return t.asUTCDate
        case .date(let d): return LocalDateTime(d, hour: 0, minute: 0).asUTCDate
        case .zoned(let t, let tzid):
            let day = t.date.daysSinceEpoch
            if let offset = state.dayOffsets[tzid]?[day] {
                return Date(timeIntervalSince1970: TimeInterval(t.secondsSinceEpochAsUTC - Int64(offset)))
            }
            let zone = try Libical.zone(tzid, in: &state)
            let seconds = icaltime_as_timet_with_zone(icalTime(t), zone)
            // Remember the day's offset when the same offset holds at its first and last
            // second (no DST change that day), so later times that day are plain arithmetic.
            let midnight = LocalDateTime(t.date, hour: 0, minute: 0)
            let last = LocalDateTime(t.date, hour: 23, minute: 59, second: 59)
            let a = midnight.secondsSinceEpochAsUTC - Int64(icaltime_as_timet_with_zone(icalTime(midnight), zone))
            let b = last.secondsSinceEpochAsUTC - Int64(icaltime_as_timet_with_zone(icalTime(last), zone))
            if a == b, a == t.secondsSinceEpochAsUTC - Int64(seconds) {
                state.dayOffsets[tzid, default: [:]][day] = Int(a)
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }

    static func icalTime(_ t: LocalDateTime) -> icaltimetype {
        var v = icaltime_null_time()
        v.year = Int32(t.date.year)
        v.month = Int32(t.date.month)
        v.day = Int32(t.date.day)
        v.hour = Int32(t.hour)
        v.minute = Int32(t.minute)
        v.second = Int32(t.second)
        v.is_date = 0
        return v
    }

    static func icalDate(_ d: LocalDate) -> icaltimetype {
        var v = icaltime_null_time()
        v.year = Int32(d.year)
        v.month = Int32(d.month)
        v.day = Int32(d.day)
        v.is_date = 1
        return v
    }

    static func wall(_ v: icaltimetype) -> LocalDateTime {
        LocalDateTime(
            year: Int(v.year),
            month: Int(v.month),
            day: Int(v.day),
            hour: Int(v.hour),
            minute: Int(v.minute),
            second: Int(v.second)
        )
    }
}

extension TimeZones {
    static func isKnownLockHeld(_ tzid: String, state: inout Libical.State) -> Bool {
        (try? Libical.zone(tzid, in: &state)) != nil
    }
}
