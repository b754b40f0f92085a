public import ICalendar

/// A date in the Vietnamese (or Chinese) lunisolar calendar.
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    /// The lunar year, named by the Gregorian year in which most of it falls.
    public var year: Int
    public var month: Int
    public var day: Int
    /// True for the intercalary (nhuận) month that repeats `month`'s number.
    public var isLeapMonth: Bool

    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    public var description: String { "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year) ÂL" }
}

/// The lunisolar calendar computed for a time zone, from the astronomy (see `Astronomy`).
///
/// The rules are the standard ones of the Chinese-derived calendar Vietnam uses
/// (domain.md §6): a day runs from local midnight to midnight; a month begins on the local
/// day of a new moon; month 11 is the month containing the December solstice (the Sun at
/// 270°); when 13 months lie between two months 11, the first of them (after month 11)
/// that contains no major solar term — no multiple of 30° of solar longitude — is the leap
/// month and repeats the number of the month before it.
///
/// Vietnam computes all of this for UTC+7 (since 1967 in the North, 1975 nationwide);
/// China uses UTC+8. The zone alone decides which local day a new moon or term falls on,
/// which is why Tết sometimes differs by a day, and once (1985) by a month.
public struct LunarCalendar: Sendable {
    /// The zone offset in hours east of UTC: 7 for Vietnam, 8 for China.
    public let utcOffsetHours: Double

    public static let vietnam = LunarCalendar(utcOffsetHours: 7)
    public static let china = LunarCalendar(utcOffsetHours: 8)

    public init(utcOffsetHours: Double) { self.utcOffsetHours = utcOffsetHours }

    /// The Julian Day Number of a Gregorian date (JDN 2440588 is 1970-01-01).
    static func jdn(_ d: LocalDate) -> Int { d.daysSinceEpoch + 2_440_588 }
    static func date(jdn: Int) -> LocalDate { LocalDate(daysSinceEpoch: jdn - 2_440_588) }

    /// The local day (JDN) on which new moon `k` falls.
    func newMoonDay(_ k: Int) -> Int {
        Int((Astronomy.newMoonUT(k) + 0.5 + utcOffsetHours / 24).rounded(.down))
    }

    /// The Sun's longitude at the local midnight that starts day `jdn`.
    func sunLongitude(atStartOf jdn: Int) -> Double {
        Astronomy.sunLongitude(jdUT: Double(jdn) - 0.5 - utcOffsetHours / 24)
    }

    /// The lunation whose month contains day `jdn`.
    func lunation(containing jdn: Int) -> Int {
        var k = Int(((Double(jdn) - 2_451_550.1) / Astronomy.synodicMonth).rounded(.down))
        while newMoonDay(k + 1) <= jdn { k += 1 }
        while newMoonDay(k) > jdn { k -= 1 }
        return k
    }

    /// The lunation that is month 11 of the lunar year: the month containing the December
    /// solstice of Gregorian `year`, i.e. the month during which the Sun reaches 270°.
    func month11(ofGregorianYear year: Int) -> Int {
        var k = lunation(containing: LunarCalendar.jdn(LocalDate(year: year, month: 12, day: 31)))
        // The solstice (about 21 Dec) is in this month or the one before it.
        while sunLongitude(atStartOf: newMoonDay(k)) >= 270 || sunLongitude(atStartOf: newMoonDay(k)) < 180 {
            k -= 1
        }
        return k
    }

    /// Whether the month starting at lunation `k` contains a major solar term.
    func containsMajorTerm(_ k: Int) -> Bool {
        let a = sunLongitude(atStartOf: newMoonDay(k))
        let b = sunLongitude(atStartOf: newMoonDay(k + 1))
        return Int(a / 30) != Int(b / 30)
    }

    /// The months from month 11 of Gregorian `year - 1` up to (not including) month 11 of
    /// `year`, and the offset of the leap month among them, if the span has 13 months.
    func segment(endingIn year: Int) -> (start: Int, leapOffset: Int?) {
        let start = month11(ofGregorianYear: year - 1)
        let end = month11(ofGregorianYear: year)
        guard end - start == 13 else { return (start, nil) }
        for offset in 1..<13 where !containsMajorTerm(start + offset) { return (start, offset) }
        return (start, nil)
    }

    /// The lunar date of a Gregorian date.
    public func lunarDate(of date: LocalDate) -> LunarDate {
        let day = LunarCalendar.jdn(date)
        let k = lunation(containing: day)
        let segmentYear = day >= newMoonDay(month11(ofGregorianYear: date.year)) ? date.year + 1 : date.year
        let (start, leap) = segment(endingIn: segmentYear)
        var offset = k - start
        var isLeap = false
        if let leap {
            if offset == leap { isLeap = true }
            if offset >= leap { offset -= 1 }
        }
        let month = (offset + 10) % 12 + 1
        let year = offset < 2 ? segmentYear - 1 : segmentYear
        return LunarDate(year: year, month: month, day: day - newMoonDay(k) + 1, isLeapMonth: isLeap)
    }

    /// The Gregorian date of a lunar date, or nil if it does not exist (a day 30 in a
    /// 29-day month, a leap month the year does not have).
    public func gregorianDate(of lunar: LunarDate) -> LocalDate? {
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day) else { return nil }
        let segmentYear = lunar.month >= 11 ? lunar.year + 1 : lunar.year
        let (start, leap) = segment(endingIn: segmentYear)
        var offset = lunar.month >= 11 ? lunar.month - 11 : lunar.month + 1
        if lunar.isLeapMonth {
            guard let leap, leap == offset + 1 else { return nil }
            offset = leap
        } else if let leap, offset >= leap {
            offset += 1
        }
        let first = newMoonDay(start + offset)
        let day = first + lunar.day - 1
        guard day < newMoonDay(start + offset + 1) else { return nil }
        return LunarCalendar.date(jdn: day)
    }

    /// The first day of the lunar year (Tết Nguyên Đán).
    public func newYear(_ year: Int) -> LocalDate { gregorianDate(of: LunarDate(year: year, month: 1, day: 1))! }

    /// The leap month of a lunar year, if any.
    public func leapMonth(ofLunarYear year: Int) -> Int? {
        // Months 1…10 of `year` lie in segment(year); months 11–12 in segment(year + 1).
        for segmentYear in [year, year + 1] {
            let (_, leap) = segment(endingIn: segmentYear)
            guard let leap else { continue }
            let number = (leap - 1 + 10) % 12 + 1
            if segmentYear == year && leap >= 3 { return number }
            if segmentYear == year + 1 && leap <= 2 { return number }
        }
        return nil
    }
}
