import ICalendar

/// The statutory public holidays of Vietnam, by the law in force in a year.
///
/// Labor Code 2019 Art. 112(1), in force from 1 January 2021: 1 January; five Tết days;
/// 30 April; 1 May; 2 September plus one adjacent day; 10/3 lunar (Hùng Kings). The Labor
/// Code 2012 Art. 115 (2013–2020) had the same days but one National Day. Lunar dates are
/// computed for UTC+7 (R-HOLIDAYS, R-TZ).
public enum StatutoryHolidays {
    static let code2019 = "Labor Code 2019 Art. 112(1)"
    static let code2012 = "Labor Code 2012 Art. 115(1)"

    /// The statutory days of a Gregorian year (before compensatory days and decisions).
    public static func days(in year: Int, lunar: LunarCalendar = .vietnam, decision: HolidayDecision? = nil)
        -> [Holiday]
    {
        let basis = year >= 2021 ? code2019 : code2012
        func day(_ m: Int, _ d: Int, _ vi: String, _ en: String) -> Holiday {
            Holiday(
                date: LocalDate(year: year, month: m, day: d),
                name: BilingualText(vi: vi, en: en),
                kind: .statutory,
                legalBasis: basis
            )
        }
        var out = [
            day(1, 1, "Tết Dương lịch", "New Year's Day"),
            day(4, 30, "Ngày Chiến thắng", "Victory Day"),
            day(5, 1, "Quốc tế Lao động", "International Labour Day"),
            day(9, 2, "Quốc khánh", "National Day"),
        ]
        if year >= 2021 {
            let adjacent = decision?.nationalDayAdjacent ?? LocalDate(year: year, month: 9, day: 1)
            out.append(
                Holiday(
                    date: adjacent,
                    name: BilingualText(vi: "Quốc khánh (ngày liền kề)", en: "National Day (adjacent day)"),
                    kind: .statutory,
                    legalBasis: basis
                )
            )
        }
        let newYear = lunar.newYear(year)
        let tet = decision?.tetDays ?? (-1...3).map { newYear.adding(days: $0) }
        for d in tet {
            out.append(
                Holiday(
                    date: d,
                    name: BilingualText(vi: "Tết Nguyên đán", en: "Lunar New Year"),
                    kind: .statutory,
                    legalBasis: basis
                )
            )
        }
        if let hung = lunar.gregorianDate(of: LunarDate(year: year, month: 3, day: 10)) {
            out.append(
                Holiday(
                    date: hung,
                    name: BilingualText(vi: "Giỗ Tổ Hùng Vương", en: "Hùng Kings' Commemoration"),
                    kind: .statutory,
                    legalBasis: basis
                )
            )
        }
        return out.filter { $0.date.year == year }.sorted { $0.date < $1.date }
    }
}
