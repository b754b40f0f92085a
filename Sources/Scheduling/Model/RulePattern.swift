import Foundation
public import ICalendar

/// A regular series' rule as a secretariat says it — "the first Thursday of every third
/// month", "every Tuesday" — and the RRULE (RFC 5545 §3.3.10) it stands for. The workspace's
/// rule builder is made of these fields; the words are what the page shows beside the RRULE.
///
/// Only the shapes a briefing plan uses are patterns: weekly on some weekdays, monthly on an
/// nth (or last) weekday, on a day of the month, or on the last working day (Monday–Friday)
/// of the month, each every N weeks or months, with a count, an end date or no end. Any other
/// valid RRULE is kept as it is and shown as its text (`init?(rule:)` answers nil).
public struct RulePattern: Hashable, Sendable {
    public enum Frequency: String, Hashable, Sendable, CaseIterable {
        case weekly, monthly
    }

    /// Where in the month a monthly rule falls.
    public enum MonthlyDay: Hashable, Sendable {
        /// The nth weekday (1…4, or -1 for the last); weekday 1 = Monday … 7 = Sunday.
        case weekday(ordinal: Int, weekday: Int)
        /// A day of the month (1…28, or -1 for the last day).
        case monthDay(Int)
        /// The last Monday–Friday of the month (`BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1`).
        case lastWorkday
    }

    public enum End: Hashable, Sendable {
        case never
        case count(Int)
        /// The last day an occurrence may fall on, in the series' time zone.
        case until(LocalDate)
    }

    public var frequency: Frequency
    /// Every `interval` weeks or months (1…12).
    public var interval: Int
    /// For weekly rules: the weekdays (1 = Monday … 7 = Sunday).
    public var weekdays: Set<Int>
    /// For monthly rules.
    public var monthly: MonthlyDay?
    public var end: End

    public init(frequency: Frequency, interval: Int = 1, weekdays: Set<Int> = [], monthly: MonthlyDay? = nil, end: End)
    {
        self.frequency = frequency
        self.interval = interval
        self.weekdays = weekdays
        self.monthly = monthly
        self.end = end
    }

    static let codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// What is wrong with the pattern, said for the field it concerns (nil: nothing).
    public var problem: (field: String, message: String)? {
        guard (1...12).contains(interval) else { return ("interval", "every 1 to 12 weeks or months") }
        switch frequency {
        case .weekly:
            if weekdays.isEmpty { return ("weekdays", "choose at least one weekday") }
            if !weekdays.allSatisfy({ (1...7).contains($0) }) { return ("weekdays", "weekdays are 1 (Monday) to 7") }
        case .monthly:
            switch monthly {
            case nil: return ("monthly", "choose which day of the month")
            case .weekday(let ordinal, let weekday):
                if ![1, 2, 3, 4, -1].contains(ordinal) { return ("ordinal", "first to fourth, or last") }
                if !(1...7).contains(weekday) { return ("weekday", "a weekday, Monday to Sunday") }
            case .monthDay(let day):
                // 29–31 are left out: months without them would silently have no briefing.
                if !(1...28).contains(day) && day != -1 {
                    return ("monthDay", "a day from 1 to 28, or the last day (a 30th is missing in February)")
                }
            case .lastWorkday: break
            }
        }
        if case .count(let n) = end, !(1...1000).contains(n) { return ("count", "1 to 1,000 occurrences") }
        return nil
    }

    /// The RRULE. `UNTIL` is the end of the last day in `timeZone`, in UTC, as RFC 5545
    /// §3.3.10 requires when the start has a time zone.
    public func rrule(timeZone: String) throws -> String {
        var parts = ["FREQ=\(frequency == .weekly ? "WEEKLY" : "MONTHLY")"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        switch frequency {
        case .weekly:
            parts.append("BYDAY=" + weekdays.sorted().map { Self.codes[$0 - 1] }.joined(separator: ","))
        case .monthly:
            switch monthly {
            case .weekday(let ordinal, let weekday)?: parts.append("BYDAY=\(ordinal)\(Self.codes[weekday - 1])")
            case .monthDay(let day)?: parts.append("BYMONTHDAY=\(day)")
            case .lastWorkday?: parts.append("BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1")
            case nil: break
            }
        }
        switch end {
        case .never: break
        case .count(let n): parts.append("COUNT=\(n)")
        case .until(let day):
            let next = try TimeZones.instant(of: LocalDateTime(day.adding(days: 1), hour: 0, minute: 0), in: timeZone)
            parts.append("UNTIL=" + LocalDateTime(utc: next.addingTimeInterval(-1)).basicFormat + "Z")
        }
        return parts.joined(separator: ";")
    }

    /// The pattern a rule follows, or nil when it is not one of the builder's shapes.
    public init?(rule: RecurrenceRule, timeZone: String) {
        let p = rule.parts
        let allowed: Set<String> = ["BYDAY", "BYMONTHDAY", "BYSETPOS"]
        guard Set(p.keys).isSubset(of: allowed) else { return nil }
        interval = rule.interval
        weekdays = []
        monthly = nil
        if let n = rule.count {
            end = .count(n)
        } else if let until = rule.until {
            switch until {
            case .date(let d): end = .until(d)
            case .floating(let t): end = .until(t.date)
            case .utc(let t):
                guard let wall = try? TimeZones.wallTime(of: t.asUTCDate, in: timeZone) else { return nil }
                end = .until(wall.date)
            case .zoned(let t, let tzid):
                guard let instant = try? TimeZones.instant(of: t, in: tzid),
                    let wall = try? TimeZones.wallTime(of: instant, in: timeZone)
                else { return nil }
                end = .until(wall.date)
            }
        } else {
            end = .never
        }
        let days = p["BYDAY"] ?? []
        switch rule.frequency {
        case .weekly:
            guard p["BYMONTHDAY"] == nil, p["BYSETPOS"] == nil, !days.isEmpty else { return nil }
            var set: Set<Int> = []
            for d in days {
                guard let i = Self.codes.firstIndex(of: d) else { return nil }
                set.insert(i + 1)
            }
            frequency = .weekly
            weekdays = set
        case .monthly:
            frequency = .monthly
            if p["BYSETPOS"] == ["-1"], p["BYMONTHDAY"] == nil, Set(days) == ["MO", "TU", "WE", "TH", "FR"] {
                monthly = .lastWorkday
            } else if let md = p["BYMONTHDAY"], md.count == 1, days.isEmpty, p["BYSETPOS"] == nil,
                let day = Int(md[0])
            {
                monthly = .monthDay(day)
            } else if days.count == 1, p["BYMONTHDAY"] == nil, p["BYSETPOS"] == nil,
                let i = Self.codes.firstIndex(of: String(days[0].suffix(2))),
                let ordinal = Int(days[0].dropLast(2))
            {
                monthly = .weekday(ordinal: ordinal, weekday: i + 1)
            } else {
                return nil
            }
        default:
            return nil
        }
        if problem != nil { return nil }
        // Only a pattern that writes back exactly this rule: an UNTIL inside a day (a split
        // ends a series just before its first occurrence of the continuation) is not "until
        // the end of that day", and saving it as one would bring that occurrence back.
        guard let text = try? rrule(timeZone: timeZone), let again = try? RecurrenceRule(text), again == rule else {
            return nil
        }
    }

    // MARK: - words

    static let weekdayNames: [Language: [String]] = [
        .vi: ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"],
        .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    ]

    /// A weekday's name (1 = Monday … 7 = Sunday), as the builder's fields say it.
    public static func weekdayName(_ d: Int, _ language: Language) -> String {
        weekdayNames[language == .en ? .en : .vi]![d - 1]
    }

    /// "first" … "fourth", "last" (1…4, -1), as in "the first Thursday".
    public static func ordinalName(_ n: Int, _ language: Language) -> String {
        let vi = [1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", -1: "cuối cùng"]
        let en = [1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"]
        return (language == .en ? en : vi)[n] ?? String(n)
    }

    /// The rule in words, e.g. "Thứ Năm đầu tiên của tháng, 3 tháng một lần, 4 lần" /
    /// "the first Thursday of every third month, 4 times".
    public func words(_ language: Language) -> String {
        let vi = language != .en
        let names = Self.weekdayNames[vi ? .vi : .en]!
        var out: String
        switch frequency {
        case .weekly:
            let list = Self.list(weekdays.sorted().map { names[$0 - 1] }, vi: vi)
            if vi {
                out = interval == 1 ? "\(list) hằng tuần" : "\(list), \(interval) tuần một lần"
            } else {
                out = interval == 1 ? "every \(list)" : "every \(Self.ordinalWord(interval)) week on \(list)"
            }
        case .monthly:
            let day: String
            switch monthly {
            case .weekday(let ordinal, let weekday)?:
                let nth = Self.ordinalName(ordinal, language)
                day = vi ? "\(names[weekday - 1]) \(nth) của tháng" : "the \(nth) \(names[weekday - 1])"
            case .monthDay(let d)?:
                if vi {
                    day = d == -1 ? "ngày cuối tháng" : "ngày \(d) hằng tháng"
                } else {
                    day = d == -1 ? "the last day" : "day \(d)"
                }
            case .lastWorkday?:
                day = vi ? "ngày làm việc cuối cùng của tháng" : "the last working day"
            case nil:
                day = "?"
            }
            if vi {
                out = interval == 1 ? day : "\(day), \(interval) tháng một lần"
            } else {
                out = "\(day) of every " + (interval == 1 ? "month" : "\(Self.ordinalWord(interval)) month")
            }
        }
        switch end {
        case .never: break
        case .count(let n): out += vi ? ", \(n) lần" : ", \(n) \(n == 1 ? "time" : "times")"
        case .until(let d): out += vi ? ", đến hết ngày \(d.vietnamese)" : ", until \(d)"
        }
        return out
    }

    static func list(_ items: [String], vi: Bool) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (vi ? " và " : " and ") + items.last!
    }

    static func ordinalWord(_ n: Int) -> String {
        let words = [2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"]
        return words[n] ?? "\(n)th"
    }
}

extension LocalDate {
    /// DD/MM/YYYY, as Vietnamese documents write a date.
    var vietnamese: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(day))/\(two(month))/\(year)"
    }
}
