public import ICalendar

/// Which days are working days for a state agency: Monday–Friday (Decision 188/1999/QĐ-TTg)
/// minus statutory holidays, compensatory days, the year's decisions and imported holidays,
/// plus weekend days worked by a swap.
///
/// Built for a range of years and then only read, so lookups during expansion are a hash
/// probe. `revision` identifies the holiday data: when it changes, occurrences moved by a
/// holiday policy may move, and their revision must grow with it.
public struct WorkingCalendar: Sendable {
    public let years: ClosedRange<Int>
    public let weekend: Set<Int>
    public let revision: Int
    private let daysOff: [LocalDate: Holiday]
    private let workedWeekendDays: Set<LocalDate>

    /// - Parameters:
    ///   - years: the years to precompute; queries outside them fall back to weekends only.
    ///   - decisions: the yearly decisions (Tết block, swaps).
    ///   - pending: announced holidays, off only once `effectiveFrom` is set and reached.
    ///   - imported: further days off (e.g. from an .ics holiday calendar).
    ///   - weekend: ISO weekdays off (6 = Saturday, 7 = Sunday).
    public init(
        years: ClosedRange<Int>,
        decisions: [HolidayDecision] = [],
        pending: [PendingHoliday] = [.cultureDay],
        imported: [Holiday] = [],
        weekend: Set<Int> = [6, 7],
        lunar: LunarCalendar = .vietnam,
        revision: Int = 1
    ) {
        self.years = years
        self.weekend = weekend
        self.revision = revision
        var off: [LocalDate: Holiday] = [:]
        var worked: Set<LocalDate> = []
        let byYear = Dictionary(decisions.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
        for year in years.lowerBound - 1...years.upperBound {
            let decision = byYear[year]
            var statutory = StatutoryHolidays.days(in: year, lunar: lunar, decision: decision)
            for p in pending {
                let date = LocalDate(year: year, month: p.month, day: p.day)
                if let from = p.effectiveFrom, from <= date {
                    statutory.append(Holiday(date: date, name: p.name, kind: .statutory, legalBasis: p.legalBasis))
                }
            }
            for h in statutory where off[h.date] == nil { off[h.date] = h }
            // Art. 111(3): a holiday on a weekly rest day gives the next working day off.
            for h in statutory where weekend.contains(h.date.isoWeekday) {
                var d = h.date.adding(days: 1)
                while weekend.contains(d.isoWeekday) || off[d] != nil { d = d.adding(days: 1) }
                off[d] = Holiday(
                    date: d,
                    name: BilingualText(
                        vi: "Nghỉ bù \(h.name.vi)",
                        en: "Compensatory day for \(h.name.en ?? h.name.vi)"
                    ),
                    kind: .compensatory,
                    legalBasis: "Labor Code 2019 Art. 111(3)"
                )
            }
            if let decision {
                for h in decision.extraDaysOff where off[h.date] == nil { off[h.date] = h }
                for d in decision.workdays {
                    worked.insert(d)
                    off[d] = nil
                }
            }
        }
        for h in imported where off[h.date] == nil { off[h.date] = h }
        self.daysOff = off
        self.workedWeekendDays = worked
    }

    /// The day off on a date (holiday, compensatory, decision or imported), if any.
    public func holiday(on date: LocalDate) -> Holiday? { daysOff[date] }

    /// Every day off in a year, in date order (weekends not included).
    public func holidays(in year: Int) -> [Holiday] {
        daysOff.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }

    public func isWeekend(_ date: LocalDate) -> Bool {
        weekend.contains(date.isoWeekday) && !workedWeekendDays.contains(date)
    }

    public func isWorkingDay(_ date: LocalDate) -> Bool { !isWeekend(date) && daysOff[date] == nil }

    /// The first working day on or after `date`.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        var d = date
        while !isWorkingDay(d) { d = d.adding(days: 1) }
        return d
    }

    /// The last working day on or before `date`.
    public func workingDay(onOrBefore date: LocalDate) -> LocalDate {
        var d = date
        while !isWorkingDay(d) { d = d.adding(days: -1) }
        return d
    }

    /// Why a day is not a working day, in words, or nil for a working day.
    public func reasonOff(_ date: LocalDate) -> String? {
        if let h = daysOff[date] { return h.name.vi }
        if isWeekend(date) { return date.isoWeekday == 6 ? "Thứ Bảy" : "Chủ nhật" }
        return nil
    }
}

/// Office hours of a province (R-WORKWEEK): morning and afternoon sessions, possibly by
/// season. Phú Yên from 1 Nov 2021: 07:30–12:00 and 13:30–17:00 (domain.md §7).
public struct OfficeHours: Hashable, Sendable {
    /// A session as minutes after midnight, [start, end).
    public struct Session: Hashable, Sendable {
        public var start: Int
        public var end: Int
        public init(_ start: (Int, Int), _ end: (Int, Int)) {
            self.start = start.0 * 60 + start.1
            self.end = end.0 * 60 + end.1
        }
    }

    public var sessions: [Session]
    /// Months (1–12) these hours apply in; empty means all year.
    public var months: Set<Int>
    public var validFrom: LocalDate?

    public init(sessions: [Session], months: Set<Int> = [], validFrom: LocalDate? = nil) {
        self.sessions = sessions
        self.months = months
        self.validFrom = validFrom
    }

    public static let phuYen2021 = OfficeHours(
        sessions: [Session((7, 30), (12, 0)), Session((13, 30), (17, 0))],
        validFrom: LocalDate(year: 2021, month: 11, day: 1)
    )

    /// Whether a briefing from `start` to `end` (same zone) lies within one session.
    public func contains(start: LocalDateTime, end: LocalDateTime) -> Bool {
        guard start.date == end.date || (end.hour == 0 && end.minute == 0 && end.date == start.date.adding(days: 1))
        else { return false }
        let s = start.hour * 60 + start.minute
        let e = end.date == start.date ? end.hour * 60 + end.minute : 24 * 60
        return sessions.contains { $0.start <= s && e <= $0.end }
    }

    /// The hours that apply on a date, from a set of seasonal/dated definitions.
    public static func applicable(_ all: [OfficeHours], on date: LocalDate) -> OfficeHours? {
        all.filter {
            ($0.validFrom.map { $0 <= date } ?? true) && ($0.months.isEmpty || $0.months.contains(date.month))
        }
        .max {
            ($0.validFrom ?? LocalDate(year: 1, month: 1, day: 1))
                < ($1.validFrom ?? LocalDate(year: 1, month: 1, day: 1))
        }
    }
}
