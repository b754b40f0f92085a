import Foundation
import ICalendar

/// IMF-fixdate (RFC 9110 §5.6.7), the only form Podium writes; reads the same form.
enum HTTPDate {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        let t = LocalDateTime(utc: date)
        return String(
            format: "%@, %02d %@ %04d %02d:%02d:%02d GMT",
            weekdays[t.date.isoWeekday - 1],
            t.date.day,
            months[t.date.month - 1],
            t.date.year,
            t.hour,
            t.minute,
            t.second
        )
    }

    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let d = Int(parts[1]),
            let m = months.firstIndex(of: String(parts[2])),
            let y = Int(parts[3])
        else { return nil }
        let hms = parts[4].split(separator: ":").compactMap { Int($0) }
        guard hms.count == 3 else { return nil }
        let t = LocalDateTime(year: y, month: m + 1, day: d, hour: hms[0], minute: hms[1], second: hms[2])
        return t.isValid ? t.asUTCDate : nil
    }
}
