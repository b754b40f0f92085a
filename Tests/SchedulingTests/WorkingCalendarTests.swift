import ICalendar
import Scheduling
import Testing

@Suite("Working-day calendar")
struct WorkingCalendarTests {
    static func d(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    /// Tết 2026 for civil servants: 14–22 Feb (domain.md §6); 2024: 27 Apr–1 May with Sat 4 May worked.
    static let decisions = [
        HolidayDecision(
            year: 2026,
            reference: "Tết 2026 decision",
            tetDays: ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"].map(d)
        ),
        HolidayDecision(
            year: 2024,
            reference: "Swap 2024",
            extraDaysOff: [
                Holiday(
                    date: d("2024-04-29"),
                    name: BilingualText(vi: "Nghỉ hoán đổi"),
                    kind: .decision,
                    legalBasis: "Swap 2024"
                )
            ],
            workdays: [d("2024-05-04")]
        ),
    ]

    static let calendar = WorkingCalendar(years: 2024...2030, decisions: decisions)

    @Test(
        "days off and working days, hand-checked against the calendar",
        arguments: [
            ("2026-02-13", true), ("2026-02-14", false), ("2026-02-16", false), ("2026-02-20", false),
            ("2026-02-22", false), ("2026-02-23", true),
            ("2026-04-26", false), ("2026-04-27", false), ("2026-04-28", true),  // Hùng Kings on Sunday → Monday off
            ("2026-04-30", false), ("2026-05-01", false), ("2026-05-04", true),
            ("2026-09-01", false), ("2026-09-02", false), ("2026-09-03", true),
            ("2024-04-18", false), ("2024-04-29", false), ("2024-05-04", true), ("2024-05-05", false),
            ("2028-01-01", false), ("2028-01-03", false), ("2028-01-04", true),  // New Year on Saturday → Monday off
            ("2029-09-01", false), ("2029-09-02", false), ("2029-09-03", false), ("2029-09-04", false),
            ("2029-09-05", true),
            ("2025-11-24", true),  // Culture Day is pending, not yet a day off
            ("2025-01-28", false), ("2025-01-29", false), ("2025-02-01", false),
            ("2025-02-03", false), ("2025-02-04", true),  // default Tết days end on Sat 1 Feb → Monday off
        ]
    )
    func workingDays(_ date: String, _ working: Bool) {
        #expect(
            Self.calendar.isWorkingDay(Self.d(date)) == working,
            "\(date): \(Self.calendar.reasonOff(Self.d(date)) ?? "working")"
        )
    }

    @Test("compensatory days name the holiday they make up for")
    func compensatory() {
        let h = Self.calendar.holiday(on: Self.d("2026-04-27"))
        #expect(h?.kind == .compensatory)
        #expect(h?.name.vi.contains("Hùng") == true)
    }

    @Test("the pending Culture Day becomes a day off once its effective date is set")
    func pendingHoliday() {
        var culture = PendingHoliday.cultureDay
        culture.effectiveFrom = Self.d("2027-01-01")
        let calendar = WorkingCalendar(years: 2026...2028, pending: [culture])
        #expect(calendar.isWorkingDay(Self.d("2026-11-24")))
        #expect(!calendar.isWorkingDay(Self.d("2027-11-24")))
    }

    @Test("an imported holiday is a day off")
    func imported() {
        let h = Holiday(
            date: Self.d("2026-03-10"),
            name: BilingualText(vi: "Ngày giải phóng"),
            kind: .imported,
            legalBasis: "ics"
        )
        let calendar = WorkingCalendar(years: 2026...2026, imported: [h])
        #expect(!calendar.isWorkingDay(Self.d("2026-03-10")))
    }

    @Test("each year has the eleven statutory days of Labor Code 2019 Art. 112")
    func elevenDays() {
        for year in 2021...2035 {
            #expect(StatutoryHolidays.days(in: year).count == 11, "\(year)")
        }
    }

    @Test(
        "office hours hold a briefing only inside one session (Phú Yên 2021)",
        arguments: [
            ((9, 0), (10, 30), true), ((7, 30), (12, 0), true), ((7, 0), (8, 0), false), ((11, 30), (12, 30), false),
            ((13, 30), (17, 0), true), ((16, 30), (17, 30), false), ((12, 0), (13, 30), false),
        ]
    )
    func officeHours(_ start: (Int, Int), _ end: (Int, Int), _ inside: Bool) {
        let day = Self.d("2026-03-10")
        let ok = OfficeHours.phuYen2021.contains(
            start: LocalDateTime(day, hour: start.0, minute: start.1),
            end: LocalDateTime(day, hour: end.0, minute: end.1)
        )
        #expect(ok == inside)
    }
}
