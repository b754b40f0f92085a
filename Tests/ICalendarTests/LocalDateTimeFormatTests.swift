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
}
