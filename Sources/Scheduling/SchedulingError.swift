import ICalendar

/// Everything the engine refuses, each naming the series or briefing and what was wrong.
public enum SchedulingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The RRULE cannot be honoured (invalid, or one libical 3.0.16 would mis-expand).
    case invalidRule(series: String, reason: String)
    /// A duration of zero or less: the end would not be after the start.
    case endBeforeStart(item: String)
    case unknownTimeZone(item: String, tzid: String)
    /// The start is not a real local time.
    case invalidTime(item: String, time: String)
    /// DTSTART must be an occurrence of the rule (RFC 5545 §3.8.5.3).
    case startNotInRule(series: String, start: String)
    /// An exception names an original start the rule never produces.
    case noSuchOccurrence(series: String, originalStart: String)
    /// A move would land exactly on another occurrence of the same series.
    case moveOntoOccurrence(series: String, originalStart: String, target: String)
    /// A split point must be an occurrence after the first.
    case invalidSplit(series: String, reason: String)
    case unknownReference(item: String, kind: String, id: String)
    /// The expansion would be larger than the engine's bound.
    case tooManyOccurrences(item: String, limit: Int)

    public var description: String {
        switch self {
        case .invalidRule(let s, let reason): return "series \(s): RRULE cannot be used: \(reason)"
        case .endBeforeStart(let item): return "\(item): the end must be after the start (duration > 0)"
        case .unknownTimeZone(let item, let tzid): return "\(item): unknown time zone \"\(tzid)\""
        case .invalidTime(let item, let time): return "\(item): \(time) is not a real date and time"
        case .startNotInRule(let s, let start):
            return "series \(s): the start \(start) is not an occurrence of its RRULE"
        case .noSuchOccurrence(let s, let o): return "series \(s): no occurrence starts at \(o)"
        case .moveOntoOccurrence(let s, let o, let t):
            return "series \(s): moving \(o) to \(t) would land on another occurrence of the series"
        case .invalidSplit(let s, let reason): return "series \(s): cannot split: \(reason)"
        case .unknownReference(let item, let kind, let id): return "\(item): unknown \(kind) \"\(id)\""
        case .tooManyOccurrences(let item, let limit):
            return
                "\(item): more than \(limit) occurrences, more than a feed can publish; end the rule sooner (UNTIL) or give a COUNT"
        }
    }

    static func wrap(_ e: ICalendarError, series: RegularSeries.ID) -> SchedulingError {
        switch e {
        case .invalidRecurrence(_, let reason): return .invalidRule(series: series.rawValue, reason: reason)
        case .unknownTimeZone(let tzid): return .unknownTimeZone(item: "series \(series)", tzid: tzid)
        case .tooManyOccurrences(let limit): return .tooManyOccurrences(item: "series \(series)", limit: limit)
        default: return .invalidRule(series: series.rawValue, reason: e.description)
        }
    }
}
