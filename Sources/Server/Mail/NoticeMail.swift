import Feeds
import Foundation
import ICalendar
import Scheduling
public import Store

/// Who the mail comes from and how invitations are named.
public struct MailSettings: Sendable {
    /// The From and ORGANIZER address (the secretariat's).
    public var from: String
    public var fromName: String
    /// The part after @ in Message-IDs and UIDs.
    public var uidDomain: String
    /// Where the text's links point.
    public var baseURL: String

    public init(
        from: String = "podium@localhost",
        fromName: String = "Podium — Ban thư ký",
        uidDomain: String = "podium",
        baseURL: String = "http://127.0.0.1:8080"
    ) {
        self.from = from
        self.fromName = fromName
        self.uidDomain = uidDomain
        self.baseURL = baseURL
    }
}

/// A queued notice as an e-mail (RFC 5322, MIME): a text part in the person's language and
/// the iMIP calendar part (RFC 6047 §2.4: `text/calendar; method=…`). The message is a pure
/// function of the stored row, and its Message-ID is the row's, so a retry after a crash
/// sends the same message again, never a different one.
public enum NoticeMail {
    /// Unique across installations (the row, its change and its creation time, at the
    /// sender's domain), and the same every time this row is sent.
    public static func messageID(_ m: OutboxMessage, _ s: MailSettings) -> String {
        let domain = s.from.split(separator: "@").last.map(String.init) ?? s.uidDomain
        return "<notice-\(m.id).\(m.revision).\(Int(m.createdAt.timeIntervalSince1970))@\(domain)>"
    }

    public static func compose(_ m: OutboxMessage, _ s: MailSettings) throws -> String {
        guard let to = m.recipient else { throw MailError.noAddress(m.recipientName) }
        let n: Notice
        switch m.content {
        case .memo(let memo): return Self.memo(m, memo, to: to, s)
        case .notice(let notice): n = notice
        }
        let en = m.language == .en
        let calendar = try Invitation.calendar(
            n,
            attendee: CalendarUser(address: "mailto:\(to)", commonName: m.recipientName),
            organizer: CalendarUser(address: "mailto:\(s.from)", commonName: s.fromName),
            uidDomain: s.uidDomain,
            stamp: m.createdAt,
            language: m.language
        )
        let boundary = "podium-\(m.id)-\(m.revision)"
        let lines = text(m, n, s)
        var out = [
            "From: \(header(s.fromName)) <\(s.from)>",
            "To: \(header(m.recipientName)) <\(to)>",
            "Subject: \(header(subject(n, en: en, language: m.language)))",
            "Date: \(rfc5322(m.createdAt))",
            "Message-ID: \(messageID(m, s))",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
            "--\(boundary)",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        out += base64Lines(lines)
        out += [
            "--\(boundary)",
            "Content-Type: text/calendar; charset=utf-8; method=\(n.method)",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        out += base64Lines(calendar)
        out += ["--\(boundary)--", ""]
        return out.joined(separator: "\r\n")
    }

    /// A memo: plain text, no calendar part.
    static func memo(_ m: OutboxMessage, _ memo: Memo, to: String, _ s: MailSettings) -> String {
        let en = m.language == .en
        var body = [en ? "Dear \(m.recipientName)," : "Kính gửi \(m.recipientName),", ""]
        body += memo.lines.map { $0.text(m.language) }
        body += ["", en ? "Podium: \(s.baseURL)/login" : "Podium: \(s.baseURL)/login"]
        var out = [
            "From: \(header(s.fromName)) <\(s.from)>",
            "To: \(header(m.recipientName)) <\(to)>",
            "Subject: \(header("[Podium] " + memo.subject.text(m.language)))",
            "Date: \(rfc5322(m.createdAt))",
            "Message-ID: \(messageID(m, s))",
            "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        out += base64Lines(body.joined(separator: "\r\n"))
        out.append("")
        return out.joined(separator: "\r\n")
    }

    static func subject(_ n: Notice, en: Bool, language: Language) -> String {
        let what: String
        switch n.kind {
        case .assigned: what = en ? "Assigned" : "Phân công"
        case .changed: what = en ? "Changed" : "Thay đổi"
        case .cancelled: what = en ? "Cancelled" : "Hủy"
        case .unassigned: what = en ? "No longer assigned" : "Thôi phân công"
        case .reminder: what = en ? "Reminder" : "Nhắc lịch"
        }
        let v = n.view
        return "[Podium] \(what): \(v.title.text(language)) — \(when(v, en: en))"
    }

    static func when(_ v: AssignmentView, en: Bool) -> String {
        let d = v.start.date
        let time = String(format: "%02d:%02d", v.start.hour, v.start.minute)
        return en
            ? String(format: "%04d-%02d-%02d %@", d.year, d.month, d.day, time)
            : String(format: "%@ %02d/%02d/%04d", time, d.day, d.month, d.year)
    }

    static func text(_ m: OutboxMessage, _ n: Notice, _ s: MailSettings) -> String {
        let v = n.view
        let en = m.language == .en
        var out: [String] = [en ? "Dear \(m.recipientName)," : "Kính gửi \(m.recipientName),", ""]
        let role = v.role.phrase(m.language)
        switch n.kind {
        case .assigned:
            out.append(en ? "You are assigned as \(role) for:" : "Anh/chị được phân công là \(role) tại:")
        case .changed:
            let what = n.changes.map { c -> String in
                switch c {
                case .time: return en ? "time" : "thời gian"
                case .venue: return en ? "venue" : "địa điểm"
                case .role: return en ? "your role" : "vai trò"
                case .title: return en ? "title" : "tiêu đề"
                }
            }.joined(separator: ", ")
            out.append(
                en ? "A briefing you speak at has changed (\(what)):" : "Buổi anh/chị tham gia đã thay đổi (\(what)):"
            )
        case .cancelled:
            out.append(en ? "This briefing is cancelled:" : "Buổi sau đã bị hủy:")
        case .unassigned:
            out.append(en ? "You are no longer assigned to:" : "Anh/chị không còn được phân công tại:")
        case .reminder:
            out.append(en ? "A reminder: you speak as \(role) at:" : "Nhắc lịch: anh/chị là \(role) tại:")
        }
        out.append("  \(v.title.text(m.language))")
        out.append("  \(when(v, en: en)) (\(v.timeZone))" + (v.venue.map { " · \($0)" } ?? ""))
        if let b = n.before, n.kind == .changed {
            out.append(
                (en ? "  before: " : "  trước đây: ") + when(b, en: en) + (b.venue.map { " · \($0)" } ?? "")
                    + (b.role != v.role ? " · \(b.role.rawValue)" : "")
            )
        }
        out += ["", en ? "Your assignments: \(s.baseURL)/login" : "Lịch phân công của anh/chị: \(s.baseURL)/login", ""]
        out.append(
            en
                ? "The attached invitation updates your calendar; this message was sent automatically."
                : "Lời mời kèm theo cập nhật lịch của anh/chị; thư này được gửi tự động."
        )
        return out.joined(separator: "\r\n")
    }

    /// RFC 2047 encoded-words for non-ASCII header text: each at most 75 characters
    /// (§2), whole characters only, folded onto continuation lines (RFC 5322 §2.2.3).
    static func header(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0 == "\"" }) else { return text }
        var words: [String] = []
        var chunk = ""
        for c in text {
            // 45 bytes of UTF-8 encode to 60 base64 characters: with "=?UTF-8?B?" and "?=", 72.
            if chunk.utf8.count + String(c).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(c)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map {
            let a = encoded.index(encoded.startIndex, offsetBy: $0)
            let b = encoded.index(a, offsetBy: min(76, encoded.count - $0))
            return String(encoded[a..<b])
        }
    }

    static func rfc5322(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }
}

public enum MailError: Error, CustomStringConvertible {
    case noAddress(String)
    case sendmail(String)

    public var description: String {
        switch self {
        case .noAddress(let who): return "no e-mail address for \(who)"
        case .sendmail(let why): return why
        }
    }
}
