import ArgumentParser
import Foundation
import ICalendar
import Scheduling
import Store

/// The window most commands work on: `--from`/`--to` dates (UTC+7 midnights).
struct Window: ParsableArguments {
    @Option(help: "First day (YYYY-MM-DD); default: 1 January of the schedule's first year.") var from: String?
    @Option(help: "Day after the last (YYYY-MM-DD); default: one year after --from.") var to: String?

    func resolve(_ schedule: Schedule) throws -> (from: LocalDate, to: LocalDate, start: Date, end: Date) {
        let firstYear = schedule.series.values.map(\.start.date.year).min() ?? 2024
        let f =
            try from.map { try DataFiles.date($0, option: "--from") } ?? LocalDate(year: firstYear, month: 1, day: 1)
        let t =
            try to.map { try DataFiles.date($0, option: "--to") }
            ?? LocalDate(year: f.year + 1, month: f.month, day: f.day)
        guard f < t else { throw PodiumExit.badInput("--to must be after --from") }
        return (
            f, t, try TimeZones.instant(of: LocalDateTime(f, hour: 0, minute: 0), in: RegularSeries.defaultTimeZone),
            try TimeZones.instant(of: LocalDateTime(t, hour: 0, minute: 0), in: RegularSeries.defaultTimeZone)
        )
    }
}

/// Loads the schedule and expands it over the window.
struct Expanded {
    var loaded: ScheduleSource.Loaded
    var engine: OccurrenceEngine
    var occurrences: [Occurrence]
    var window: (from: LocalDate, to: LocalDate, start: Date, end: Date)

    init(_ source: ScheduleSource, _ window: Window) throws {
        loaded = try source.load()
        self.window = try window.resolve(loaded.schedule)
        engine = OccurrenceEngine(
            calendar: WorkingCalendar(
                years: self.window.from.year - 1...self.window.to.year + 1,
                decisions: loaded.decisions
            )
        )
        // The store validated every change when it was written; a plan file is checked here.
        let problems = loaded.store == nil ? engine.problems(in: loaded.schedule) : []
        if !problems.isEmpty { throw PodiumExit.badInput(problems.map(\.description).joined(separator: "; ")) }
        occurrences = try engine.occurrences(in: loaded.schedule, from: self.window.start, to: self.window.end)
    }
}

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Say who speaks at one occurrence (manual; kept by auto-assign).",
        discussion: """
            Occurrence ids are <series>@<original start YYYYMMDDTHHMMSS> or the ad-hoc id.
            Example: podium assign hop-bao-quy@20240404T150000 --primary nguyen-van-an --backup tran-thi-binh --lock --reason "Chủ trì"
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The occurrence id.") var occurrence: String
    @Option(help: "The primary spokesperson id.") var primary: String
    @Option(help: "A backup spokesperson id (repeat for more, in order).") var backup: [String] = []
    @Flag(help: "Lock it: automatic assignment will not move it.") var lock = false
    @Option(help: "Why.") var reason: String
    @Option(help: "The assignment revision your change is based on.") var revision: Int?
    @Option(help: "Who is changing it.") var actor: String =
        StoreOptions.defaultActor

    func run() throws {
        let s = try store.open()
        let a = Assignment(
            occurrence: OccurrenceID(rawValue: occurrence),
            primary: .init(person: Spokesperson.ID(primary), source: .manual),
            backups: backup.map { .init(person: Spokesperson.ID($0), source: .manual) },
            locked: lock,
            reason: reason
        )
        do {
            let rev = try s.assign(a, expectedRevision: revision, actor: actor, at: Date())
            print("assigned; revision \(rev)")
        } catch { throw error.exit }
    }
}

struct SwapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swap",
        abstract: "Swap the primary spokesperson of an occurrence with a backup or another person.",
        discussion: "Example: podium swap hop-bao-quy@20240404T150000 --to tran-thi-binh --reason \"Ốm\""
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The occurrence id.") var occurrence: String
    @Option(help: "Who takes over as primary.") var to: String
    @Option(help: "Why.") var reason: String
    @Option(help: "Who is changing it.") var actor: String =
        StoreOptions.defaultActor

    func run() throws {
        let s = try store.open()
        do {
            let id = OccurrenceID(rawValue: occurrence)
            var a = try s.roster().assignments[id] ?? Assignment(occurrence: id, primary: nil)
            let previous = a.primary
            a.backups.removeAll { $0.person.rawValue == to }
            if let previous { a.backups.insert(previous, at: 0) }
            a.primary = .init(person: Spokesperson.ID(to), source: .manual)
            a.reason = reason
            let rev = try s.assign(a, expectedRevision: a.revision, actor: actor, at: Date(), action: "swap")
            print("swapped; revision \(rev)")
        } catch { throw error.exit }
    }
}

struct AutoAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auto-assign",
        abstract: "Assign spokespeople over a window: hard constraints first, then fair load; explains every choice.",
        discussion: """
            Locked, published and manual assignments stay unless a hard constraint forces a
            move (reported). Exit 1 when some briefing cannot be covered.
            Example: podium auto-assign --from 2024-01-01 --to 2025-01-01 --explain
            """
    )

    @OptionGroup var source: ScheduleSource
    @OptionGroup var window: Window
    @Flag(help: "Show why each person was chosen and the others were not.") var explain = false
    @Flag(help: "Do not save.") var dryRun = false
    @Flag(help: "Machine-readable output.") var json = false

    struct Output: Encodable {
        var assigned: [String: String]
        var backups: [String: [String]]
        var uncovered: [String: [String: String]]
        var forced: [String: String]
        var saved: Int
    }

    func run() throws {
        let x = try Expanded(source, window)
        let outcome = AutoAssigner().assign(x.occurrences, roster: x.loaded.roster)
        var saved = 0
        if !dryRun, let store = x.loaded.store {
            do {
                saved = try store.saveAssignments(Array(outcome.assignments.values), actor: "auto-assign", at: Date())
            } catch { throw error.exit }
        }
        let out = Output(
            assigned: Dictionary(
                uniqueKeysWithValues: outcome.assignments.compactMap { k, v in
                    v.primary.map { (k.rawValue, $0.person.rawValue) }
                }
            ),
            backups: Dictionary(
                uniqueKeysWithValues: outcome.assignments.map {
                    ($0.key.rawValue, $0.value.backups.map(\.person.rawValue))
                }
            ),
            uncovered: Dictionary(
                uniqueKeysWithValues: outcome.uncovered.map {
                    (
                        $0.key.rawValue,
                        Dictionary(uniqueKeysWithValues: $0.value.map { ($0.key.rawValue, $0.value.description) })
                    )
                }
            ),
            forced: Dictionary(uniqueKeysWithValues: outcome.forced.map { ($0.key.rawValue, $0.value) }),
            saved: saved
        )
        if json {
            try JSONOutput.print(out)
        } else {
            var table = TextTable("Buổi", "Người phát ngôn", "Dự phòng")
            for o in x.occurrences where o.isHappening {
                let a = outcome.assignments[o.id]
                table.add(
                    "\(o.start.date) \(String(format: "%02d:%02d", o.start.hour, o.start.minute)) \(o.title.vi)",
                    a?.primary.map { x.loaded.roster.people[$0.person]?.name ?? $0.person.rawValue } ?? "— chưa có —",
                    a?.backups.map { x.loaded.roster.people[$0.person]?.name ?? $0.person.rawValue }.joined(
                        separator: ", "
                    ) ?? ""
                )
                if explain, let e = outcome.explanations[o.id] {
                    table.add(
                        "  vì sao",
                        e.chosen.map { x.loaded.roster.people[$0]?.name ?? $0.rawValue } ?? "",
                        e.why.description
                    )
                    for (p, why) in e.others.sorted(by: { $0.key < $1.key }) {
                        table.add("  không chọn", x.loaded.roster.people[p]?.name ?? p.rawValue, why.description)
                    }
                }
            }
            print(table.render())
            for (id, why) in outcome.forced.sorted(by: { $0.key < $1.key }) { print("moved \(id): \(why)") }
            for (id, reasons) in outcome.uncovered.sorted(by: { $0.key < $1.key }) {
                print("uncovered \(id):")
                for (p, r) in reasons.sorted(by: { $0.key < $1.key }) { print("  \(p): \(r)") }
            }
            if !dryRun { print("\(saved) assignments saved") }
        }
        if !outcome.uncovered.isEmpty { throw PodiumExit.problems() }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the plan before publishing: people, venues, days off, office hours, deadlines and the law.",
        discussion: """
            Each finding has a severity, the occurrences concerned, a suggested fix and, for
            legal rules, the legal basis. Exit 1 when any error is found.
            Example: podium check --from 2024-01-01 --to 2025-01-01
            """
    )

    @OptionGroup var source: ScheduleSource
    @OptionGroup var window: Window
    @Flag(help: "Machine-readable output.") var json = false

    struct Row: Encodable {
        var severity: String
        var rule: String
        var occurrences: [String]
        var message: String
        var suggestion: String
        var legalBasis: String?
    }

    func run() throws {
        let x = try Expanded(source, window)
        let findings = PlanChecker(calendar: x.engine.calendar, officeHours: x.loaded.officeHours)
            .check(
                x.occurrences,
                schedule: x.loaded.schedule,
                roster: x.loaded.roster,
                from: x.window.start,
                to: x.window.end
            )
        if json {
            try JSONOutput.print(
                findings.map {
                    Row(
                        severity: $0.severity.rawValue,
                        rule: $0.rule,
                        occurrences: $0.occurrences.map(\.rawValue),
                        message: $0.message,
                        suggestion: $0.suggestion,
                        legalBasis: $0.legalBasis
                    )
                }
            )
        } else {
            for f in findings { print(f.description) }
            let errors = findings.filter { $0.severity == .error }.count
            print("\(errors) errors, \(findings.count - errors) warnings and notes")
        }
        if findings.contains(where: { $0.severity == .error }) { throw PodiumExit.problems() }
    }
}

struct SpokespersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spokesperson",
        abstract: "The roster: list people, record leave, import busy times.",
        subcommands: [List.self, Add.self, Edit.self, Unavailable.self, ImportBusy.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the roster.")
        @OptionGroup var source: ScheduleSource
        @Flag(help: "Machine-readable output.") var json = false

        struct Row: Encodable {
            var id, name, title, agency: String
            var entitlements: [String]
            var missingContact: [String]
        }

        func run() throws {
            let roster = try source.load().roster
            let rows = roster.people.values.sorted { $0.id < $1.id }.map {
                Row(
                    id: $0.id.rawValue,
                    name: $0.name,
                    title: $0.title,
                    agency: $0.agency.rawValue,
                    entitlements: $0.entitlements.map { "\($0.agency): \($0.label)" },
                    missingContact: $0.contact.missing
                )
            }
            if json { return try JSONOutput.print(rows) }
            var table = TextTable("Id", "Họ tên", "Chức vụ", "Quyền phát ngôn")
            for r in rows { table.add(r.id, r.name, r.title, r.entitlements.joined(separator: "; ")) }
            print(table.render())
        }
    }

    struct Unavailable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unavailable",
            abstract: "Record leave, travel or a busy time.",
            discussion:
                "Example: podium spokesperson unavailable nguyen-van-an --from 2024-08-01T00:00:00+07:00 --to 2024-08-05T00:00:00+07:00 --kind leave --reason \"Nghỉ phép\""
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The person's id.") var id: String
        @Option(help: "Start (ISO 8601 instant).") var from: String
        @Option(help: "End (ISO 8601 instant).") var to: String
        @Option(help: "leave | travel | busy") var kind: String = "leave"
        @Option(help: "Why.") var reason: String?

        func run() throws {
            let start = try ExportCommand.instant(from, option: "--from")
            let end = try ExportCommand.instant(to, option: "--to")
            guard start < end else { throw PodiumExit.badInput("--to must be after --from") }
            guard let k = Unavailability.Kind(rawValue: kind) else {
                throw PodiumExit.badInput("--kind: \"\(kind)\" is not leave, travel or busy")
            }
            do {
                let rev = try store.open().addUnavailability(
                    Spokesperson.ID(id),
                    [Unavailability(start: start, end: end, kind: k, reason: reason)],
                    actor: StoreOptions.defaultActor,
                    at: Date()
                )
                print("recorded; revision \(rev)")
            } catch let e as StoreError { throw e.exit }
        }
    }

    struct ImportBusy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-busy",
            abstract: "Import busy times from a person's own .ics (VEVENTs or VFREEBUSY).",
            discussion:
                "Example: podium spokesperson import-busy nguyen-van-an calendar.ics --from 2024-01-01 --to 2025-01-01"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The person's id.") var id: String
        @Argument(help: "The .ics file.") var file: String
        @OptionGroup var window: Window

        func run() throws {
            let text = try DataFiles.read(file)
            let calendar: ICalCalendar
            do { calendar = try ICalendarParser.parse(text) } catch { throw PodiumExit.badInput("\(file): \(error)") }
            let f =
                try window.from.map { try DataFiles.date($0, option: "--from") }
                ?? LocalDate(year: 2000, month: 1, day: 1)
            let t =
                try window.to.map { try DataFiles.date($0, option: "--to") } ?? LocalDate(year: 2100, month: 1, day: 1)
            let (busy, report) = try BusyTimes.from(
                calendar,
                from: LocalDateTime(f, hour: 0, minute: 0).asUTCDate,
                to: LocalDateTime(t, hour: 0, minute: 0).asUTCDate
            )
            do {
                let rev = try store.open().addUnavailability(
                    Spokesperson.ID(id),
                    busy,
                    actor: StoreOptions.defaultActor,
                    at: Date()
                )
                print("\(file): \(busy.count) busy intervals taken; revision \(rev)")
                for line in report { print("  \(line)") }
            } catch let e as StoreError { throw e.exit }
        }
    }
}

/// Turns an .ics into busy intervals: opaque, non-cancelled VEVENTs (recurring ones expanded
/// over the window) and VFREEBUSY periods; the rest is reported as skipped.
enum BusyTimes {
    static func from(_ c: ICalCalendar, from: Date, to: Date) throws -> ([Unavailability], [String]) {
        var out: [Unavailability] = []
        var report = c.skipped.map(\.description)
        for b in c.busyPeriods {
            out.append(Unavailability(start: b.start.asUTCDate, end: b.end.asUTCDate, kind: .busy))
        }
        for e in c.events {
            if e.transparency == .transparent || e.status == .cancelled {
                report.append("\(e.uid): skipped (transparent or cancelled)")
                continue
            }
            do {
                let set = RecurrenceSet(
                    start: e.start,
                    rule: e.recurrenceRule,
                    recurrenceDates: e.recurrenceDates,
                    exceptionDates: e.exceptionDates
                )
                let length: TimeInterval
                if let end = e.end {
                    length = try TimeZones.instant(of: end).timeIntervalSince(try TimeZones.instant(of: e.start))
                } else {
                    length = TimeInterval(e.duration ?? (e.start.isDate ? 86_400 : 0))
                }
                for i in try set.instances(from: from, to: to) {
                    out.append(
                        Unavailability(
                            start: i.instant,
                            end: i.instant.addingTimeInterval(max(length, 60)),
                            kind: .busy,
                            reason: e.summary
                        )
                    )
                }
            } catch {
                throw PodiumExit.badInput("\(e.uid): \(error)")
            }
        }
        return (out, report)
    }
}
