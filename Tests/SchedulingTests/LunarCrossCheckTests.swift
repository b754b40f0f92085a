import Foundation
import ICalendar
import Testing

@testable import Scheduling

/// The independent check: the same astronomy run for UTC+8 must reproduce, month by month,
/// the Chinese calendar of ICU (Foundation's `.chinese` calendar, computed by ICU's own
/// astronomical code for UTC+8). Agreement for 1900–2100 validates the new moons, the solar
/// terms and the leap-month rule; Vietnam's calendar is then the same computation at UTC+7.
@Suite("Lunar calendar cross-checks")
struct LunarCrossCheckTests {
    static func icuChinese() -> Calendar {
        var c = Calendar(identifier: .chinese)
        c.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        return c
    }

    /// ICU's (month, day, leap) for a Gregorian date, read at noon UTC+8.
    static func icu(_ d: LocalDate, _ calendar: Calendar) -> (Int, Int, Bool) {
        let noon = Date(timeIntervalSince1970: TimeInterval(d.daysSinceEpoch) * 86_400 + 4 * 3600)
        let c = calendar.dateComponents([.month, .day, .isLeapMonth], from: noon)
        return (c.month!, c.day!, c.isLeapMonth ?? false)
    }

    /// Hours after 00:00 UTC of the new moon that starts the month containing `d`.
    static func newMoonHourUTC(monthOf d: LocalDate, _ calendar: LunarCalendar) -> Double {
        let jd = Astronomy.newMoonUT(calendar.lunation(containing: LunarCalendar.jdn(d))) + 0.5
        return (jd - jd.rounded(.down)) * 24
    }

    @Test("every month start 1900–2100 computed for UTC+8 agrees with ICU's Chinese calendar")
    func agreesWithICU() {
        let ours = LunarCalendar.china
        let icu = Self.icuChinese()
        var disagreements: [String] = []
        for year in 1900...2100 {
            for month in 1...12 {
                for leap in [false, true] {
                    guard
                        let first = ours.gregorianDate(
                            of: LunarDate(year: year, month: month, day: 1, isLeapMonth: leap)
                        )
                    else { continue }
                    let (m, d, l) = Self.icu(first, icu)
                    let (pm, _, _) = Self.icu(first.adding(days: -1), icu)
                    // A new moon within two minutes of midnight at UTC+8 (16:00 UTC) is beyond
                    // either ephemeris's precision; those months are the known ambiguous
                    // cases (Aslaksen lists 2057-09 and 2097-08), not errors.
                    let hour = Self.newMoonHourUTC(monthOf: first, ours)
                    let nearMidnight = abs(hour - 16) < 2.0 / 60
                    if (m != month || d != 1 || l != leap || pm == m && !l) && !nearMidnight {
                        disagreements.append(
                            "\(year)-\(month)\(leap ? "L" : ""): ours \(first), ICU \(m)/\(d)\(l ? "L" : "")"
                        )
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    @Test("the years where Vietnam's Tết differs from China's are found, and each has its astronomical cause")
    func vietnamVersusChina() {
        var differing: [Int: (LocalDate, LocalDate)] = [:]
        for year in 1900...2100 {
            let vn = LunarCalendar.vietnam.newYear(year)
            let cn = LunarCalendar.china.newYear(year)
            if vn != cn { differing[year] = (vn, cn) }
        }
        // Well-documented differences (1968 Tết Mậu Thân, 1985, 2007, 2030) must be among them.
        for year in [1968, 1985, 2007, 2030] { #expect(differing[year] != nil, "\(year)") }
        // 1985 is the whole-month case: leap-month placement differs.
        if let (vn, cn) = differing[1985] { #expect(cn.daysSinceEpoch - vn.daysSinceEpoch > 25) }
        // Every other difference is one day, caused by a new moon between 16:00 and 17:00
        // UTC: 23:00–24:00 in Vietnam (UTC+7), already the next day, 00:00–01:00, in China (UTC+8).
        for (year, (vn, cn)) in differing where year != 1985 {
            #expect(cn.daysSinceEpoch - vn.daysSinceEpoch == 1, "\(year)")
            let hour = Self.newMoonHourUTC(monthOf: vn, .vietnam)
            #expect(hour >= 16 && hour < 17, "\(year): new moon at \(hour) h UTC")
        }
        print(
            "Tết differs (Vietnam vs China):",
            differing.keys.sorted().map { "\($0): \(differing[$0]!.0) vs \(differing[$0]!.1)" }
        )
    }
}
