import ArgumentParser
import Foundation
import ICalendar
import PlanFile
import Scheduling
import Store

/// `--database`: the SQLite file, from the option, else `PODIUM_DATABASE`, else
/// `./podium.sqlite`. Only `init` and `serve --seed` create it; other commands refuse a
/// missing file with its path.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database (default: $PODIUM_DATABASE or ./podium.sqlite).")
    var database: String?
    @Option(
        name: .customLong("as"),
        help: "The user to act as (default: $PODIUM_USER, else the login name); recorded in the history."
    )
    var asUser: String?

    /// Who the CLI acts as when `--as` is not given: the login name.
    static var defaultActor: String { ProcessInfo.processInfo.environment["USER"] ?? "secretariat" }

    init() {}
    init(database: String?) { self.database = database }

    var path: String { database ?? ProcessInfo.processInfo.environment["PODIUM_DATABASE"] ?? "podium.sqlite" }

    func open(create: Bool = false) throws -> PodiumStore {
        do { return try PodiumStore.open(path: path, create: create) } catch {
            throw PodiumExit.badInput(error.description)
        }
    }
}

/// Where a read-only command takes its schedule from: a plan file, or the database.
struct ScheduleSource: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Option(help: "Read this plan file (YAML) instead of the database.") var plan: String?
    @Option(help: "A holiday decisions file (YAML), added to the stored ones.") var holidays: String?
    @Option(help: "The legal rules file (default: $PODIUM_RULES or calendars/rules/vietnam.yaml).") var rules: String?

    struct Loaded {
        var schedule: Schedule
        var decisions: [HolidayDecision]
        var roster: Roster
        var officeHours: [OfficeHours]
        var store: PodiumStore?
        /// National rules from the rules file, then the province's local ones.
        var rules: [LegalRule] = []
        /// The agencies the CLI user may read, for commands that list items one by one
        /// (nil: every one — a plan file, or a database without users yet).
        var viewScope: Set<Agency.ID>? = nil
    }

    /// - Parameter window: local dates (`to` excluded); when given, a database reads only the
    ///   series and briefings that can occur between them (by date, through its indexes).
    func load(window: (from: LocalDate, to: LocalDate)? = nil) throws -> Loaded {
        // Days off: stored decisions first, then the files (`podium holidays` reads the same).
        let decisions = try DataFiles.holidayDecisions(holidays)
        if let plan {
            let p = try DataFiles.plan(plan)
            let national = try DataFiles.rules(rules)
            try DataFiles.checkStricter(p.localRules, than: national, file: plan)
            return Loaded(
                schedule: p.schedule,
                decisions: decisions + p.holidayDecisions,
                roster: p.roster,
                officeHours: p.officeHours,
                store: nil,
                rules: national + p.localRules
            )
        }
        // Reading the stored plan (internal and draft items included) is the `view` action: it
        // passes the one authorization function like every write.
        let access = try store.access()
        try access.requireViewAnywhere()
        var loaded = try Self.load(
            from: access.store,
            decisions: decisions,
            rules: try DataFiles.rules(rules),
            window: window
        )
        loaded.viewScope = access.viewScope(in: loaded.schedule)
        return loaded
    }

    /// Everything stored, with `decisions` (from files) before the stored ones, and the
    /// national `rules` before the stored local ones.
    static func load(
        from s: PodiumStore,
        decisions: [HolidayDecision] = [],
        rules: [LegalRule] = [],
        window: (from: LocalDate, to: LocalDate)? = nil
    ) throws -> Loaded {
        var decisions = decisions
        do {
            decisions = try s.holidayDecisions() + decisions
            let schedule: Schedule
            if let window {
                schedule = try s.schedule(from: window.from, to: window.to)
            } else {
                schedule = try s.schedule()
            }
            return Loaded(
                schedule: schedule,
                decisions: decisions,
                roster: try s.roster(),
                officeHours: try s.officeHours(),
                store: s,
                rules: rules + (try s.localRules())
            )
        } catch {
            throw PodiumExit.badInput(error.description)
        }
    }
}

extension StoreError {
    /// Conflicts and invalid changes are bad input (exit 2) with the store's message.
    var exit: PodiumExit { PodiumExit.badInput(description) }
}
