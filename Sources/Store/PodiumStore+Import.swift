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
}

extension PodiumStore {
    /// Imports a plan: all or nothing, idempotent (re-importing the same plan changes
    /// nothing and bumps no revision), identities kept, revisions bumped only where
    /// something changed. Entities in the store but not in the plan are kept.
    public func importPlan(
        agencies: [Agency],
        venues: [Venue],
        series: [RegularSeries],
        adHoc: [AdHocBriefing],
        decisions: [HolidayDecision],
        actor: String,
        at: Date
    ) throws(StoreError) -> ImportReport {
        try write { db in
            var report = ImportReport()
            func note(_ label: String, _ existed: Bool, _ revision: Int?) {
                if let revision {
                    (existed ? { report.updated.append(label) } : { report.created.append(label) })()
                    report.revision = revision
                } else {
                    report.unchanged.append(label)
                }
            }
            for a in agencies {
                let existed = try Self.row(db, Tables.agency, a.id.rawValue) != nil
                note(
                    "agency \(a.id)",
                    existed,
                    try Self.upsert(
                        db,
                        table: Tables.agency,
                        entity: "agency",
                        id: a.id.rawValue,
                        body: try Self.json(AgencyBody(a)),
                        at: at,
                        actor: actor,
                        action: "import"
                    )
                )
            }
            for v in venues {
                let existed = try Self.row(db, Tables.venue, v.id.rawValue) != nil
                note(
                    "venue \(v.id)",
                    existed,
                    try Self.upsert(
                        db,
                        table: Tables.venue,
                        entity: "venue",
                        id: v.id.rawValue,
                        body: try Self.json(VenueBody(v)),
                        at: at,
                        actor: actor,
                        action: "import"
                    )
                )
            }
            for d in decisions {
                let id = String(d.year)
                let existed = try Self.row(db, Tables.decision, id) != nil
                note(
                    "holidays \(id)",
                    existed,
                    try Self.upsert(
                        db,
                        table: Tables.decision,
                        entity: "holidays",
                        id: id,
                        body: try Self.json(DecisionBody(d)),
                        at: at,
                        actor: actor,
                        action: "import"
                    )
                )
            }
            for s in series {
                let existed = try Self.row(db, Tables.series, s.id.rawValue) != nil
                note("series \(s.id)", existed, try Self.upsertSeries(db, s, at: at, actor: actor, action: "import"))
            }
            for b in adHoc {
                let existed = try Self.row(db, Tables.adHoc, b.id.rawValue) != nil
                note(
                    "adhoc \(b.id)",
                    existed,
                    try Self.upsert(
                        db,
                        table: Tables.adHoc,
                        entity: "adhoc",
                        id: b.id.rawValue,
                        body: try Self.json(AdHocBody(b)),
                        at: at,
                        actor: actor,
                        action: "import"
                    )
                )
            }
            return report
        }
    }
}
