internal import CLibical
import Foundation

/// A validated RRULE (RFC 5545 §3.3.10).
///
/// A rule is accepted only if libical 3.0.16 parses it *and* expands it correctly. The rules
/// it would silently get wrong (icalendar.md §3.6) are refused here with the reason, so a
/// schedule can never be mis-expanded:
/// - `BYSETPOS` outside MONTHLY/YEARLY (applied only by the month and year expanders,
///   icalrecur.c:2487, 2753; `WEEKLY;BYDAY=MO,WE;BYSETPOS=1` yields both days);
/// - a negative `BYMONTHDAY`/`BYYEARDAY` used as a limit (`DAILY;BYMONTHDAY=-1` yields
///   nothing before 3.0.19, libical#791);
/// - YEARLY with `BYYEARDAY` plus `BYWEEKNO`, `BYMONTH` or `BYMONTHDAY` (ICAL_UNIMPLEMENTED_ERROR,
///   icalrecur.c:2596-2601);
/// - combinations RFC 5545 §3.3.10 itself forbids (BYWEEKNO outside YEARLY, BYMONTHDAY with
///   WEEKLY, BYYEARDAY with DAILY/WEEKLY/MONTHLY, numbered BYDAY outside MONTHLY/YEARLY,
///   COUNT with UNTIL);
/// - sub-daily frequencies: briefings recur at most daily, and refusing them keeps every
///   expansion bounded by days rather than seconds.
/// - a value repeated in a BY list (libical emits duplicate instances).
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    public enum Frequency: String, Sendable, CaseIterable {
        case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY", yearly = "YEARLY"
    }

    /// The rule as libical re-serialises it (canonical part order).
    public let text: String
    public let frequency: Frequency
    public let count: Int?
    public let until: ICalDateTime?
    public let interval: Int
    /// Every `BY…` part, upper-cased name to its comma-separated values.
    public let parts: [String: [String]]

    public var description: String { text }

    /// Parses and validates. Throws `.invalidRecurrence` naming the rule and the reason.
    public init(_ rule: String) throws(ICalendarError) {
        if let known = Self.accepted.rule(rule) {
            self = known
            return
        }
        let parsed = try Libical.run { _ throws(ICalendarError) in try RecurrenceRule(lockHeld: rule) }
        Self.accepted.keep(parsed, for: rule)
        self = parsed
    }

    /// Rules already accepted, by their text: a plan repeats a handful of rules across
    /// thousands of series, and each parse is a trip through libical under its lock (8 % of
    /// `podium agenda` on 110,000 events). Only accepted rules are kept; the result of a
    /// parse depends on nothing but the text.
    private static let accepted = Accepted()

    /// The cache behind an `NSLock` (a pthread mutex): ThreadSanitizer does not see
    /// `Synchronization.Mutex`'s futex on Linux, so under `make tsan` two threads meeting the
    /// same rule were reported as a race although the mutex ordered them.
    private final class Accepted: @unchecked Sendable {
        private let lock = NSLock()
        private var rules: [String: RecurrenceRule] = [:]
        private let limit = 10_000

        func rule(_ text: String) -> RecurrenceRule? { lock.withLock { rules[text] } }

        func keep(_ rule: RecurrenceRule, for text: String) {
            lock.withLock { if rules.count < limit { rules[text] = rule } }
        }
    }

    /// The same, for callers already inside `Libical.run` (the lock is not re-entrant).
    init(lockHeld rule: String) throws(ICalendarError) {
        let trimmed = rule.hasPrefix("RRULE:") ? String(rule.dropFirst(6)) : rule
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw .invalidRecurrence(rule: rule, reason: "empty or contains non-ASCII/control characters")
        }
        var fields: [String: [String]] = [:]
        for piece in trimmed.split(separator: ";", omittingEmptySubsequences: false) {
            let kv = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
                throw .invalidRecurrence(rule: rule, reason: "\"\(piece)\" is not NAME=VALUE")
            }
            let name = kv[0].uppercased()
            guard fields[name] == nil else {
                throw .invalidRecurrence(rule: rule, reason: "\(name) is given twice")
            }
            let values = kv[1].uppercased().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // libical 3.0.16 emits one instance per listed value, so a repeated value would
            // duplicate instances and use up COUNT twice as fast (icalendar.md §3.6).
            if let repeated = values.first(where: { v in values.filter { $0 == v }.count > 1 }) {
                throw .invalidRecurrence(rule: rule, reason: "\(name) lists \(repeated) twice")
            }
            fields[name] = values
        }
        try self.init(validating: fields, trimmed: trimmed, original: rule)
    }

    /// Podium's own checks run first, so a refused rule gets its specific reason; libical
    /// then parses what is left and gives the canonical text.
    private init(validating f: [String: [String]], trimmed: String, original rule: String) throws(ICalendarError) {
        func refuse(_ reason: String) -> ICalendarError { .invalidRecurrence(rule: rule, reason: reason) }
        guard let freqText = f["FREQ"]?.first else { throw refuse("FREQ is required") }
        guard let frequency = Frequency(rawValue: freqText) else {
            if ["SECONDLY", "MINUTELY", "HOURLY"].contains(freqText) {
                throw refuse("FREQ=\(freqText) is not supported: briefings recur at most daily")
            }
            throw refuse("unknown FREQ \(freqText)")
        }
        let known: Set<String> = [
            "FREQ", "COUNT", "UNTIL", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
            "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
        ]
        if let unknown = f.keys.sorted().first(where: { !known.contains($0) }) {
            throw refuse("\(unknown) is not supported (RFC 7529 RSCALE/SKIP and extensions are refused)")
        }
        if f["COUNT"] != nil && f["UNTIL"] != nil { throw refuse("COUNT and UNTIL must not both appear") }
        func integers(_ name: String) throws(ICalendarError) -> [Int] {
            var out: [Int] = []
            for v in f[name] ?? [] {
                guard let n = Int(v) else { throw refuse("\(name) value \"\(v)\" is not an integer") }
                out.append(n)
            }
            return out
        }
        // Every BY* value within its range, and every BYDAY a weekday with an optional position
        // (RFC 5545 §3.3.10), so a typo is named instead of "libical cannot parse it".
        let ranges: [(String, ClosedRange<Int>, Bool)] = [
            ("BYSECOND", 0...60, false), ("BYMINUTE", 0...59, false), ("BYHOUR", 0...23, false),
            ("BYMONTHDAY", 1...31, true), ("BYYEARDAY", 1...366, true), ("BYWEEKNO", 1...53, true),
            ("BYMONTH", 1...12, false), ("BYSETPOS", 1...366, true),
        ]
        for (name, range, signed) in ranges {
            for n in try integers(name) where !range.contains(signed ? abs(n) : n) {
                let allowed =
                    signed ? "±\(range.lowerBound)…\(range.upperBound)" : "\(range.lowerBound)…\(range.upperBound)"
                throw refuse("\(name) value \(n) is out of range (\(allowed))")
            }
        }
        let weekdays: Set<String> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        for item in f["BYDAY"] ?? [] {
            let day = String(item.suffix(2))
            let position = item.dropLast(2)
            let number =
                position.isEmpty ? 1 : Int(position.hasPrefix("+") ? String(position.dropFirst()) : String(position))
            guard weekdays.contains(day), let number, number != 0, abs(number) <= 53 else {
                throw refuse(
                    "BYDAY value \"\(item)\" is not a weekday (MO TU WE TH FR SA SU), optionally after a position such as 1, -1 or 2: e.g. -1FR is the last Friday"
                )
            }
        }
        if let wkst = f["WKST"]?.first, !weekdays.contains(wkst) {
            throw refuse("WKST value \"\(wkst)\" is not a weekday (MO TU WE TH FR SA SU)")
        }
        let count = try integers("COUNT").first
        if let count, count < 1 { throw refuse("COUNT must be at least 1") }
        let interval = try integers("INTERVAL").first ?? 1
        if interval < 1 { throw refuse("INTERVAL must be at least 1") }
        let monthDays = try integers("BYMONTHDAY")
        let yearDays = try integers("BYYEARDAY")
        let hasSetPos = f["BYSETPOS"] != nil
        if hasSetPos && frequency != .monthly && frequency != .yearly {
            throw refuse("BYSETPOS with FREQ=\(freqText) is mis-expanded by libical 3.0.16 (only MONTHLY/YEARLY)")
        }
        if f["BYWEEKNO"] != nil && frequency != .yearly { throw refuse("BYWEEKNO is only valid with FREQ=YEARLY") }
        if !monthDays.isEmpty && frequency == .weekly { throw refuse("BYMONTHDAY is not valid with FREQ=WEEKLY") }
        if frequency == .daily && monthDays.contains(where: { $0 < 0 }) {
            throw refuse("a negative BYMONTHDAY as a limit (FREQ=DAILY) yields nothing in libical 3.0.16")
        }
        if !yearDays.isEmpty && frequency != .yearly {
            throw refuse("BYYEARDAY is only valid with FREQ=YEARLY here")
        }
        if frequency == .yearly && !yearDays.isEmpty
            && (f["BYWEEKNO"] != nil || f["BYMONTH"] != nil || f["BYMONTHDAY"] != nil)
        {
            throw refuse("YEARLY with BYYEARDAY and BYWEEKNO/BYMONTH/BYMONTHDAY is unimplemented in libical 3.0.16")
        }
        if frequency != .monthly && frequency != .yearly,
            let numbered = f["BYDAY"]?.first(where: { $0.first.map { !$0.isLetter } ?? false })
        {
            throw refuse("numbered BYDAY \(numbered) is only valid with FREQ=MONTHLY or YEARLY")
        }
        if frequency == .yearly, f["BYWEEKNO"] != nil,
            let numbered = f["BYDAY"]?.first(where: { $0.first.map { !$0.isLetter } ?? false })
        {
            throw refuse("numbered BYDAY \(numbered) is not valid with BYWEEKNO")
        }
        var until: ICalDateTime?
        if let u = f["UNTIL"]?.first {
            if u.hasSuffix("Z"), let t = LocalDateTime(iso: u.dropLast()) {
                until = .utc(t)
            } else if let t = LocalDateTime(iso: u) {
                until = .floating(t)
            } else if let d = LocalDate(iso: u) {
                until = .date(d)
            } else {
                throw refuse("UNTIL \(u) is not a DATE or DATE-TIME")
            }
        }
        Libical.clearError()
        var parsed = icalrecurrencetype_from_string(trimmed)
        guard parsed.freq != ICAL_NO_RECURRENCE, podium_icalerrno_get() == ICAL_NO_ERROR else {
            Libical.clearError()
            throw refuse("libical cannot parse it")
        }
        self.text = try Libical.takeString(
            icalrecurrencetype_as_string_r(&parsed),
            function: "icalrecurrencetype_as_string_r"
        )
        self.frequency = frequency
        self.count = count
        self.until = until
        self.interval = interval
        var parts = f
        for k in ["FREQ", "COUNT", "UNTIL", "INTERVAL"] { parts[k] = nil }
        self.parts = parts
    }

    /// Checks the UNTIL form against DTSTART (RFC 5545 §3.3.10): with a zoned or UTC
    /// DTSTART, UNTIL must be UTC; with a DATE DTSTART it must be a DATE.
    public func checkUntil(against start: ICalDateTime) throws(ICalendarError) {
        guard let until else { return }
        switch (start, until) {
        case (.date, .date), (.floating, .floating), (.zoned, .utc), (.utc, .utc): return
        case (.zoned, _), (.utc, _):
            throw .invalidRecurrence(rule: text, reason: "UNTIL must be in UTC (…Z) when DTSTART has a time zone")
        case (.date, _):
            throw .invalidRecurrence(rule: text, reason: "UNTIL must be a DATE when DTSTART is a DATE")
        case (.floating, _):
            throw .invalidRecurrence(rule: text, reason: "UNTIL must be floating when DTSTART is floating")
        }
    }
}

extension RecurrenceRule {
    /// The same rule with another end: a COUNT, an UNTIL (UTC), or neither. Used to end a
    /// series at a split point and to continue it in a new one (RFC 5545 §3.3.10 allows
    /// only one of COUNT and UNTIL).
    public func replacingEnd(count: Int? = nil, untilUTC: LocalDateTime? = nil) throws(ICalendarError) -> RecurrenceRule
    {
        var pieces = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { pieces.append("INTERVAL=\(interval)") }
        for key in parts.keys.sorted() { pieces.append("\(key)=\(parts[key]!.joined(separator: ","))") }
        if let count { pieces.append("COUNT=\(count)") }
        if let untilUTC { pieces.append("UNTIL=\(untilUTC.basicFormat)Z") }
        return try RecurrenceRule(pieces.joined(separator: ";"))
    }
}
