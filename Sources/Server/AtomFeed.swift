import Foundation
import ICalendar
import Scheduling
import Store

/// The journalists' change feed (Atom, RFC 4287), next to each public `.ics`: one entry per
/// briefing moved, cancelled or newly published, so a newsroom's feed reader says what
/// changed, where a calendar only shows the new state. Only what the public may see.
enum AtomFeed {
    static func render(
        _ changes: [ScheduleChange],
        state: PodiumService.State,
        engine: OccurrenceEngine,
        language: Language,
        baseURL: String,
        now: Date
    ) -> String {
        let en = language == .en
        var entries: [String] = []
        for c in changes {
            guard let o = try? engine.resolve(c.occurrence, in: state.schedule).occurrence else {
                // A series published as a whole: its entry names the series.
                if c.kind == .added, let s = state.schedule.series[RegularSeries.ID(c.occurrence.rawValue)],
                    s.visibility == .public, s.embargoUntil.map({ $0 <= now }) ?? true
                {
                    entries.append(
                        entry(
                            c,
                            title: (en ? "New regular briefings: " : "Lịch họp báo định kỳ mới: ")
                                + s.title.text(language),
                            link: "\(baseURL)/series/\(HTML.pathSegment(s.id.rawValue))",
                            summary: (en ? "From " : "Từ ") + HTML.when(s.start, nil, language: language)
                        )
                    )
                }
                continue
            }
            // Public briefings only; a cancelled one was public when it was scheduled.
            guard o.visibility == .public, o.embargoUntil.map({ $0 <= now }) ?? true,
                o.status != .draft
            else { continue }
            let when = HTML.when(o.start, o.end, language: language)
            let title: String
            switch c.kind {
            case .added: title = (en ? "New: " : "Mới: ") + o.title.text(language)
            case .moved: title = (en ? "Moved: " : "Dời lịch: ") + o.title.text(language)
            case .cancelled: title = (en ? "Cancelled: " : "Hủy: ") + o.title.text(language)
            }
            entries.append(
                entry(
                    c,
                    title: title,
                    link: "\(baseURL)/briefings/\(HTML.pathSegment(o.id.rawValue))",
                    summary: when + (c.reason.map { " — \($0)" } ?? "")
                )
            )
        }
        let updated = changes.first.map { iso($0.at) } ?? iso(Date(timeIntervalSince1970: 0))
        return """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.rawValue)">
            <title>\(HTML.escape(en ? "Press briefings: changes" : "Lịch họp báo: thay đổi"))</title>
            <id>\(HTML.escape(baseURL))/feeds/public.\(language.rawValue).atom</id>
            <link rel="self" href="\(HTML.escape(baseURL))/feeds/public.\(language.rawValue).atom"/>
            <link rel="alternate" href="\(HTML.escape(baseURL))/\(en ? "?lang=en" : "")"/>
            <updated>\(updated)</updated>
            <author><name>Podium</name></author>
            \(entries.joined(separator: "\n"))
            </feed>

            """
    }

    static func entry(_ c: ScheduleChange, title: String, link: String, summary: String) -> String {
        """
        <entry><id>tag:podium,2024:change-\(c.revision)-\(HTML.escape(c.occurrence.rawValue))</id>\
        <title>\(HTML.escape(title))</title><link href="\(HTML.escape(link))"/>\
        <updated>\(iso(c.at))</updated><summary>\(HTML.escape(summary))</summary></entry>
        """
    }

    static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }
}
