public import Foundation

/// A calendar date with no time and no zone (RFC 5545 §3.3.4 DATE).
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    ///
    /// The civil-from-days / days-from-civil arithmetic works in 400-year eras
    /// (146,097 days each) with March as the first month, so leap days fall at the end.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// Whether the fields name a real day (so `2024-02-30` is refused, not rolled over).
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= LocalDate.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let d = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
        return (d < 0 ? d + 7 : d) + 1
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD` (ISO 8601).
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        append(to: &bytes, separator: UInt8(ascii: "-"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYYMMDD` (RFC 5545 §3.3.4).
    public var basicFormat: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8)
        append(to: &bytes, separator: nil)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The date's digits, with `separator` between its fields (none in the basic format).
    func append(to bytes: inout [UInt8], separator: UInt8?) {
        Digits.append(year, width: 4, to: &bytes)
        if let separator { bytes.append(separator) }
        Digits.append(month, width: 2, to: &bytes)
        if let separator { bytes.append(separator) }
        Digits.append(day, width: 2, to: &bytes)
    }

    /// Parses `YYYY-MM-DD` or `YYYYMMDD`; nil when the text is not a real date.
    public init?(iso text: some StringProtocol) {
        guard let date = ISODigits.date(Array(text.utf8)[...]) else { return nil }
        self = date
    }
}

/// A wall-clock date and time with no zone attached (RFC 5545 §3.3.5 "form #1" before a
/// TZID or `Z` gives it meaning).
public struct LocalDateTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var date: LocalDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(_ date: LocalDate, hour: Int, minute: Int, second: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0) {
        self.init(LocalDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second)
    }

    public var isValid: Bool {
        date.isValid && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
    }

    /// Seconds since the epoch if this wall time were UTC.
    public var secondsSinceEpochAsUTC: Int64 {
        Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public init(secondsSinceEpochAsUTC s: Int64) {
        let days = Int((s >= 0 ? s : s - 86_399) / 86_400)
        let rest = Int(s - Int64(days) * 86_400)
        self.init(LocalDate(daysSinceEpoch: days), hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    /// The UTC wall time of an instant.
    public init(utc instant: Date) {
        self.init(secondsSinceEpochAsUTC: Int64(instant.timeIntervalSince1970.rounded(.down)))
    }

    /// This wall time read as UTC.
    public var asUTCDate: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpochAsUTC)) }

    public func adding(seconds: Int) -> LocalDateTime {
        LocalDateTime(secondsSinceEpochAsUTC: secondsSinceEpochAsUTC + Int64(seconds))
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        a.secondsSinceEpochAsUTC < b.secondsSinceEpochAsUTC
    }

    /// `YYYY-MM-DDTHH:MM:SS` (ISO 8601, no offset).
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        date.append(to: &bytes, separator: UInt8(ascii: "-"))
        bytes.append(UInt8(ascii: "T"))
        Digits.append(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Digits.append(minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Digits.append(second, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `HH:MM`, the time of day as pages show it.
    public var hourMinute: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(5)
        Digits.append(hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        Digits.append(minute, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYYMMDDTHHMMSS` (RFC 5545 §3.3.5).
    public var basicFormat: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(15)
        date.append(to: &bytes, separator: nil)
        bytes.append(UInt8(ascii: "T"))
        Digits.append(hour, width: 2, to: &bytes)
        Digits.append(minute, width: 2, to: &bytes)
        Digits.append(second, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS]` or `YYYYMMDDTHHMMSS`; nil when not a real time.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let t = bytes.firstIndex(of: UInt8(ascii: "T")), let date = ISODigits.date(bytes[..<t]) else {
            return nil
        }
        let time = bytes[(t + 1)...]
        let fields: [ArraySlice<UInt8>]
        if time.contains(UInt8(ascii: ":")) {
            fields = time.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        } else if time.count == 6 {
            let s = time.startIndex
            fields = [time[s..<s + 2], time[s + 2..<s + 4], time[s + 4..<s + 6]]
        } else {
            return nil
        }
        guard (2...3).contains(fields.count) else { return nil }
        var values: [Int] = []
        for field in fields {
            guard field.count == 2, let v = ISODigits.number(field) else { return nil }
            values.append(v)
        }
        self.init(date, hour: values[0], minute: values[1], second: values.count == 3 ? values[2] : 0)
        guard isValid else { return nil }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// ISO 8601 dates and times read straight from UTF-8 bytes: the store reads one for every
/// series start, exception and ad-hoc briefing on every command, and going through
/// `Character`s and `String` slices cost an eighth of `podium agenda` (issue 17's profile).
enum ISODigits {
    /// `YYYY-MM-DD` or `YYYYMMDD`, a real calendar date.
    static func date(_ b: ArraySlice<UInt8>) -> LocalDate? {
        let s = b.startIndex
        let dash = UInt8(ascii: "-")
        let (y, m, d): (Int?, Int?, Int?)
        if b.count == 8 {
            (y, m, d) = (number(b[s..<s + 4]), number(b[s + 4..<s + 6]), number(b[s + 6..<s + 8]))
        } else if b.count == 10, b[s + 4] == dash, b[s + 7] == dash {
            (y, m, d) = (number(b[s..<s + 4]), number(b[s + 5..<s + 7]), number(b[s + 8..<s + 10]))
        } else {
            return nil
        }
        guard let y, let m, let d else { return nil }
        let date = LocalDate(year: y, month: m, day: d)
        return date.isValid ? date : nil
    }

    /// The value of ASCII decimal digits, or nil if any byte is not one.
    static func number(_ b: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for c in b {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(c - UInt8(ascii: "0"))
        }
        return value
    }
}

/// Zero-padded decimal digits, written straight into bytes: dates and times are formatted
/// for every occurrence id (`<series>@YYYYMMDDTHHMMSS`) and every feed line, and
/// `String(format:)` goes through Foundation's locale-aware formatter each time (13 % of the
/// month view's server time, measured with perf; BENCHMARKS.md).
enum Digits {
    /// Appends `value` in decimal, zero-padded to `width`, without a buffer of its own: every
    /// occurrence id and every date in a finding is formatted here (a national plan's
    /// 150,000 ids made this an allocation hot spot).
    static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var v = value
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            v = -v
        }
        var count = 1
        var rest = v / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        if count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - count)) }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var i = start + count - 1
        while v > 0 {
            bytes[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            i -= 1
        }
    }
}
