import Foundation
import ICalendar
import Scheduling

/// Server-rendered HTML: every value escaped, no external assets, mobile-friendly.
enum HTML {
    /// Escapes text for element content and quoted attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Percent-encodes a query value (RFC 3986 §3.4: only unreserved characters kept).
    static func queryValue(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }

    /// Percent-encodes one path segment. `@` and `:` are legal in a segment (RFC 3986 §3.3,
    /// `pchar`), so occurrence ids such as `hop-bao-quy@20241003T150000` stay readable.
    static func pathSegment(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: "@:"))) ?? s
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    /// A start (and end) in the reader's conventions: Vietnamese "Thứ Năm, 04/01/2024
    /// 15:00–16:30", English "Thursday, 4 January 2024, 15:00–16:30" (local time).
    static func when(_ start: LocalDateTime, _ end: LocalDateTime?, language: Language) -> String {
        let d = start.date
        let time = String(format: "%02d:%02d", start.hour, start.minute)
        let until =
            end.map { e in
                (e.date == d ? "" : " ") + "–" + (e.date == d ? "" : "\(e.date) ")
                    + String(format: "%02d:%02d", e.hour, e.minute)
            } ?? ""
        switch language {
        case .vi:
            let weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"][d.isoWeekday - 1]
            return "\(weekday), " + String(format: "%02d/%02d/%04d", d.day, d.month, d.year) + " \(time)\(until)"
        case .en:
            let weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
                d.isoWeekday - 1
            ]
            let month = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December",
            ][d.month - 1]
            return "\(weekday), \(d.day) \(month) \(d.year), \(time)\(until)"
        }
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:1rem;line-height:1.45;color:#1b1b1b}
        header{border-bottom:2px solid #b00;margin-bottom:1rem}h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
        .brief{border:1px solid #ddd;border-radius:.4rem;padding:.6rem .8rem;margin:.5rem 0}
        .when{font-weight:600}.meta{color:#555;font-size:.9rem}.cancelled{text-decoration:line-through;color:#888}
        .subscribe a{display:inline-block;margin:.2rem .4rem .2rem 0;padding:.4rem .7rem;border-radius:.3rem;background:#b00;color:#fff;text-decoration:none}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.3rem;text-align:left;vertical-align:top}
        .error{color:#b00}.warning{color:#a60}nav a{margin-right:1rem}.scroll{overflow-x:auto}form.inline{display:inline}.badge{font-weight:600;color:#8a4b00}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}code{overflow-wrap:anywhere}input{max-width:100%}
        """

    static func page(title: String, language: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title><style>\(style)</style></head>
        <body><main>\(body)</main></body></html>
        """
    }
}
