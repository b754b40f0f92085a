import ArgumentParser
import Foundation
import ICalendar
import PlanFile
import Scheduling

struct AgendaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agenda",
        abstract: "What briefings happen between two dates, and on which working days.",
        discussion: """
            Examples:
              podium agenda --from 2024-01-01 --to 2024-04-01
              podium agenda --plan calendars/dak-lak-2026/plan.yaml --agency ubnd-dak-lak --json
            """
    )

    @OptionGroup var source: ScheduleSource
    @Option(help: "First day (YYYY-MM-DD); default: the plan's first briefing year, 1 January.") var from: String?
    @Option(help: "Day after the last (YYYY-MM-DD); default: one year after --from.") var to: String?
    @Option(help: "Only this organising agency.") var agency: String?
    @Option(help: "Only this spokesperson's assignments (primary or backup): \"what do I have next week?\"")
    var spokesperson: String?
    @Flag(help: "Include cancelled occurrences.") var all = false
    @Flag(help: "Machine-readable output.") var json = false

    struct Row: Encodable {
        let id: String
        let start: String
        let end: String
        let timeZone: String
        let title: String
        let organizer: String
        let venue: String?
        let status: String
        let note: String?
        let role: String?
        let speaker: String?
        let revision: Int
        /// The information form (Decree 09/2017 Art. 5(1)).
        let form: String
        /// Moved by an exception (not by a holiday policy).
        let moved: Bool
        let adHoc: Bool
    }

    func run() throws {
        // With --from the window is known before reading, and only what can occur in it is
        // read; without it, the window starts with the plan's first year.
        let given = try from.map { try DataFiles.date($0, option: "--from") }
        func end(after start: LocalDate) throws -> LocalDate {
            try to.map { try DataFiles.date($0, option: "--to") }
                ?? LocalDate(year: start.year + 1, month: start.month, day: start.day)
        }
        let loaded = try source.load(window: try given.map { ($0, try end(after: $0)) })
        let firstYear = loaded.schedule.series.values.map(\.start.date.year).min() ?? 2024
        let fromDate = given ?? LocalDate(year: firstYear, month: 1, day: 1)
        let toDate = try end(after: fromDate)
        guard fromDate < toDate else { throw PodiumExit.badInput("--to must be after --from") }
        let engine = OccurrenceEngine(
            calendar: WorkingCalendar(
                years: loaded.schedule.calendarYears(for: fromDate.year...toDate.year),
                decisions: loaded.decisions
            )
        )
        // The store validated every change when it was written; a plan file is checked here.
        let problems = loaded.store == nil ? engine.problems(in: loaded.schedule) : []
        if !problems.isEmpty {
            throw PodiumExit.badInput(problems.map(\.description).joined(separator: "; "))
        }
        let window = (
            try TimeZones.instant(of: LocalDateTime(fromDate, hour: 0, minute: 0), in: RegularSeries.defaultTimeZone),
            try TimeZones.instant(of: LocalDateTime(toDate, hour: 0, minute: 0), in: RegularSeries.defaultTimeZone)
        )
        var occurrences = try engine.occurrences(in: loaded.schedule, from: window.0, to: window.1)
        if let agency { occurrences = occurrences.filter { $0.organizer.rawValue == agency } }
        if !all { occurrences = occurrences.filter(\.isHappening) }
        var roles: [OccurrenceID: String] = [:]
        if let spokesperson {
            guard loaded.roster.people[Spokesperson.ID(spokesperson)] != nil else {
                throw PodiumExit.badInput("--spokesperson: unknown spokesperson \"\(spokesperson)\"")
            }
            for (id, a) in loaded.roster.assignments where a.people.contains(Spokesperson.ID(spokesperson)) {
                roles[id] = a.primary?.person.rawValue == spokesperson ? "chính" : "dự phòng"
            }
            occurrences = occurrences.filter { roles[$0.id] != nil }
        }
        let rows = occurrences.map { o in
            Row(
                id: o.id.rawValue,
                start: o.start.description,
                end: o.end.description,
                timeZone: o.timeZone,
                title: o.title.vi,
                organizer: o.organizer.rawValue,
                venue: o.venue?.rawValue,
                status: o.status.rawValue,
                note: note(o),
                role: roles[o.id],
                speaker: loaded.roster.assignments[o.id]?.primary.map {
                    loaded.roster.people[$0.person]?.name ?? $0.person.rawValue
                },
                revision: o.revision,
                form: o.form.rawValue,
                moved: { if case .moved = o.shift { return true } else { return false } }(),
                adHoc: o.isAdHoc
            )
        }
        if json { return try JSONOutput.print(rows) }
        var table = TextTable(
            "Ngày",
            "Giờ",
            "Thứ",
            "Tiêu đề",
            spokesperson == nil ? "Người phát ngôn" : "Vai trò",
            "Ghi chú"
        )
        for (o, r) in zip(occurrences, rows) {
            table.add(
                o.start.date.description,
                String(format: "%02d:%02d", o.start.hour, o.start.minute),
                Weekday.name(o.start.date),
                o.title.vi,
                spokesperson == nil ? (r.speaker ?? "—") : "\(r.role ?? "")  (chính: \(r.speaker ?? "—"))",
                r.note ?? ""
            )
        }
        print(table.render())
    }

    func note(_ o: Occurrence) -> String? {
        if let reason = o.cancellationReason { return "Hủy: \(reason)" }
        switch o.shift {
        case .holiday(let from, let holiday)?: return "Dời từ \(from) (\(holiday))"
        case .moved(let reason)?: return "Dời lịch" + (reason.map { ": \($0)" } ?? "")
        case nil: return nil
        }
    }
}
