import Foundation
import ICalendar
import Scheduling
import Testing

@Suite("Lunar calendar (UTC+7)")
struct LunarCalendarTests {
    /// Published dates (domain.md §6; 2024–2026 match public sources).
    @Test(
        "Tết falls on the published dates",
        arguments: [
            (2024, "2024-02-10"), (2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"),
            (2028, "2028-01-26"), (2029, "2029-02-13"),
            // Years Vietnam is known to differ from China (Tết Mậu Thân 1968, Ất Sửu 1985, Đinh Hợi 2007).
            (1968, "1968-01-29"), (1985, "1985-01-21"), (2007, "2007-02-17"),
        ]
    )
    func tet(_ year: Int, _ expected: String) {
        #expect(LunarCalendar.vietnam.newYear(year) == LocalDate(iso: expected))
    }

    @Test(
        "Hùng Kings' day (10/3) falls on the published dates",
        arguments: [
            (2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26"), (2027, "2027-04-16"),
            (2028, "2028-04-04"), (2029, "2029-04-23"),
        ]
    )
    func hungKings(_ year: Int, _ expected: String) {
        #expect(
            LunarCalendar.vietnam.gregorianDate(of: LunarDate(year: year, month: 3, day: 10))
                == LocalDate(iso: expected)
        )
    }

    @Test(
        "leap months fall where published",
        arguments: [(2023, 2, "2023-03-22"), (2025, 6, "2025-07-25"), (2028, 5, "2028-06-23")]
    )
    func leapMonths(_ year: Int, _ month: Int, _ start: String) {
        let calendar = LunarCalendar.vietnam
        #expect(calendar.leapMonth(ofLunarYear: year) == month)
        #expect(
            calendar.gregorianDate(of: LunarDate(year: year, month: month, day: 1, isLeapMonth: true))
                == LocalDate(iso: start)
        )
        #expect(
            calendar.lunarDate(of: LocalDate(iso: start)!)
                == LunarDate(year: year, month: month, day: 1, isLeapMonth: true)
        )
    }

    @Test("lunar → Gregorian → lunar is the identity for every day of 1900–2100")
    func roundTrip() {
        let calendar = LunarCalendar.vietnam
        var day = LocalDate(year: 1900, month: 2, day: 1)
        let end = LocalDate(year: 2100, month: 12, day: 31)
        var failures = 0
        while day <= end {
            let lunar = calendar.lunarDate(of: day)
            if calendar.gregorianDate(of: lunar) != day { failures += 1 }
            day = day.adding(days: 3)
        }
        #expect(failures == 0)
    }
}
