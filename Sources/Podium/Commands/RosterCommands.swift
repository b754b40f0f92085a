import APIBodies
import ArgumentParser
import Feeds
import Foundation
import ICalendar
import Scheduling
import Store

/// The window most commands work on: `--from`/`--to` dates in the plan's time zone.
struct Window: ParsableArguments {
    @Option(help: "First day (YYYY-MM-DD, in the plan's zone); default: 1 January of the schedule's first year.")
    var from: String?
    @Option(help: "Day after the last (YYYY-MM-DD); default: one year after --from.") var to: String?

    func resolve(_ schedule: Schedule) throws -> PlanWindow {
        let firstYear = schedule.series.values.map(\.start.date.year).min() ?? 2024
        let f =
            try from.map { try DataFiles.date($0, option: "--from") } ?? LocalDate(year: firstYear, month: 1, day: 1)
        let t =
            try to.map { try DataFiles.date($0, option: "--to") }
            ?? LocalDate(year: f.year + 1, month: f.month, day: f.day)
        guard f < t else { throw PodiumExit.badInput("--to must be after --from") }
        do { return try PlanWindow(from: f, to: t) } catch { throw PodiumExit.badInput("\(error)") }
    }
}

/// Loads the schedule and expands it over the window.
struct Expanded {
    var loaded: ScheduleSource.Loaded
    var engine: OccurrenceEngine
    var occurrences: [Occurrence]
    var window: PlanWindow

    init(_ source: ScheduleSource, _ window: Window) throws {
        loaded = try source.load()
        self.window = try window.resolve(loaded.schedule)
        engine = OccurrenceEngine(
            calendar: WorkingCalendar(
                years: loaded.schedule.calendarYears(for: self.window.from.year...self.window.to.year),
                decisions: loaded.decisions
            )
        )
        // The store validated every change when it was written; a plan file is checked here.
        let problems = loaded.store == nil ? engine.problems(in: loaded.schedule) : []
        if !problems.isEmpty { throw PodiumExit.badInput(problems.map(\.description).joined(separator: "; ")) }
        occurrences = try engine.occurrences(in: loaded.schedule, from: self.window.start, to: self.window.end)
    }
}

/// An occurrence named on the command line, resolved against the stored schedule.
struct ResolvedOccurrence {
    var occurrence: Occurrence
    var store: PodiumStore
    var roster: Roster
    var access: CLIAccess

    /// Loads the store and finds the occurrence; a moved occurrence may be named by its new
    /// start, and the command then says which stable id it used. The actor must be allowed
    /// to edit the organiser's briefings.
    init(_ text: String, store options: StoreOptions) throws {
        access = try options.access()
        store = access.store
        let loaded = try ScheduleSource.load(from: store, decisions: try DataFiles.holidayDecisions(nil))
        let engine = OccurrenceEngine(
            calendar: WorkingCalendar(years: loaded.schedule.calendarYears(), decisions: loaded.decisions)
        )
        do {
            let (o, match) = try engine.resolve(OccurrenceID(rawValue: text), in: loaded.schedule)
            if match == .movedStart {
                printError("note: \(text) is where \(o.id) was moved to; changing \(o.id)")
            }
            occurrence = o
        } catch {
            throw PodiumExit.badInput("\(text): \(error)")
        }
        roster = loaded.roster
        try access.require(.edit, .agency(occurrence.organizer))
    }

    /// Refuses people who are not on the roster or not entitled (exit 2); prints the other
    /// problems as warnings, which `strict` turns into a refusal.
    func vet(_ a: Assignment, strict: Bool) throws {
        let problems = AssignmentCheck().problems(a, for: occurrence, roster: roster)
        let blocking = problems.filter { strict || $0.isBlocking }
        if !blocking.isEmpty {
            throw PodiumExit.badInput(
                "\(occurrence.id) (\(occurrence.title.vi), \(occurrence.start)): "
                    + blocking.map(\.description).joined(separator: "; ")
            )
        }
        for p in problems { printError("warning: \(occurrence.id): \(p)") }
        for seat in occurrence.panel.open(in: a) {
            let matter = seat.matter.map { " for \"\($0)\"" } ?? ""
            printError("warning: \(occurrence.id): no \(seat.role.rawValue)\(matter) (the briefing needs one)")
        }
    }
}

struct ChangeReply: Encodable {
    var occurrence: String
    var primary: String?
    var backups: [String]
    var panel: [String] = []
    var revision: Int
    var warnings: [String]
}

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Say who speaks at one occurrence (manual; kept by auto-assign).",
        discussion: """
            Occurrence ids are <series>@<original start YYYYMMDDTHHMMSS> or the ad-hoc id; a
            moved occurrence may also be named by its new start. People who are not entitled
            to speak for the organiser on the briefing's matter (Decree 09/2017 Art. 3) are
            refused; other problems (leave, languages) are warnings, refused with --strict.
            Example: podium assign hop-bao-quy@20240404T150000 --primary nguyen-van-an --backup tran-thi-binh --lock --reason "Chủ trì"
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The occurrence id.") var occurrence: String
    @Option(help: "The primary spokesperson id.") var primary: String
    @Option(help: "A backup spokesperson id (repeat for more, in order).") var backup: [String] = []
    @Option(
        help:
            "A panel seat, ROLE:PERSON or panelist:PERSON:MATTER (repeat; roles chair, panelist, moderator, interpreter). The seats given replace the whole panel; without any the panel stays as it is."
    )
    var panel: [String] = []
    @Flag(help: "Empty the panel.") var clearPanel = false
    @Flag(help: "Lock it: automatic assignment will not move it.") var lock = false
    @Option(help: "Why.") var reason: String
    @Option(help: "The assignment revision your change is based on.") var revision: Int?
    @Flag(help: "Refuse the change on any warning.") var strict = false
    @Flag(help: "Machine-readable output.") var json = false

    func run() throws {
        let target = try ResolvedOccurrence(occurrence, store: store)
        guard !backup.contains(primary), Set(backup).count == backup.count else {
            throw PodiumExit.badInput("--backup: a person can be named only once (primary or one backup)")
        }
        if clearPanel && !panel.isEmpty {
            throw PodiumExit.badInput("--panel and --clear-panel: give one or the other")
        }
        var seats: [PanelSeat] = []
        for text in panel {
            do { seats.append(try BodyFields.seat(text, field: "--panel")) } catch {
                throw PodiumExit.badInput(error.detail)
            }
        }
        let current = target.roster.assignments[target.occurrence.id]?.panel ?? []
        let a = Assignment(
            occurrence: target.occurrence.id,
            primary: .init(person: Spokesperson.ID(primary), source: .manual),
            backups: backup.map { .init(person: Spokesperson.ID($0), source: .manual) },
            panel: clearPanel ? [] : panel.isEmpty ? current : seats,
            locked: lock,
            reason: reason
        )
        try target.vet(a, strict: strict)
        do {
            let rev = try target.store.assign(a, expectedRevision: revision, actor: target.access.actor, at: Date())
            if json {
                return try JSONOutput.print(
                    ChangeReply(
                        occurrence: a.occurrence.rawValue,
                        primary: primary,
                        backups: backup,
                        panel: a.panel.map(\.text),
                        revision: rev,
                        warnings: AssignmentCheck().problems(a, for: target.occurrence, roster: target.roster)
                            .map(\.description)
                    )
                )
            }
            print("assigned \(a.occurrence); revision \(rev)")
        } catch let e as StoreError { throw e.exit }
    }
}

struct SwapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swap",
        abstract:
            "Make another person the primary spokesperson of an occurrence; the previous one becomes first backup.",
        discussion: "Example: podium swap hop-bao-quy@20240404T150000 --to tran-thi-binh --reason \"Ốm\""
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The occurrence id.") var occurrence: String
    @Option(help: "Who takes over as primary.") var to: String
    @Option(help: "Why.") var reason: String
    @Flag(help: "Refuse the change on any warning.") var strict = false
    @Flag(help: "Machine-readable output.") var json = false

    func run() throws {
        let target = try ResolvedOccurrence(occurrence, store: store)
        let id = target.occurrence.id
        var a = target.roster.assignments[id] ?? Assignment(occurrence: id, primary: nil)
        let previous = a.primary
        guard previous?.person.rawValue != to else {
            throw PodiumExit.badInput("\(id): \(to) is already the primary spokesperson; nothing to swap")
        }
        a.backups.removeAll { $0.person.rawValue == to }
        if let previous { a.backups.insert(previous, at: 0) }
        a.primary = .init(person: Spokesperson.ID(to), source: .manual)
        a.reason = reason
        try target.vet(a, strict: strict)
        do {
            let rev = try target.store.assign(
                a,
                expectedRevision: a.revision,
                actor: target.access.actor,
                at: Date(),
                action: "swap"
            )
            if json {
                return try JSONOutput.print(
                    ChangeReply(
                        occurrence: id.rawValue,
                        primary: to,
                        backups: a.backups.map(\.person.rawValue),
                        revision: rev,
                        warnings: []
                    )
                )
            }
            print(
                "swapped: \(to) is now primary for \(id)\(previous.map { ", \($0.person) first backup" } ?? ""); revision \(rev)"
            )
        } catch let e as StoreError { throw e.exit }
    }
}

struct AutoAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auto-assign",
        abstract: "Assign spokespeople over a window: hard constraints first, then fair load; explains every choice.",
        discussion: """
            Every earlier assignment (locked, manual or automatic) stays unless a hard
            constraint forces a change; each change is shown as a diff with the constraint
            that forced it. Exit 1 when some briefing cannot be covered.
            Example: podium auto-assign --from 2024-01-01 --to 2025-01-01 --explain
            """
    )

    @OptionGroup var source: ScheduleSource
    @OptionGroup var window: Window
    @Flag(help: "Show why each person was chosen and the others were not.") var explain = false
    @Flag(help: "Do not save.") var dryRun = false
    @Option(help: "Language of the explanations: vi | en.") var lang: String = "vi"
    @Flag(help: "Machine-readable output.") var json = false

    struct Change: Encodable {
        var occurrence: String
        var before: [String]
        var after: [String]
        var forcedBy: String?
    }

    struct Output: Encodable {
        var assigned: [String: String]
        var backups: [String: [String]]
        var panels: [String: [String]]
        var uncovered: [String: [String: String]]
        var forced: [String: String]
        var changes: [Change]
        var saved: Int
    }

    func run() throws {
        guard let language = Language(rawValue: lang) else { throw PodiumExit.badInput("--lang: vi or en") }
        let x = try Expanded(source, window)
        let outcome = AutoAssigner().assign(x.occurrences, roster: x.loaded.roster)
        let changes = outcome.assignments.values.sorted { $0.occurrence < $1.occurrence }.compactMap {
            a -> Change? in
            let before = x.loaded.roster.assignments[a.occurrence].map(Self.named) ?? []
            let after = Self.named(a)
            guard before != after else { return nil }
            return Change(
                occurrence: a.occurrence.rawValue,
                before: before,
                after: after,
                forcedBy: outcome.forced[a.occurrence]
            )
        }
        var saved = 0
        if !dryRun, x.loaded.store != nil {
            // Everyone's briefings count for double bookings; only the actor's are saved.
            let access = try source.store.access()
            let organizer = Dictionary(x.occurrences.map { ($0.id, $0.organizer) }, uniquingKeysWith: { a, _ in a })
            let mine = outcome.assignments.values.filter { a in
                organizer[a.occurrence].map { access.allows(.edit, .agency($0)) } ?? false
            }
            if mine.isEmpty && !outcome.assignments.isEmpty {
                throw PodiumExit.badInput("refused: \(access.actor) may not edit any briefing in this window")
            }
            do { saved = try access.store.saveAssignments(mine, actor: access.actor, at: Date()) } catch {
                throw error.exit
            }
        }
        if json {
            try JSONOutput.print(
                Output(
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
                    panels: Dictionary(
                        uniqueKeysWithValues: outcome.assignments.filter { !$0.value.panel.isEmpty }.map {
                            ($0.key.rawValue, $0.value.panel.map(\.text))
                        }
                    ),
                    uncovered: Dictionary(
                        uniqueKeysWithValues: outcome.uncovered.map {
                            (
                                $0.key.rawValue,
                                Dictionary(
                                    uniqueKeysWithValues: $0.value.map { ($0.key.rawValue, $0.value.text(language)) }
                                )
                            )
                        }
                    ),
                    forced: Dictionary(uniqueKeysWithValues: outcome.forced.map { ($0.key.rawValue, $0.value) }),
                    changes: changes,
                    saved: saved
                )
            )
        } else {
            print(table(x, outcome, language).render())
            let vi = language == .vi
            // "Name (role)", the role in the reader's words.
            let name = { (entry: String) -> String in
                let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
                let who = x.loaded.roster.people[Spokesperson.ID(parts.last!)]?.name ?? parts.last!
                let role = AssignmentView.Role(rawValue: parts.first!)?.name(language).lowercased() ?? parts.first!
                return "\(who) (\(role))"
            }
            for c in changes {
                let before = c.before.isEmpty ? "—" : c.before.map(name).joined(separator: ", ")
                let after = c.after.map(name).joined(separator: ", ")
                let forced = c.forcedBy.map { vi ? " (bắt buộc: \($0))" : " (forced: \($0))" } ?? ""
                print("\(c.before.isEmpty ? "+" : "~") \(c.occurrence): \(before) → \(after)\(forced)")
            }
            let open = x.occurrences.filter(\.isHappening).reduce(0) { n, o in
                n + (outcome.assignments[o.id].map { o.panel.open(in: $0).count } ?? 0)
            }
            if open > 0 {
                print(
                    vi
                        ? "\(open) ghế trong tổ chủ trì còn trống (podium check: PANEL-SEAT)"
                        : "\(open) panel seats left open (podium check: PANEL-SEAT)"
                )
            }
            for (id, reasons) in outcome.uncovered.sorted(by: { $0.key < $1.key }) {
                print(vi ? "chưa phủ \(id):" : "uncovered \(id):")
                for (p, r) in reasons.sorted(by: { $0.key < $1.key }) { print("  \(p): \(r.text(language))") }
            }
            if dryRun {
                print(
                    vi
                        ? "\(changes.count) thay đổi đề xuất (chưa lưu)"
                        : "\(changes.count) changes proposed (not saved)"
                )
            } else {
                print(
                    vi
                        ? "\(changes.count) thay đổi, \(saved) phân công đã lưu"
                        : "\(changes.count) changes, \(saved) assignments saved"
                )
            }
        }
        if !outcome.uncovered.isEmpty { throw PodiumExit.problems() }
    }

    /// Everyone an assignment names, as "ROLE:PERSON" in reading order (speaker, panel, backups).
    static func named(_ a: Assignment) -> [String] {
        (a.primary.map { ["primary:\($0.person.rawValue)"] } ?? [])
            + PanelSeat.reading(a.panel).map { "\($0.role.rawValue):\($0.person.rawValue)" }
            + a.backups.map { "backup:\($0.person.rawValue)" }
    }

    /// Who speaks at each happening occurrence, with the reasons when `--explain` is given.
    func table(_ x: Expanded, _ outcome: AssignmentOutcome, _ language: Language) -> TextTable {
        let vi = language == .vi
        let name = { (id: Spokesperson.ID) in x.loaded.roster.people[id]?.name ?? id.rawValue }
        var table =
            vi
            ? TextTable("Buổi", "Người phát ngôn", "Dự phòng", "Tổ chủ trì")
            : TextTable("Briefing", "Spokesperson", "Backups", "Panel")
        for o in x.occurrences where o.isHappening {
            let a = outcome.assignments[o.id]
            table.add(
                "\(o.start.date) \(String(format: "%02d:%02d", o.start.hour, o.start.minute)) \(o.title.text(language))",
                a?.primary.map { name($0.person) } ?? (vi ? "— chưa có —" : "— none —"),
                a?.backups.map { name($0.person) }.joined(separator: ", ") ?? "",
                PanelSeat.reading(a?.panel ?? []).map { "\($0.role.name(language)): \(name($0.person))" }
                    .joined(separator: ", ")
            )
            if explain, let e = outcome.explanations[o.id] {
                table.add(vi ? "  vì sao" : "  why", e.chosen.map(name) ?? "", e.why.text(language))
                for (p, why) in e.others.sorted(by: { $0.key < $1.key }) {
                    table.add(vi ? "  không chọn" : "  not chosen", name(p), why.text(language))
                }
            }
        }
        return table
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
    @Option(help: "The moment that decides which briefings have taken place (YYYY-MM-DD or ISO 8601); default: now.")
    var asOf: String?
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
        try DataFiles.requireRules(x.loaded.rules)
        let findings =
            PlanChecker(
                calendar: x.engine.calendar,
                officeHours: x.loaded.officeHours,
                rules: x.loaded.rules
            )
            .check(x.occurrences, schedule: x.loaded.schedule, roster: x.loaded.roster, window: x.window)
            + (try missingOutcomes(x))
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

    /// Briefings in the window that took place by --as-of (default: now) without a recorded
    /// outcome (warnings: the yearly report would be short).
    func missingOutcomes(_ x: Expanded) throws -> [Finding] {
        guard let store = x.loaded.store else { return [] }
        let now = try asOf.map { try ExportCommand.instant($0, option: "--as-of") } ?? Date()
        do {
            return OutcomeCheck.missing(x.occurrences, outcomes: Set(try store.outcomes().keys), now: now)
        } catch { throw error.exit }
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
            let access = try store.access()
            try access.require(.respond, try access.person(Spokesperson.ID(id)))
            do {
                let result = try access.store.addUnavailability(
                    Spokesperson.ID(id),
                    [Unavailability(start: start, end: end, kind: k, reason: reason)],
                    actor: access.actor,
                    at: Date()
                )
                print(result.added == 0 ? "already recorded" : "recorded; revision \(result.revision)")
            } catch { throw error.exit }
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
            do { calendar = try ICalendarParser.parse(text, lenient: true) } catch {
                throw PodiumExit.badInput("\(file): \(error)")
            }
            let f =
                try window.from.map { try DataFiles.date($0, option: "--from") }
                ?? LocalDate(year: 2000, month: 1, day: 1)
            let t =
                try window.to.map { try DataFiles.date($0, option: "--to") } ?? LocalDate(year: 2100, month: 1, day: 1)
            let busy: [Unavailability]
            let report: [String]
            do {
                (busy, report) = try BusyTimes.from(
                    calendar,
                    from: LocalDateTime(f, hour: 0, minute: 0).asUTCDate,
                    to: LocalDateTime(t, hour: 0, minute: 0).asUTCDate
                )
            } catch { throw PodiumExit.badInput("\(file): \(error)") }
            let access = try store.access()
            try access.require(.respond, try access.person(Spokesperson.ID(id)))
            do {
                let result = try access.store.addUnavailability(
                    Spokesperson.ID(id),
                    busy,
                    actor: access.actor,
                    at: Date()
                )
                let known = busy.count - result.added
                print(
                    "\(file): \(busy.count) busy intervals read, \(result.added) new"
                        + (known > 0 ? ", \(known) already recorded" : "") + "; revision \(result.revision)"
                )
                for line in report { print("  \(line)") }
            } catch { throw error.exit }
        }
    }
}
