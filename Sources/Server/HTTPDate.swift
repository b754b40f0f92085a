import Foundation
import ICalendar

/// IMF-fixdate (RFC 9110 §5.6.7), the only form Podium writes; reads the same form.
enum HTTPDate {
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ date: Date) -> String {
        // Cut from the ISO text (`YYYY-MM-DDTHH:MM:SS`, written digit by digit), not through
        // `String(format:)`, which cost 8 % of a 304 when Last-Modified was formatted per request.
        let t = LocalDateTime(utc: date)
        let iso = t.description.utf8
        func part(_ from: Int, _ to: Int) -> Substring {
            Substring(iso[iso.index(iso.startIndex, offsetBy: from)..<iso.index(iso.startIndex, offsetBy: to)])
        }
        return
            "\(weekdays[t.date.isoWeekday - 1]), \(part(8, 10)) \(months[t.date.month - 1]) \(part(0, 4)) \(part(11, 19)) GMT"
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
