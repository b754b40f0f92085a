public import Foundation
import ICalendar
import Mustache
public import Scheduling
public import Store

/// The yearly report as documents: assembled from the store in one place, so the CLI
/// (`podium report`), the workspace page and the API print the same numbers; rendered as a
/// self-contained HTML file (A4, inline SVG), CSV or JSON (docs/outcomes.md).
public enum ReportDocument {
    public enum Format: String, CaseIterable, Sendable {
        case html, pdf, csv, json
    }

    /// Computes the report for `year` and `agency` (nil: every agency) from what is stored,
    /// with national `rules` and file holiday `decisions` added to the stored ones.
    public static func build(
        store: any PodiumStorage,
        year: Int,
        agency: Agency.ID?,
        rules: [LegalRule],
        decisions: [HolidayDecision] = [],
        now: Date
    ) throws -> YearReport {
        let schedule = try store.schedule()
        if let agency, schedule.agencies[agency] == nil {
            throw StoreError.notFound(entity: "agency", id: agency.rawValue)
        }
        let calendar = WorkingCalendar(
            years: schedule.calendarYears(for: year - 1...year + 1),
            decisions: try store.holidayDecisions() + decisions
        )
        let engine = OccurrenceEngine(calendar: calendar)
        // A day either side: the builder keeps occurrences by their local date.
        let from = LocalDateTime(year: year, month: 1, day: 1, hour: 0, minute: 0).asUTCDate.addingTimeInterval(-86_400)
        let to = LocalDateTime(year: year + 1, month: 1, day: 1, hour: 0, minute: 0).asUTCDate.addingTimeInterval(
            86_400
        )
        let checker = PlanChecker(
            calendar: calendar,
            officeHours: try store.officeHours(),
            rules: rules + (try store.localRules())
        )
        var inputs = YearReport.Inputs(
            year: year,
            agency: agency,
            schedule: schedule,
            occurrences: try engine.occurrences(in: schedule, from: from, to: to),
            roster: try store.roster(),
            outcomes: try store.outcomes(),
            followUps: try store.followUps(),
            checker: checker,
            narrative: try store.narrative(year: year, agency: agency) ?? ReportNarrative(),
            now: now
        )
        inputs.swaps = Dictionary(
            uniqueKeysWithValues: try store.changeCounts(action: "swap", entity: "assignment").map {
                (OccurrenceID(rawValue: $0.key), $0.value)
            }
        )
        inputs.declines = Dictionary(
            uniqueKeysWithValues: try store.changeCounts(action: "decline", entity: "assignment").map {
                (OccurrenceID(rawValue: $0.key), $0.value)
            }
        )
        return try YearReport.build(inputs)
    }

    public static func json(_ report: YearReport) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(report)
    }

    /// The numbers as one CSV table (RFC 4180): section, item, label, value columns, so a
    /// spreadsheet can pivot it; the same numbers as the JSON.
    public static func csv(_ r: YearReport) -> String {
        var rows: [[String]] = [["section", "key", "label", "measure", "value"]]
        func add(_ section: String, _ key: String, _ label: String, _ measure: String, _ value: Any) {
            rows.append([section, key, label, measure, "\(value)"])
        }
        let s = r.summary
        for (measure, value) in [
            ("planned", s.planned), ("held", s.held), ("not-held", s.notHeld), ("postponed", s.postponed),
            ("cancelled", s.cancelled), ("moved", s.moved), ("unrecorded", s.unrecorded),
        ] {
            add("summary", "all", "", measure, value)
        }
        for (section, counts) in [("by-form", s.byForm), ("by-agency", s.byAgency), ("by-month", s.byMonth)] {
            for c in counts {
                add(section, c.key, c.label, "planned", c.planned)
                add(section, c.key, c.label, "held", c.held)
            }
        }
        for c in s.changes { add("changes", c.occurrence, c.title.vi, c.kind, c.reason) }
        for row in r.compliance {
            for p in row.periods {
                add("compliance", "\(row.rule)|\(row.agency)", p.label, "met", p.met ? 1 : 0)
                add("compliance", "\(row.rule)|\(row.agency)", p.label, "pending", p.pending ? 1 : 0)
                add("compliance", "\(row.rule)|\(row.agency)", p.label, "counted", p.counted)
            }
        }
        for l in r.adHoc.briefings {
            add("ad-hoc", l.briefing, l.title.vi, "hours", String(format: "%.1f", l.hours))
            add("ad-hoc", l.briefing, l.title.vi, "deadline-hours", l.deadlineHours)
            add("ad-hoc", l.briefing, l.title.vi, "met", l.met ? 1 : 0)
        }
        for b in r.adHoc.distribution {
            add("ad-hoc-distribution", b.upTo.map { "\($0)" } ?? "more", b.label, "count", b.count)
        }
        for l in r.spokespeople.load {
            add("speakers", "\(l.person ?? l.name)|\(l.role)", l.name, "count", l.count)
            add("speakers", "\(l.person ?? l.name)|\(l.role)", l.name, "minutes", l.minutes)
        }
        for b in r.spokespeople.backupsUsed { add("backups-used", b.occurrence, b.assigned, "spoke", b.spoke) }
        add("swaps", "all", "", "count", r.spokespeople.swaps)
        add("declines", "all", "", "count", r.spokespeople.declines)
        for m in r.press.byMonth + [r.press.total] {
            let key = m.month == 0 ? "total" : "\(m.month)"
            for (measure, value) in [
                ("briefings", m.briefings), ("agencies", m.agencies), ("journalists", m.journalists),
                ("foreign-agencies", m.foreignAgencies), ("foreign-journalists", m.foreignJournalists),
                ("questions-received", m.questionsReceived), ("questions-answered", m.questionsAnswered),
            ] {
                add("press", key, "", measure, value)
            }
        }
        for (measure, value) in [
            ("total", r.press.followUps), ("answered-on-time", r.press.answeredOnTime),
            ("answered-late", r.press.answeredLate), ("still-open", r.press.stillOpen),
        ] {
            add("follow-ups", "all", "", measure, value)
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The report as one self-contained HTML file, laid out for A4.
    public static func html(_ r: YearReport, schedule: Schedule, language: Language = .vi) -> String {
        let templates = Templates.shared
        return templates.library.render(context(r, schedule: schedule, language: language), withTemplate: "report")
            ?? "report template missing"
    }
}
