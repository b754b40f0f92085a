import Foundation
import GRDB
import Scheduling

/// Agencies: the organisers every series, briefing, person and grant points to.
enum AgencyTable: PlanTable {
    static let name = "agency"
    static let entity = "agency"

    static func create(_ db: Database) throws {
        try db.create(table: name) { t in
            t.primaryKey("id", .text)
            t.column("nameVi", .text).notNull()
            t.column("nameEn", .text)
            t.column("level", .text).notNull()
            t.column("parent", .text).references(name, deferred: true)
            t.column("validFrom", .text)
            t.column("validTo", .text)
            t.column("successor", .text).references(name, deferred: true)
            t.column("requiresApproval", .boolean).notNull()
            t.column("revision", .integer).notNull()
        }
    }

    static func fetch(_ db: Database, _ selection: Selection) throws -> [Stored<AgencyBody>] {
        return try rows(db, selection).map {
            r in
            let body = AgencyBody(
                name: BilingualText(vi: r["nameVi"], en: r["nameEn"]),
                level: try value(r, "level", r["id"]),
                parent: r["parent"],
                validFrom: r["validFrom"],
                validTo: r["validTo"],
                successor: r["successor"],
                requiresApproval: (r["requiresApproval"] as Bool) ? true : nil
            )
            return Stored(id: r["id"], body: body, revision: r["revision"])
        }
    }

    static func save(_ db: Database, _ item: Stored<AgencyBody>) throws {
        let b = item.body
        try upsert(
            db,
            name,
            key: ["id"],
            [
                "id": item.id, "nameVi": b.name.vi, "nameEn": b.name.en, "level": b.level.rawValue,
                "parent": b.parent, "validFrom": b.validFrom, "validTo": b.validTo, "successor": b.successor,
                "requiresApproval": b.requiresApproval ?? false, "revision": item.revision,
            ]
        )
    }
}
