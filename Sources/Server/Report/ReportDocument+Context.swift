import Foundation
import ICalendar
import Scheduling

/// The words of the report in each language, and the template context. The document's
/// frame follows Decree 30/2020/NĐ-CP Appendix I (administrative documents): the issuing
/// agency (and the one above it) with the number at the top left, the national title and
/// motto with the place and date at the top right, the document kind and its summary, the
/// body, then "Nơi nhận" and the signature block.
extension ReportDocument {
    struct Words {
        let language: Language
        var vi: Bool { language == .vi }

        static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

        func form(_ raw: String) -> String {
            switch raw {
            case "press-conference": return vi ? "Họp báo" : "Press conferences"
            case "portal-post": return vi ? "Đăng tải trên cổng thông tin điện tử" : "Portal posts"
            case "interview": return vi ? "Phát ngôn trực tiếp, trả lời phỏng vấn" : "Interviews"
            case "press-release": return vi ? "Thông cáo báo chí, thông tin bằng văn bản" : "Press releases"
            case "press-briefing": return vi ? "Giao ban báo chí" : "Press briefings"
            case "correction": return vi ? "Phản hồi, cải chính" : "Corrections"
            default: return raw
            }
        }

        func role(_ raw: String) -> String {
            let vi: [String: String] = [
                "head": "Người đứng đầu", "deputy": "Cấp phó", "spokesperson": "Người phát ngôn",
                "authorized": "Người được ủy quyền", "chair": "Chủ trì", "panelist": "Thành viên trả lời",
                "moderator": "Điều phối", "interpreter": "Phiên dịch",
            ]
            let en: [String: String] = [
                "head": "Head", "deputy": "Deputy head", "spokesperson": "Spokesperson", "authorized": "Authorised",
                "chair": "Chair", "panelist": "Panelist", "moderator": "Moderator", "interpreter": "Interpreter",
            ]
            return (self.vi ? vi : en)[raw] ?? raw
        }

        func change(_ raw: String) -> String {
            switch raw {
            case "moved": return vi ? "Dời lịch" : "Moved"
            case "cancelled": return vi ? "Hủy" : "Cancelled"
            case "not-held": return vi ? "Không tổ chức" : "Not held"
            case "postponed": return vi ? "Lùi lịch" : "Postponed"
            case "answered-late": return vi ? "Trả lời chậm" : "Answered late"
            case "overdue": return vi ? "Quá hạn, chưa trả lời" : "Overdue"
            case "open": return vi ? "Chưa đến hạn" : "Open"
            default: return raw
            }
        }

        func date(_ iso: String) -> String {
            guard let d = LocalDate(iso: iso) else { return iso }
            return vi
                ? String(format: "%02d/%02d/%04d", d.day, d.month, d.year)
                : "\(d.day) \(Self.months[d.month - 1]) \(d.year)"
        }
    }

    static func paragraphs(_ text: String) -> [[String: Any]] {
        text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map {
            ["text": $0]
        }
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "—" : String(format: "%.0f%%", Double(part) * 100 / Double(whole))
    }

    static func context(_ r: YearReport, schedule: Schedule, language: Language) -> [String: Any] {
        let w = Words(language: language)
        let vi = w.vi
        let agency = r.agency.flatMap { schedule.agencies[Agency.ID($0)] }
        let parent = agency?.parent.flatMap { schedule.agencies[$0] }
        let n = r.narrative
        var c: [String: Any] = [
            "lang": language.rawValue,
            "year": "\(r.year)",
            "nextYear": "\(r.year + 1)",
            "issuer": (agency?.name.text(language) ?? r.agencyName.text(language)).uppercased(),
            "title": vi
                ? "Kết quả công tác phát ngôn và cung cấp thông tin cho báo chí năm \(r.year)"
                : "Press and spokesperson work in \(r.year)",
        ]
        if let parent { c["issuerParent"] = parent.name.text(language).uppercased() }
        c["number"] =
            n.number.isEmpty ? (vi ? "Số:      /BC-" : "No.      ") : (vi ? "Số: \(n.number)" : "No. \(n.number)")
        if let d = n.date {
            let place = n.place.isEmpty ? "" : "\(n.place), "
            c["placeDate"] =
                vi
                ? "\(place)ngày \(String(format: "%02d", d.day)) tháng \(String(format: "%02d", d.month)) năm \(d.year)"
                : "\(place)\(w.date(d.description))"
        } else {
            c["placeDate"] = vi ? "…, ngày … tháng … năm …" : "…, (date)"
        }
        let placeholder =
            vi
            ? "(Chưa soạn: viết phần này ở trang Báo cáo của workspace.)"
            : "(Not written yet: write it on the workspace's report page.)"
        c["achievements"] = paragraphs(n.achievements.isEmpty ? placeholder : n.achievements)
        c["shortcomings"] = paragraphs(n.shortcomings.isEmpty ? placeholder : n.shortcomings)
        c["directions"] = paragraphs(n.directions.isEmpty ? placeholder : n.directions)
        c["signer"] = paragraphs(n.signer)

        let s = r.summary
        c["s"] = [
            "planned": s.planned, "held": s.held, "notHeld": s.notHeld, "postponed": s.postponed,
            "cancelled": s.cancelled, "moved": s.moved, "unrecorded": s.unrecorded,
            "heldRate": percent(s.held, s.planned),
        ]
        c["byForm"] = s.byForm.map {
            ["label": w.form($0.key), "planned": $0.planned, "held": $0.held, "rate": percent($0.held, $0.planned)]
        }
        c["byAgency"] = s.byAgency.map {
            ["label": $0.label, "planned": $0.planned, "held": $0.held, "rate": percent($0.held, $0.planned)]
        }
        c["byMonth"] = s.byMonth.map { ["label": $0.label, "planned": $0.planned, "held": $0.held] }
        c["changes"] = s.changes.map {
            ["date": w.date($0.date), "title": $0.title.text(language), "kind": w.change($0.kind), "reason": $0.reason]
        }
        if !s.changes.isEmpty { c["hasChanges"] = true }
        c["chartMonth"] = ReportCharts.perMonth(
            s.byMonth,
            title: vi ? "Số cuộc theo kế hoạch và đã tổ chức, theo tháng" : "Planned and held briefings per month",
            planned: vi ? "Kế hoạch" : "Planned",
            held: vi ? "Đã tổ chức" : "Held"
        )

        c["compliance"] = r.compliance.map { row -> [String: Any] in
            var out: [String: Any] = [
                "rule": row.rule, "title": row.title.text(language), "basis": row.basis, "agency": row.agencyName,
                "met": row.met, "periods": row.periods.count,
            ]
            let unmet = row.periods.filter { !$0.met }.map { ["label": $0.label, "finding": $0.finding ?? ""] }
            if !unmet.isEmpty { out["unmet"] = unmet }
            return out
        }
        c["chartGrid"] = ReportCharts.complianceGrid(
            r.compliance,
            year: r.year,
            title: vi ? "Thực hiện quy định định kỳ theo tháng" : "Periodic rules met, month by month",
            met: vi ? "Đạt" : "Met",
            notMet: vi ? "Không đạt" : "Not met"
        )
        let unmetTotal = r.compliance.reduce(0) { $0 + $1.unmet }
        c["unmetPeriods"] = unmetTotal

        c["adHoc"] = r.adHoc.briefings.map {
            [
                "title": $0.title.text(language),
                "triggeredAt": $0.triggeredAt.replacingOccurrences(of: "T", with: " "),
                "first": $0.firstStatementAt.replacingOccurrences(of: "T", with: " "),
                "hours": String(format: "%.1f", $0.hours), "deadline": $0.deadlineHours,
                "met": $0.met ? (vi ? "Đúng hạn" : "In time") : (vi ? "Quá hạn" : "Late"),
            ]
        }
        c["adHocCount"] = r.adHoc.briefings.count
        c["adHocMet"] = r.adHoc.met
        c["distribution"] = r.adHoc.distribution.map { ["label": $0.label, "count": $0.count] }

        var perPerson: [String: (name: String, count: Int, minutes: Int)] = [:]
        for l in r.spokespeople.load where l.role != "interpreter" {
            let key = l.person ?? l.name
            perPerson[key, default: (l.name, 0, 0)].count += l.count
            perPerson[key, default: (l.name, 0, 0)].minutes += l.minutes
        }
        let people = perPerson.values.sorted { ($1.count, $0.name) < ($0.count, $1.name) }
        c["chartLoad"] = ReportCharts.load(
            Array(people.prefix(16)),
            title: vi ? "Số lần phát ngôn theo người (kèm số giờ)" : "Briefings spoken at, per person (with hours)",
            hoursUnit: vi ? "giờ" : "h"
        )
        c["load"] = r.spokespeople.load.map {
            [
                "name": $0.name, "role": w.role($0.role), "count": $0.count,
                "hours": String(format: "%.1f", Double($0.minutes) / 60),
            ]
        }
        c["backupsUsed"] = r.spokespeople.backupsUsed.count
        c["swaps"] = r.spokespeople.swaps
        c["declines"] = r.spokespeople.declines
        c["backups"] = r.spokespeople.backupsUsed.map {
            [
                "occurrence": $0.occurrence,
                "assigned": schedulePersonName($0.assigned, r),
                "spoke": schedulePersonName($0.spoke, r),
            ]
        }

        let t = r.press.total
        c["press"] = r.press.byMonth.map {
            [
                "month": $0.month, "briefings": $0.briefings, "agencies": $0.agencies, "journalists": $0.journalists,
                "foreignAgencies": $0.foreignAgencies, "foreignJournalists": $0.foreignJournalists,
                "received": $0.questionsReceived, "answered": $0.questionsAnswered,
            ]
        }
        c["pressTotal"] = [
            "briefings": t.briefings, "agencies": t.agencies, "journalists": t.journalists,
            "foreignAgencies": t.foreignAgencies, "foreignJournalists": t.foreignJournalists,
            "received": t.questionsReceived, "answered": t.questionsAnswered,
            "answeredRate": percent(t.questionsAnswered, t.questionsReceived),
        ]
        c["followUps"] = [
            "total": r.press.followUps, "onTime": r.press.answeredOnTime, "late": r.press.answeredLate,
            "open": r.press.stillOpen,
        ]
        c["attention"] = r.press.attention.map {
            [
                "outlet": $0.outlet, "question": $0.question, "promised": w.date($0.promised),
                "answered": $0.answered.map(w.date) ?? "—", "status": w.change($0.status),
            ]
        }
        if !r.unrecorded.isEmpty {
            c["unrecorded"] = r.unrecorded.map { ["id": $0] }
            c["hasUnrecorded"] = true
        }
        c["unrecordedCount"] = r.unrecorded.count
        c["t"] = labels(language)
        return c
    }

    /// Names in the backups table come from the report's own speaker list.
    static func schedulePersonName(_ id: String, _ r: YearReport) -> String {
        r.spokespeople.load.first { $0.person == id }?.name ?? id
    }
}
