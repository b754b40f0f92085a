import ICalendar
import Testing

/// Dates and times as text: ISO 8601 (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`) and RFC 5545's
/// basic form (§3.3.4 `YYYYMMDD`, §3.3.5 `YYYYMMDDTHHMMSS`), zero-padded, written by hand.
@Suite("Date and time text")
struct LocalDateTimeFormatTests {
    @Test(
        "padding at every width",
        arguments: [
            (2024, 1, 4, 15, 0, 0, "2024-01-04T15:00:00", "20240104T150000"),
            (999, 12, 31, 23, 59, 59, "0999-12-31T23:59:59", "09991231T235959"),
            (2000, 2, 29, 0, 0, 0, "2000-02-29T00:00:00", "20000229T000000"),
            (9999, 10, 10, 9, 5, 7, "9999-10-10T09:05:07", "99991010T090507"),
        ]
    )
    func text(_ c: (Int, Int, Int, Int, Int, Int, String, String)) {
        let t = LocalDateTime(LocalDate(year: c.0, month: c.1, day: c.2), hour: c.3, minute: c.4, second: c.5)
        #expect(t.description == c.6)
        #expect(t.basicFormat == c.7)
        #expect(t.hourMinute == String(c.6.dropFirst(11).prefix(5)))
        #expect(t.date.description == String(c.6.prefix(10)))
        #expect(t.date.basicFormat == String(c.7.prefix(8)))
        #expect(LocalDateTime(iso: c.6) == t && LocalDateTime(iso: c.7) == t)
    }

    @Test(
        "the text forms a reader accepts, and the ones it refuses",
        arguments: [
            ("2024-01-04T15:00", "2024-01-04T15:00:00"),
            ("2024-01-04T15:00:30", "2024-01-04T15:00:30"),
            ("20240104T150000", "2024-01-04T15:00:00"),
            ("20240104T15:00", "2024-01-04T15:00:00"),
            ("2024-02-29T00:00", "2024-02-29T00:00:00"),
            ("2023-02-29T00:00", nil),  // not a leap year
            ("2024-13-01T00:00", nil),
            ("2024-01-04T24:00", nil),
            ("2024-01-04T15:60", nil),
            ("2024-01-04T1500", nil),  // four digits: neither HH:MM nor HHMMSS
            ("2024-01-04T150000Z", nil),  // a UTC time is not a local one
            ("2024-01-04T15:0", nil),
            ("2024-01-04T15:00:00:00", nil),
            ("2024-01-04 15:00", nil),
            ("2024/01/04T15:00", nil),
            ("24-01-04T15:00", nil),
            ("2024-01-4T15:00", nil),
            ("٢٠٢٤-01-04T15:00", nil),  // digits, but not ASCII ones
            ("", nil),
            ("T", nil),
        ] as [(String, String?)]
    )
    func reading(_ c: (String, String?)) {
        #expect(LocalDateTime(iso: c.0)?.description == c.1, "\(c.0)")
        // The date alone follows the same rule for its part.
        let datePart = String(c.0.prefix { $0 != "T" })
        if let expected = c.1 { #expect(LocalDate(iso: datePart)?.description == String(expected.prefix(10))) }
    }
}
