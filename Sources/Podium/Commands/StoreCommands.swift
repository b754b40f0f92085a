import ArgumentParser
import Feeds
import Foundation
import ICalendar
import PlanFile
import Scheduling
import Server
import Store

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create (or migrate) the database; with --admin, its first administrator.",
        discussion: """
            The first administrator holds `admin` on every agency (scope *) and gets a
            one-time password, printed once. Other users come from `podium user add`.
            Example: podium init --database podium.sqlite --admin admin
            """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Create the first administrator with this login name.") var admin: String?

    func run() throws {
        let s = try store.open(create: true)
        print("database ready: \(s.path)")
        guard let admin else { return }
        do {
            guard try s.userCount() == 0 else {
                throw PodiumExit.badInput("--admin: users exist already; add more with `podium user add`")
            }
            let password = Passwords.generate()
            try s.createUser(
                User(name: admin, displayName: admin, grants: [Grant(role: .admin, scope: AccessPolicy.everywhere)]),
                passwordHash: Passwords.hash(password),
                actor: store.actorName,
                at: Date()
            )
            print("administrator \(admin) (admin on every agency); one-time password: \(password)")
        } catch let e as StoreError { throw e.exit }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an annual plan (YAML) into the database: all or nothing, idempotent.",
        discussion: """
            Re-importing the same plan changes nothing; a changed field bumps only that item's
            revision. Errors name the file, line and field, and leave the database unchanged.

            Example: podium import calendars/phu-yen-2024/plan.yaml
            """
    )

    @OptionGroup var store: StoreOptions
    @Argument(help: "The plan (.yaml), holiday data (.yaml) or calendar (.ics) file.") var file: String
    @Option(help: "For .ics files: holidays | schedule.") var kind: String?
    @Option(help: "For .ics schedules: the organising agency.") var agency: String?
    @Option(help: "For .ics schedules: the language of the texts (vi | en); default: detected.") var lang: String?
    @Flag(help: "For .ics schedules: publish at once instead of importing as drafts.") var publish = false
    @Flag(help: "Machine-readable output.") var json = false

    func run() throws {
        let text = try DataFiles.read(file)
        if file.lowercased().hasSuffix(".ics") { return try importCalendar(text) }
        if PlanReader.isHolidayFile(text) { return try importHolidays(text) }
        var plan = try DataFiles.plan(file)
        if !plan.localRules.isEmpty {
            try DataFiles.checkStricter(plan.localRules, than: try DataFiles.rules(), file: file)
        }
        let problems = OccurrenceEngine(calendar: WorkingCalendar(years: 2000...2000, pending: [])).problems(
            in: plan.schedule
        )
        if !problems.isEmpty {
            throw PodiumExit.badInput("\(file): " + problems.map(\.description).joined(separator: "; "))
        }
        let access = try store.access()
        // Every agency the plan touches must be the actor's to edit (new ones judged by their
        // place under existing ones).
        let stored: [Agency]
        do { stored = Array(try access.store.agencies().values) } catch { throw error.exit }
        let policy = AccessPolicy(agencies: stored + Array(plan.schedule.agencies.values))
        if let user = access.user {
            for id in plan.schedule.agencies.keys.sorted() {
                if case .refused(let why) = policy.decide(user.actor, .edit, .agency(id)) {
                    throw PodiumExit.badInput("refused: \(why)")
                }
            }
        }
        // The same holds as an upload: drafts where approval is needed, agencies changed only
        // by their administrator, and a downloaded file refused once the plan moved on.
        let storedPlan: Plan
        do { storedPlan = try access.store.plan() } catch { throw error.exit }
        let (drafted, refusals) = plan.holdTo(access.user?.actor, stored: storedPlan)
        if !refusals.isEmpty { throw PodiumExit.badInput("refused: \(file): " + refusals.joined(separator: "; ")) }
        let latest: Int
        do { latest = try access.store.latestRevision() } catch { throw error.exit }
        if let why = plan.staleness(latest: latest, file: file) { throw PodiumExit.badInput(why) }
        let s = access.store
        let actor = access.actor
        let report: ImportReport
        report = try s.importPlan(plan, file: file, expectedRevision: plan.basedOn, actor: actor, at: Date())
        for d in drafted { printError("note: \(d) is stored as a draft: its agency's new items wait for an approver") }
        if json { return try JSONOutput.print(report) }
        print(
            "\(file): \(report.created.count) created, \(report.updated.count) updated, \(report.unchanged.count) unchanged"
        )
        for c in report.created { print("  + \(c)") }
        for u in report.updated { print("  ~ \(u)") }
        if let o = report.outcomes {
            print(
                "  outcomes: \(o.outcomes) stored, \(o.followUps) follow-ups, \(o.narratives) report texts, \(o.unchanged) unchanged"
            )
        }
    }
}

extension ImportCommand {
    /// An .ics file: a holiday calendar or a schedule exported by another tool. Parsed in
    /// full first (any error names the line and changes nothing), then stored in one
    /// transaction, with a report of what was taken and skipped.
    func importCalendar(_ text: String) throws {
        let calendar: ICalCalendar
        do { calendar = try ICalendarParser.parse(text, lenient: true) } catch {
            throw PodiumExit.badInput("\(file): \(error)")
        }
        let access = try store.access()
        let s = access.store
        let actor = access.actor
        var report: ImportReport
        var details: CalendarImport.Report
        switch kind {
        case "holidays":
            try requireHolidayEditor(access)
            let (days, r) = CalendarImport.holidays(calendar, source: file)
            details = r
            let existing: [HolidayDecision]
            do { existing = try s.holidayDecisions() } catch { throw error.exit }
            var byYear = Dictionary(existing.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
            for d in days {
                var decision =
                    byYear[d.date.year] ?? HolidayDecision(year: d.date.year, reference: "imported from \(file)")
                if !decision.extraDaysOff.contains(where: { $0.date == d.date }) { decision.extraDaysOff.append(d) }
                byYear[d.date.year] = decision
            }
            do {
                report = try s.importPlan(
                    agencies: [],
                    venues: [],
                    series: [],
                    adHoc: [],
                    decisions: byYear.values.sorted { $0.year < $1.year },
                    actor: actor,
                    at: Date()
                )
            } catch { throw error.exit }
        case "schedule":
            guard let agency else {
                throw PodiumExit.badInput("--agency: a schedule import needs the organising agency")
            }
            do {
                guard try s.agencies()[Agency.ID(agency)] != nil else {
                    throw PodiumExit.badInput("--agency: unknown agency \"\(agency)\"")
                }
            } catch let e as StoreError { throw e.exit }
            try access.require(.edit, .agency(Agency.ID(agency)))
            let imported: CalendarImport.Schedule
            do {
                imported = try CalendarImport.schedule(
                    calendar,
                    organizer: Agency.ID(agency),
                    status: publish ? .scheduled : .draft,
                    language: try lang.map { l -> Language in
                        guard let v = Language(rawValue: l) else { throw PodiumExit.badInput("--lang: vi or en") }
                        return v
                    },
                    existingVenues: (try? s.schedule().venues) ?? [:]
                )
            } catch let e as PodiumExit { throw e } catch { throw PodiumExit.badInput("\(file): \(error)") }
            details = imported.report
            let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2000...2000, pending: []))
            for x in imported.series {
                do { try engine.validate(x) } catch { throw PodiumExit.badInput("\(file): \(error)") }
            }
            do {
                report = try s.importPlan(
                    agencies: [],
                    venues: imported.venues,
                    series: imported.series,
                    adHoc: imported.adHoc,
                    decisions: [],
                    actor: actor,
                    at: Date()
                )
            } catch { throw error.exit }
        default:
            throw PodiumExit.badInput("--kind: give holidays or schedule for an .ics file")
        }
        if json { return try JSONOutput.print(report) }
        print(
            "\(file): \(details.taken.count) taken, \(details.skipped.count) skipped; \(report.created.count) created, \(report.updated.count) updated"
                + (kind == "schedule" && !publish ? " (as drafts: approve them to publish)" : "")
        )
        for t in details.taken { print("  + \(t)") }
        for k in details.skipped { print("  - \(k)") }
    }

    /// A holiday data file (`decisions:` only): the year's government decisions.
    func importHolidays(_ text: String) throws {
        let decisions: [HolidayDecision]
        do { decisions = try PlanReader.readHolidays(text, file: file) } catch {
            throw PodiumExit.badInput(error.description)
        }
        let access = try store.access()
        try requireHolidayEditor(access)
        let s = access.store
        let actor = access.actor
        let report: ImportReport
        do {
            report = try s.importPlan(
                agencies: [],
                venues: [],
                series: [],
                adHoc: [],
                decisions: decisions,
                actor: actor,
                at: Date()
            )
        } catch { throw error.exit }
        if json { return try JSONOutput.print(report) }
        print(
            "\(file): \(report.created.count) created, \(report.updated.count) updated, \(report.unchanged.count) unchanged"
        )
    }
}

extension ImportCommand {
    /// Days off apply to every agency, so changing them takes edit rights on every top-level
    /// agency stored (a province's admin or editor, or the installation's admin).
    func requireHolidayEditor(_ access: CLIAccess) throws {
        let roots: [Agency.ID]
        do { roots = try access.store.agencies().values.filter { $0.parent == nil }.map(\.id) } catch {
            throw error.exit
        }
        for root in roots.sorted() { try access.require(.edit, .agency(root)) }
        if roots.isEmpty { try access.require(.edit, .agency(AccessPolicy.everywhere)) }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the audit log: who changed what, when, before and after.",
        discussion: "Examples:\n  podium history\n  podium history --id hop-bao-quy --json"
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Only changes to this item.") var id: String?
    @Option(help: "How many entries.") var limit: Int = 30
    @Flag(help: "Machine-readable output.") var json = false

    /// One entry with its bodies as JSON values (not strings of JSON) and the changed fields.
    struct Row: Encodable {
        var revision: Int
        var at: Date
        var actor, action, entity, entityID: String
        var reason: String?
        var changes: [String]
        var before: JSONValue?
        var after: JSONValue?
    }

    func run() throws {
        let changes: [Change]
        let access = try store.access()
        try access.requireViewAnywhere()
        do { changes = try access.store.history(limit: limit, entityID: id) } catch {
            throw error.exit
        }
        let rows = changes.map {
            Row(
                revision: $0.revision,
                at: $0.at,
                actor: $0.actor,
                action: $0.action,
                entity: $0.entity,
                entityID: $0.entityID,
                reason: ChangeDiff.reason(before: $0.before, after: $0.after),
                changes: ChangeDiff.lines(before: $0.before, after: $0.after),
                before: ChangeDiff.value($0.before),
                after: ChangeDiff.value($0.after)
            )
        }
        if json { return try JSONOutput.print(rows) }
        var table = TextTable("Rev", "Time (UTC+7)", "Who", "What", "Item", "Reason", "Before → after")
        for r in rows {
            let local = (try? TimeZones.wallTime(of: r.at, in: RegularSeries.defaultTimeZone))?.description ?? ""
            // The first changed fields; `--json` has them all.
            let shown = r.changes.prefix(3).map { $0.count > 70 ? String($0.prefix(69)) + "…" : $0 }
            let more = r.changes.count > 3 ? " (+\(r.changes.count - 3))" : ""
            table.add(
                String(r.revision),
                local,
                r.actor,
                r.action,
                "\(r.entity) \(r.entityID)",
                r.reason ?? "",
                shown.joined(separator: "; ") + more
            )
        }
        print(table.render())
    }
}

struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Change regular series: cancel or move one occurrence, split.",
        subcommands: [Add.self, Edit.self, CancelOccurrence.self, MoveOccurrence.self, Split.self]
    )

    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Argument(help: "The series id.") var series: String
        @Option(help: "The occurrence's original start, YYYY-MM-DDTHH:MM (local).") var occurrence: String
        @Option(help: "The revision your change is based on (refused if stale).") var revision: Int?
        @Flag(help: "Machine-readable output.") var json = false
        @Flag(help: "Refuse the change when a check warns (holiday, office hours, the law).") var strict = false

        struct Reply: Encodable {
            var series: String
            var occurrence: String
            var action: String
            var revision: Int
        }

        /// Prints the outcome of a change, as text or as JSON.
        func report(_ action: String, revision: Int, text: String) throws {
            if json {
                return try JSONOutput.print(
                    Reply(series: series, occurrence: occurrence, action: action, revision: revision)
                )
            }
            print("\(text); revision \(revision)")
        }

        /// The store, after the actor is found allowed to edit this series' agency.
        func authorized() throws -> CLIAccess {
            let access = try store.access()
            let series: RegularSeries?
            do { series = try access.store.schedule().series[RegularSeries.ID(self.series)] } catch { throw error.exit }
            guard let series else { throw PodiumExit.badInput("unknown series \"\(self.series)\"") }
            try access.require(.edit, .agency(series.organizer))
            return access
        }

        func original() throws -> LocalDateTime {
            guard let t = LocalDateTime(iso: occurrence) else {
                throw PodiumExit.badInput(
                    "--occurrence: \"\(occurrence)\" is not a local date and time (YYYY-MM-DDTHH:MM)"
                )
            }
            return t
        }
    }

    struct CancelOccurrence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel-occurrence",
            abstract: "Cancel one occurrence, with a reason.",
            discussion:
                "Example: podium series cancel-occurrence hop-bao-quy --occurrence 2024-10-03T15:00 --reason \"Bão\""
        )
        @OptionGroup var common: Common
        @Option(help: "Why.") var reason: String

        func run() throws {
            let access = try common.authorized()
            let s = access.store
            do {
                let rev = try s.cancelOccurrence(
                    series: RegularSeries.ID(common.series),
                    original: try common.original(),
                    reason: reason,
                    expectedRevision: common.revision,
                    actor: access.actor,
                    at: Date()
                )
                try common.report("cancel-occurrence", revision: rev, text: "cancelled")
            } catch let e as StoreError { throw e.exit }
        }
    }

    struct MoveOccurrence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "move-occurrence",
            abstract: "Move one occurrence to a new time and/or venue.",
            discussion:
                "Example: podium series move-occurrence hop-bao-quy --occurrence 2024-10-03T15:00 --to 2024-10-04T09:00 --reason \"Trùng lịch\""
        )
        @OptionGroup var common: Common
        @Option(help: "New local start, YYYY-MM-DDTHH:MM.") var to: String?
        @Option(help: "New venue id.") var venue: String?
        @Option(help: "Why.") var reason: String

        func run() throws {
            guard to != nil || venue != nil else { throw PodiumExit.badInput("give --to and/or --venue") }
            let target = try to.map { t -> LocalDateTime in
                guard let v = LocalDateTime(iso: t) else {
                    throw PodiumExit.badInput("--to: \"\(t)\" is not a local date and time")
                }
                return v
            }
            let access = try common.authorized()
            let s = access.store
            if let venue, (try? s.schedule().venues[Venue.ID(venue)]) == nil {
                throw PodiumExit.badInput("--venue: unknown venue \"\(venue)\"")
            }
            // What the checks would say once it is moved: warned now, refused with --strict.
            let loaded = try ScheduleSource.load(
                from: s,
                decisions: try DataFiles.holidayDecisions(nil),
                rules: try DataFiles.rules()
            )
            var after = loaded.schedule
            let original = try common.original()
            let seriesID = RegularSeries.ID(common.series)
            after.series[seriesID]?.exceptions[original] = .move(
                original,
                to: target,
                venue: venue.map { Venue.ID($0) },
                reason: reason,
                revision: 0
            )
            try ChangeCheck.warnOrRefuse(
                ChangeCheck.findings(
                    for: OccurrenceID(series: seriesID, originalStart: original),
                    in: after,
                    loaded: loaded
                ),
                strict: common.strict
            )
            do {
                let rev = try s.moveOccurrence(
                    series: RegularSeries.ID(common.series),
                    original: try common.original(),
                    to: target,
                    venue: venue.map { Venue.ID($0) },
                    reason: reason,
                    expectedRevision: common.revision,
                    actor: access.actor,
                    at: Date()
                )
                try common.report("move-occurrence", revision: rev, text: "moved")
            } catch let e as StoreError { throw e.exit }
        }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "End a series before an occurrence and continue it as a new, linked series.",
            discussion:
                "Example: podium series split giao-ban-bao-chi --occurrence 2024-07-02T08:00 --new-id giao-ban-bao-chi-h2"
        )
        @OptionGroup var common: Common
        @Option(help: "Id of the continuing series.") var newId: String

        func run() throws {
            let access = try common.authorized()
            let s = access.store
            do {
                let rev = try s.split(
                    series: RegularSeries.ID(common.series),
                    at: try common.original(),
                    newID: RegularSeries.ID(newId),
                    expectedRevision: common.revision,
                    actor: access.actor,
                    at: Date()
                )
                try common.report("split", revision: rev, text: "split; \(common.series) ends, \(newId) continues")
            } catch let e as StoreError { throw e.exit }
        }
    }
}
