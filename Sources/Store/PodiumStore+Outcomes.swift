public import Foundation
import GRDB
public import ICalendar
public import Scheduling

/// Outcomes, follow-ups and report texts to store together (an outcomes file).
public struct OutcomeBatch: Sendable {
    public var outcomes: [Outcome]
    public var followUps: [FollowUp]
    public var narratives: [(year: Int, agency: Agency.ID?, text: ReportNarrative)]
    /// Only occurrences that started by then may get an outcome.
    public var now: Date
    /// Leave out (rather than refuse) the items of occurrences that have not started by
    /// `now`: a demonstration server seeded "as of" a day in the year knows only what had
    /// happened by then.
    public var onlyStarted = false
    /// Optimistic concurrency for single edits (the API's If-Match, the page's revision):
    /// the revision each outcome was read at, 0 when there was none.
    public var expectedRevisions: [OccurrenceID: Int] = [:]

    public init(
        outcomes: [Outcome],
        followUps: [FollowUp],
        narratives: [(year: Int, agency: Agency.ID?, text: ReportNarrative)],
        now: Date
    ) {
        self.outcomes = outcomes
        self.followUps = followUps
        self.narratives = narratives
        self.now = now
    }
}

/// What a batch of outcomes changed.
public struct OutcomeImportReport: Hashable, Sendable, Codable {
    public var outcomes = 0
    public var followUps = 0
    public var narratives = 0
    public var unchanged = 0
}

extension PodiumStore {
    // MARK: - reading

    public func outcomes() throws(StoreError) -> [OccurrenceID: Outcome] {
        try read { db in try Self.outcomes(db) }
    }

    public func outcome(_ id: OccurrenceID) throws(StoreError) -> Outcome? {
        try read { db in try Self.outcomes(db, only: id)[id] }
    }

    public func followUps(occurrence: OccurrenceID? = nil) throws(StoreError) -> [FollowUp] {
        try read { db in try Self.followUps(db, occurrence: occurrence) }
    }

    /// The written parts of the report for a year and agency (nil: every agency).
    public func narrative(year: Int, agency: Agency.ID?) throws(StoreError) -> ReportNarrative? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT * FROM reportNarrative WHERE year = ? AND agency = ?",
                arguments: [year, agency?.rawValue ?? ""]
            ).map(Self.narrative)
        }
    }

    // MARK: - writing

    /// Records (or replaces) the outcome of one occurrence, checked against the stored
    /// schedule in the same transaction (OutcomeCheck); `decisions` are the holiday decisions
    /// from files, added to the stored ones. Returns the revision, or nil when nothing changed.
    /// With `expectedRevision` (0: none recorded yet), a stale edit is refused
    /// (`StoreError.conflict`) and nothing is written.
    @discardableResult
    public func recordOutcome(
        _ outcome: Outcome,
        decisions: [HolidayDecision] = [],
        expectedRevision: Int? = nil,
        now: Date,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int? {
        var batch = OutcomeBatch(outcomes: [outcome], followUps: [], narratives: [], now: now)
        if let expectedRevision { batch.expectedRevisions[outcome.occurrence] = expectedRevision }
        return try write { db in
            let r = try Self.importOutcomes(db, batch, decisions: decisions, actor: actor, at: at)
            return r.outcomes > 0 ? try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") : nil
        }
    }

    /// The revision of an occurrence's outcome (its ETag); 0 when none is recorded.
    public func outcomeRevision(_ id: OccurrenceID) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT revision FROM outcome WHERE occurrence = ?", arguments: [id.rawValue])
                ?? 0
        }
    }

    /// Adds a follow-up promised at a briefing; returns it with its id.
    public func addFollowUp(_ f: FollowUp, decisions: [HolidayDecision] = [], now: Date, actor: String, at: Date)
        throws(StoreError) -> FollowUp
    {
        try write { db in
            let context = try Context(db, decisions: decisions)
            var f = f
            f.occurrence = try context.canonical(f.occurrence)
            let problems = OutcomeCheck.problems(
                f,
                occurrence: context.occurrence(f.occurrence),
                outcome: try Self.outcomes(db, only: f.occurrence)[f.occurrence],
                now: now
            )
            if !problems.isEmpty {
                throw StoreError.rejected(
                    problems.map {
                        .init(
                            kind: "follow-up",
                            index: 0,
                            item: f.occurrence.rawValue,
                            field: $0.field,
                            message: $0.message
                        )
                    }
                )
            }
            return try Self.insertFollowUp(db, f, actor: actor, at: at)
        }
    }

    /// Marks a follow-up answered on a day (nil: open again).
    public func answerFollowUp(id: Int, on day: LocalDate?, actor: String, at: Date) throws(StoreError) {
        try write { db in
            guard var f = try Self.followUps(db, id: id).first else {
                throw StoreError.notFound(entity: "follow-up", id: "\(id)")
            }
            let before = try Self.json(f)
            f.answered = day
            let context = try Context(db, decisions: [])
            let problems = OutcomeCheck.problems(
                f,
                occurrence: context.occurrence(f.occurrence),
                outcome: try Self.outcomes(db, only: f.occurrence)[f.occurrence],
                now: .distantFuture
            )
            if !problems.isEmpty {
                throw StoreError.rejected(
                    problems.map {
                        .init(kind: "follow-up", index: 0, item: "\(id)", field: $0.field, message: $0.message)
                    }
                )
            }
            let revision = try Self.record(
                db,
                at: at,
                actor: actor,
                action: day == nil ? "reopen" : "answer",
                entity: "follow-up",
                id: "\(id)",
                before: before,
                after: try Self.json(f)
            )
            try db.execute(
                sql: "UPDATE followUp SET answered = ?, revision = ? WHERE id = ?",
                arguments: [day?.description, revision, id]
            )
        }
    }

    /// Saves the written parts of a yearly report.
    public func saveNarrative(_ n: ReportNarrative, year: Int, agency: Agency.ID?, actor: String, at: Date)
        throws(StoreError)
    {
        try write { db in _ = try Self.putNarrative(db, n, year: year, agency: agency, actor: actor, at: at) }
    }

    /// Outcomes, follow-ups and report texts in one transaction: every item is checked
    /// first, and one refusal stores nothing (`StoreError.rejected` names each item by its
    /// index). Idempotent: an unchanged outcome or follow-up (same occurrence, outlet and
    /// question) bumps nothing.
    public func importOutcomes(
        _ outcomes: [Outcome],
        followUps: [FollowUp],
        narratives: [(year: Int, agency: Agency.ID?, text: ReportNarrative)],
        decisions: [HolidayDecision] = [],
        now: Date,
        actor: String,
        at: Date
    ) throws(StoreError) -> OutcomeImportReport {
        let batch = OutcomeBatch(outcomes: outcomes, followUps: followUps, narratives: narratives, now: now)
        return try write { db in try Self.importOutcomes(db, batch, decisions: decisions, actor: actor, at: at) }
    }

    static func importOutcomes(
        _ db: Database,
        _ input: OutcomeBatch,
        decisions: [HolidayDecision],
        actor: String,
        at: Date
    ) throws -> OutcomeImportReport {
        var (outcomes, followUps, narratives, now) = (input.outcomes, input.followUps, input.narratives, input.now)
        if input.onlyStarted {
            let context = try Context(db, decisions: decisions)
            func started(_ id: OccurrenceID) -> Bool {
                context.occurrence((try? context.canonical(id)) ?? id).map { $0.startInstant <= now } ?? true
            }
            outcomes = outcomes.filter { started($0.occurrence) }
            followUps = followUps.filter { started($0.occurrence) }
        }
        let context = try Context(db, decisions: decisions)
        var rejected: [StoreError.Rejection] = []
        var batch: [OccurrenceID: Outcome] = [:]
        var canonicalOutcomes: [Outcome] = []
        for (i, o) in outcomes.enumerated() {
            var o = o
            o.occurrence = (try? context.canonical(o.occurrence)) ?? o.occurrence
            if batch[o.occurrence] != nil {
                rejected.append(
                    .init(
                        kind: "outcome",
                        index: i,
                        item: o.occurrence.rawValue,
                        field: "occurrence",
                        message: "a second outcome for the same occurrence"
                    )
                )
            }
            for p in OutcomeCheck.problems(
                o,
                occurrence: context.occurrence(o.occurrence),
                roster: context.roster.people,
                now: now,
                lookup: { context.occurrence((try? context.canonical($0)) ?? $0) }
            ) {
                rejected.append(
                    .init(kind: "outcome", index: i, item: o.occurrence.rawValue, field: p.field, message: p.message)
                )
            }
            batch[o.occurrence] = o
            canonicalOutcomes.append(o)
        }
        for (id, expected) in input.expectedRevisions {
            let canonical = (try? context.canonical(id)) ?? id
            let current =
                try Int.fetchOne(
                    db,
                    sql: "SELECT revision FROM outcome WHERE occurrence = ?",
                    arguments: [canonical.rawValue]
                ) ?? 0
            if current != expected {
                throw StoreError.conflict(
                    entity: "outcome",
                    id: canonical.rawValue,
                    expected: expected,
                    current: current
                )
            }
        }
        let stored = try Self.outcomes(db)
        var canonicalFollowUps: [FollowUp] = []
        for (i, f) in followUps.enumerated() {
            var f = f
            f.occurrence = (try? context.canonical(f.occurrence)) ?? f.occurrence
            for p in OutcomeCheck.problems(
                f,
                occurrence: context.occurrence(f.occurrence),
                outcome: batch[f.occurrence] ?? stored[f.occurrence],
                now: now
            ) {
                rejected.append(
                    .init(kind: "follow-up", index: i, item: f.occurrence.rawValue, field: p.field, message: p.message)
                )
            }
            canonicalFollowUps.append(f)
        }
        for (i, n) in narratives.enumerated() {
            if let a = n.agency, context.schedule.agencies[a] == nil {
                rejected.append(
                    .init(kind: "report", index: i, item: "\(n.year)", field: "agency", message: "unknown agency \(a)")
                )
            }
        }
        guard rejected.isEmpty else { throw StoreError.rejected(rejected) }
        var report = OutcomeImportReport()
        for o in canonicalOutcomes {
            if try Self.putOutcome(db, o, old: stored[o.occurrence], actor: actor, at: at) {
                report.outcomes += 1
            } else {
                report.unchanged += 1
            }
        }
        let existing = try Self.followUps(db, occurrence: nil)
        for f in canonicalFollowUps {
            if let same = existing.first(where: {
                $0.occurrence == f.occurrence && $0.outlet == f.outlet && $0.question == f.question
            }) {
                guard same.promised != f.promised || same.answered != f.answered else {
                    report.unchanged += 1
                    continue
                }
                var updated = f
                updated.id = same.id
                let revision = try Self.record(
                    db,
                    at: at,
                    actor: actor,
                    action: "edit",
                    entity: "follow-up",
                    id: "\(same.id)",
                    before: try Self.json(same),
                    after: try Self.json(updated)
                )
                try db.execute(
                    sql: "UPDATE followUp SET promised = ?, answered = ?, revision = ? WHERE id = ?",
                    arguments: [f.promised.description, f.answered?.description, revision, same.id]
                )
            } else {
                _ = try Self.insertFollowUp(db, f, actor: actor, at: at)
            }
            report.followUps += 1
        }
        for n in narratives {
            if try Self.putNarrative(db, n.text, year: n.year, agency: n.agency, actor: actor, at: at) {
                report.narratives += 1
            } else {
                report.unchanged += 1
            }
        }
        return report
    }

    // MARK: - rows

    /// The schedule and roster as stored, with the engine to find occurrences in them.
    struct Context {
        var schedule: Schedule
        var roster: Roster
        var engine: OccurrenceEngine

        init(_ db: Database, decisions: [HolidayDecision]) throws {
            schedule = try PodiumStore.schedule(db)
            roster = try PodiumStore.roster(db)
            engine = OccurrenceEngine(
                calendar: WorkingCalendar(
                    years: schedule.calendarYears(),
                    decisions: try PodiumStore.holidayDecisions(db) + decisions
                )
            )
        }

        /// The stable id (a moved occurrence may be named by its new start).
        func canonical(_ id: OccurrenceID) throws -> OccurrenceID { try engine.resolve(id, in: schedule).occurrence.id }

        func occurrence(_ id: OccurrenceID) -> Occurrence? { try? engine.resolve(id, in: schedule).occurrence }

        /// When the event that called an ad-hoc briefing happened (nil for a planned one).
        func trigger(_ id: OccurrenceID) -> Date? {
            schedule.adHoc[AdHocBriefing.ID(id.rawValue)].flatMap { $0.trigger == .planned ? nil : $0.triggeredAt }
        }
    }

    static func outcomes(_ db: Database, only: OccurrenceID? = nil) throws -> [OccurrenceID: Outcome] {
        let filter = only == nil ? "" : " WHERE occurrence = ?"
        let arguments: StatementArguments = only.map { [$0.rawValue] } ?? []
        let speakers = Dictionary(
            grouping: try Row.fetchAll(
                db,
                sql: "SELECT * FROM outcomeSpeaker\(filter) ORDER BY occurrence, position",
                arguments: arguments
            ),
            by: { $0["occurrence"] as String }
        )
        var out: [OccurrenceID: Outcome] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM outcome\(filter)", arguments: arguments) {
            let id = OccurrenceID(rawValue: row["occurrence"])
            let reason: String = row["reason"] ?? ""
            let result: Outcome.Result
            switch row["result"] as String {
            case "not-held": result = .notHeld(reason: reason)
            case "postponed": result = .postponed(to: OccurrenceID(rawValue: row["postponedTo"] ?? ""), reason: reason)
            default: result = .held
            }
            let agencies: Int? = row["agencies"]
            let received: Int? = row["questionsReceived"]
            out[id] = Outcome(
                occurrence: id,
                result: result,
                actualStart: (row["actualStart"] as String?).flatMap { LocalDateTime(iso: $0) },
                actualEnd: (row["actualEnd"] as String?).flatMap { LocalDateTime(iso: $0) },
                speakers: (speakers[id.rawValue] ?? []).map { s in
                    Outcome.Speaker(
                        person: (s["person"] as String?).map { Spokesperson.ID($0) },
                        name: s["name"],
                        role: Outcome.SpeakerRole(rawValue: s["role"]) ?? .spokesperson
                    )
                },
                attendance: agencies.map {
                    Outcome.Attendance(
                        agencies: $0,
                        journalists: row["journalists"] ?? 0,
                        foreignAgencies: row["foreignAgencies"] ?? 0,
                        foreignJournalists: row["foreignJournalists"] ?? 0
                    )
                },
                questions: received.map { Outcome.Questions(received: $0, answered: row["questionsAnswered"] ?? 0) },
                materials: Outcome.Materials(
                    pressRelease: row["pressRelease"],
                    transcript: row["transcript"],
                    recording: row["recording"]
                ),
                note: row["note"]
            )
        }
        return out
    }

    /// Writes an outcome when it differs from what is stored; true when it did.
    static func putOutcome(_ db: Database, _ o: Outcome, old: Outcome?, actor: String, at: Date) throws -> Bool {
        guard old != o else { return false }
        let revision = try record(
            db,
            at: at,
            actor: actor,
            action: old == nil ? "record" : "edit",
            entity: "outcome",
            id: o.occurrence.rawValue,
            before: try old.map(json),
            after: try json(o)
        )
        try db.execute(sql: "DELETE FROM outcome WHERE occurrence = ?", arguments: [o.occurrence.rawValue])
        var postponedTo: String? = nil
        if case .postponed(let to, _) = o.result { postponedTo = to.rawValue }
        let values: [(String, (any DatabaseValueConvertible)?)] = [
            ("occurrence", o.occurrence.rawValue), ("result", o.result.name), ("reason", o.result.reason),
            ("postponedTo", postponedTo), ("actualStart", o.actualStart?.description),
            ("actualEnd", o.actualEnd?.description), ("agencies", o.attendance?.agencies),
            ("journalists", o.attendance?.journalists), ("foreignAgencies", o.attendance?.foreignAgencies),
            ("foreignJournalists", o.attendance?.foreignJournalists), ("questionsReceived", o.questions?.received),
            ("questionsAnswered", o.questions?.answered), ("pressRelease", o.materials.pressRelease),
            ("transcript", o.materials.transcript), ("recording", o.materials.recording), ("note", o.note),
            ("revision", revision),
        ]
        try db.execute(
            sql:
                "INSERT INTO outcome (\(values.map(\.0).joined(separator: ", "))) VALUES (\(values.map { _ in "?" }.joined(separator: ", ")))",
            arguments: StatementArguments(values.map(\.1))
        )
        for (i, s) in o.speakers.enumerated() {
            try db.execute(
                sql: "INSERT INTO outcomeSpeaker (occurrence, position, person, name, role) VALUES (?, ?, ?, ?, ?)",
                arguments: [o.occurrence.rawValue, i, s.person?.rawValue, s.name, s.role.rawValue]
            )
        }
        return true
    }

    static func followUps(_ db: Database, occurrence: OccurrenceID? = nil, id: Int? = nil) throws -> [FollowUp] {
        var sql = "SELECT * FROM followUp"
        var arguments: StatementArguments = []
        if let occurrence {
            sql += " WHERE occurrence = ?"
            arguments = [occurrence.rawValue]
        } else if let id {
            sql += " WHERE id = ?"
            arguments = [id]
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY promised, id", arguments: arguments).compactMap { row in
            guard let promised = LocalDate(iso: row["promised"] as String) else { return nil }
            return FollowUp(
                id: row["id"],
                occurrence: OccurrenceID(rawValue: row["occurrence"]),
                outlet: row["outlet"],
                question: row["question"],
                promised: promised,
                answered: (row["answered"] as String?).flatMap { LocalDate(iso: $0) }
            )
        }
    }

    static func insertFollowUp(_ db: Database, _ f: FollowUp, actor: String, at: Date) throws -> FollowUp {
        try db.execute(
            sql:
                "INSERT INTO followUp (occurrence, outlet, question, promised, answered, revision) VALUES (?, ?, ?, ?, ?, 0)",
            arguments: [f.occurrence.rawValue, f.outlet, f.question, f.promised.description, f.answered?.description]
        )
        var saved = f
        saved.id = Int(db.lastInsertedRowID)
        let revision = try record(
            db,
            at: at,
            actor: actor,
            action: "promise",
            entity: "follow-up",
            id: "\(saved.id)",
            before: nil,
            after: try json(saved)
        )
        try db.execute(sql: "UPDATE followUp SET revision = ? WHERE id = ?", arguments: [revision, saved.id])
        return saved
    }

    static func narrative(_ row: Row) -> ReportNarrative {
        ReportNarrative(
            number: row["number"],
            date: (row["date"] as String?).flatMap { LocalDate(iso: $0) },
            place: row["place"],
            achievements: row["achievements"],
            shortcomings: row["shortcomings"],
            directions: row["directions"],
            signer: row["signer"]
        )
    }

    static func putNarrative(
        _ db: Database,
        _ n: ReportNarrative,
        year: Int,
        agency: Agency.ID?,
        actor: String,
        at: Date
    ) throws -> Bool {
        let key = agency?.rawValue ?? ""
        let old = try Row.fetchOne(
            db,
            sql: "SELECT * FROM reportNarrative WHERE year = ? AND agency = ?",
            arguments: [year, key]
        ).map(narrative)
        guard old != n else { return false }
        _ = try record(
            db,
            at: at,
            actor: actor,
            action: old == nil ? "write" : "edit",
            entity: "report",
            id: "\(year)/\(key.isEmpty ? "all" : key)",
            before: try old.map(json),
            after: try json(n)
        )
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO reportNarrative
                  (year, agency, number, date, place, achievements, shortcomings, directions, signer)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                year, key, n.number, n.date?.description, n.place, n.achievements, n.shortcomings, n.directions,
                n.signer,
            ]
        )
        return true
    }
}
