public import Foundation
import GRDB
public import Scheduling

/// What an import did, per kind: created, updated, unchanged.
public struct ImportReport: Hashable, Sendable, Codable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    /// The last revision written, or nil when nothing changed.
    public var revision: Int?
    /// What the plan's outcomes file stored, when it names one.
    public var outcomes: OutcomeImportReport?
}

extension PodiumStore {
    /// Imports a plan in one transaction: all or nothing, idempotent (re-importing the same
    /// plan changes nothing and bumps no revision), identities kept, revisions bumped only
    /// where something changed. Items in the store but not in the plan are kept. With
    /// `expectedRevision`, refused (`.conflict`) unless it is the store's latest revision.
    public func importPlan(
        agencies: [Agency],
        venues: [Venue],
        series: [RegularSeries],
        adHoc: [AdHocBriefing],
        decisions: [HolidayDecision],
        roster: Roster = Roster(),
        officeHours: [OfficeHours] = [],
        localRules: [LegalRule] = [],
        outcomes: OutcomeBatch? = nil,
        expectedRevision: Int? = nil,
        actor: String,
        at: Date
    ) throws(StoreError) -> ImportReport {
        try write { db in
            // An upload made from a download is based on the data as it was then: refused
            // when anything changed since (the whole plan is one item here).
            if let expectedRevision {
                let current = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0
                if current != expectedRevision {
                    throw StoreError.conflict(entity: "plan", id: "", expected: expectedRevision, current: current)
                }
            }
            var report = ImportReport()
            func put(_ table: String, _ entity: String, _ id: String, _ body: String) throws {
                let existed = try Self.row(db, table, id) != nil
                let revision = try Self.upsert(
                    db,
                    table: table,
                    entity: entity,
                    id: id,
                    body: body,
                    at: at,
                    actor: actor,
                    action: "import"
                )
                Self.note(&report, "\(entity) \(id)", existed, revision)
            }
            for a in agencies {
                try Self.importItem(db, AgencyTable.self, a.id.rawValue, AgencyBody(a), &report, actor, at)
            }
            for v in venues {
                try Self.importItem(db, VenueTable.self, v.id.rawValue, VenueBody(v), &report, actor, at)
            }
            for d in decisions { try put(Tables.decision, "holidays", String(d.year), try Self.json(DecisionBody(d))) }
            for s in series {
                let existed = try SeriesTable.exists(db, s.id.rawValue)
                Self.note(
                    &report,
                    "series \(s.id)",
                    existed,
                    try Self.upsertSeries(db, s, at: at, actor: actor, action: "import")
                )
            }
            for b in adHoc {
                try Self.checkIDFree(db, b.id.rawValue, for: AdHocTable.self)
                try Self.importItem(db, AdHocTable.self, b.id.rawValue, AdHocBody(b), &report, actor, at)
            }
            try Self.importRoster(db, roster, &report, actor: actor, at: at)
            if !officeHours.isEmpty {
                try put(Tables.setting, "setting", "office-hours", try Self.json(officeHours.map(OfficeHoursBody.init)))
            }
            if !localRules.isEmpty { try put(Tables.setting, "setting", "local-rules", try Self.json(localRules)) }
            // Before the commit checks the foreign keys, name what points nowhere (the
            // commit's own error says only that something does).
            try Self.checkReferences(db)
            // The plan's outcomes file, in the same transaction: a refused outcome leaves
            // the plan unimported too.
            if let outcomes {
                let r = try Self.importOutcomes(db, outcomes, decisions: decisions, actor: actor, at: at)
                report.outcomes = r
                if r.outcomes + r.followUps + r.narratives > 0 {
                    report.revision = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change")
                }
            }
            return report
        }
    }

    /// Writes one imported item if it changed, and notes it in the report.
    static func importItem<T: PlanTable>(
        _ db: Database,
        _ table: T.Type,
        _ id: String,
        _ body: T.Body,
        _ report: inout ImportReport,
        _ actor: String,
        _ at: Date
    ) throws {
        let existed = try T.exists(db, id)
        let revision = try upsert(db, T.self, id: id, body: body, at: at, actor: actor, action: "import")
        note(&report, "\(T.entity) \(id)", existed, revision)
    }
}

extension PodiumStore {
    /// Refuses, by name, references that point nowhere (SQLite's `foreign_key_check`, run
    /// inside the transaction while the deferred keys are not yet enforced): a plan file may be
    /// part of a province (an agency's people without the agency), so references are resolved
    /// against the store, not the file alone. Says which item, which field and which value.
    static func checkReferences(_ db: Database) throws {
        let violations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        guard !violations.isEmpty else { return }
        var problems: [String] = []
        for v in violations.prefix(10) {
            let table: String = v[0]
            let rowid: Int64? = v[1]
            let parent: String = v[2]
            let key: Int = v[3]
            let link = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table))").first { ($0["id"] as Int) == key }
            let column: String = link?["from"] ?? "?"
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String }
            let owner = ["id", "person", "series", "occurrence"].first { columns.contains($0) }
            func value(_ name: String) throws -> String {
                guard let rowid else { return "?" }
                return try String.fetchOne(db, sql: "SELECT \(name) FROM \(table) WHERE rowid = ?", arguments: [rowid])
                    ?? "?"
            }
            let item = try owner.map { "\(table) \(try value($0))" } ?? table
            problems.append("\(item): \(column) \"\(try value(column))\" is not a known \(parent)")
        }
        if violations.count > 10 { problems.append("and \(violations.count - 10) more") }
        throw StoreError.invalid("refused, references to nothing: " + problems.joined(separator: "; "))
    }
}
