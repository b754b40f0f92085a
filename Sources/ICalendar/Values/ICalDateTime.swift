public import Foundation

/// A DATE or DATE-TIME value in the three forms RFC 5545 §3.3.5 allows, plus DATE (§3.3.4).
///
/// Podium writes `.zoned` with a plain IANA TZID for every timed event and `.utc` for
/// stamps and `UNTIL`; `.floating` is accepted on input only because it exists in the wild.
public enum ICalDateTime: Hashable, Sendable {
    case utc(LocalDateTime)
    case zoned(LocalDateTime, tzid: String)
    case floating(LocalDateTime)
    case date(LocalDate)

    public static func utc(_ instant: Date) -> ICalDateTime { .utc(LocalDateTime(utc: instant)) }

    /// The wall-clock fields, whatever the form (midnight for a DATE).
    public var wallTime: LocalDateTime {
        switch self {
        case .utc(let t), .zoned(let t, _), .floating(let t): return t
        case .date(let d): return LocalDateTime(d, hour: 0, minute: 0)
        }
    }

    public var tzid: String? {
        if case .zoned(_, let tzid) = self { return tzid }
        return nil
    }

    public var isDate: Bool {
        if case .date = self { return true }
        return false
    }

    /// The same form (zone or UTC or date) with other wall-clock fields: EXDATE and
    /// RECURRENCE-ID must match DTSTART's form exactly (RFC 5545 §3.8.5.1, §3.8.4.4).
    public func withWallTime(_ t: LocalDateTime) -> ICalDateTime {
        switch self {
        case .utc: return .utc(t)
        case .zoned(_, let tzid): return .zoned(t, tzid: tzid)
        case .floating: return .floating(t)
        case .date: return .date(t.date)
        }
    }
}
