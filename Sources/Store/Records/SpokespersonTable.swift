import Foundation
import GRDB
import Scheduling

/// The roster: each person with their entitlements (who may speak for which agency, by which
/// authority: Decree 09/2017 Art. 3), topics and unavailable periods as rows of their own.
enum SpokespersonTable: PlanTable {
    static let name = "spokesperson"
    static let entity = "spokesperson"

    static func create(_ db: Database) throws {
        try db.create(table: name) { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull()
            t.column("title", .text).notNull()
            t.column("titleEn", .text)
            t.column("agency", .text).notNull().indexed().references(AgencyTable.name, deferred: true)
            t.column("languages", .text).notNull()
            t.column("activeFrom", .text)
            t.column("activeTo", .text)
            t.column("phone", .text)
            t.column("email", .text)
            t.column("sentToPress", .text)
            t.column("postedOnPortal", .text)
            t.column("buffer", .integer).notNull()
            t.column("maxPerWeek", .integer).notNull()
            t.column("revision", .integer).notNull()
        }
        try db.create(table: "entitlement") { t in
            t.column("person", .text).notNull().references(name, onDelete: .cascade, deferred: true)
            t.column("position", .integer).notNull()
            t.column("agency", .text).notNull().indexed().references(AgencyTable.name, deferred: true)
            t.column("kind", .text).notNull()
            t.column("matter", .text)
            t.column("reference", .text)
            t.column("validFrom", .text)
            t.column("validTo", .text)
            t.primaryKey(["person", "position"])
        }
        try db.create(table: "spokespersonTopic") { t in
            t.column("person", .text).notNull().references(name, onDelete: .cascade, deferred: true)
            t.column("topic", .text).notNull().indexed()
            t.primaryKey(["person", "topic"])
        }
        try db.create(table: "unavailability") { t in
            t.column("person", .text).notNull().references(name, onDelete: .cascade, deferred: true)
            t.column("position", .integer).notNull()
            t.column("start", .datetime).notNull()
            t.column("end", .datetime).notNull()
            t.column("kind", .text).notNull()
            t.column("reason", .text)
            t.primaryKey(["person", "position"])
        }
    }

    static func fetch(_ db: Database, _ selection: Selection) throws -> [Stored<SpokespersonBody>] {
        let entitlements = try children(db, "entitlement", parent: "person", selection, order: "position")
        let topics = try children(db, "spokespersonTopic", parent: "person", selection, order: "topic")
        let unavailable = try children(db, "unavailability", parent: "person", selection, order: "position")
        return try rows(db, selection)
            .map {
                r in
                let id: String = r["id"]
                let body = SpokespersonBody(
                    name: r["name"],
                    title: r["title"],
                    titleEn: r["titleEn"],
                    agency: r["agency"],
                    languages: ListColumn.split(r["languages"]),
                    // Sorted as the body sorts them (Swift's order, not SQLite's bytes), so a re-import
                    // of the same topics changes nothing.
                    topics: (topics[id] ?? []).map { $0["topic"] as String }.sorted(),
                    activeFrom: r["activeFrom"],
                    activeTo: r["activeTo"],
                    phone: r["phone"],
                    email: r["email"],
                    sentToPress: r["sentToPress"],
                    postedOnPortal: r["postedOnPortal"],
                    buffer: r["buffer"],
                    maxPerWeek: r["maxPerWeek"],
                    entitlements: (entitlements[id] ?? []).map { e in
                        SpokespersonBody.EntitlementBody(
                            agency: e["agency"],
                            kind: e["kind"],
                            matter: e["matter"],
                            reference: e["reference"],
                            validFrom: e["validFrom"],
                            validTo: e["validTo"]
                        )
                    },
                    unavailable: try (unavailable[id] ?? []).map { u in
                        SpokespersonBody.UnavailableBody(
                            start: u["start"],
                            end: u["end"],
                            kind: try value(u, "kind", id),
                            reason: u["reason"]
                        )
                    },
                    serves: PanelColumns.serves(r)
                )
                return Stored(id: id, body: body, revision: r["revision"])
            }
    }

    static func save(_ db: Database, _ item: Stored<SpokespersonBody>) throws {
        let b = item.body
        try upsert(
            db,
            name,
            key: ["id"],
            [
                "id": item.id, "name": b.name, "title": b.title, "titleEn": b.titleEn, "agency": b.agency,
                "languages": ListColumn.join(b.languages), "activeFrom": b.activeFrom, "activeTo": b.activeTo,
                "phone": b.phone, "email": b.email, "sentToPress": b.sentToPress,
                "postedOnPortal": b.postedOnPortal, "buffer": b.buffer, "maxPerWeek": b.maxPerWeek,
                "revision": item.revision,
            ]
        )
        try PanelColumns.saveServes(db, person: item.id, b.serves)
        for table in ["entitlement", "spokespersonTopic", "unavailability"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE person = ?", arguments: [item.id])
        }
        for (position, e) in b.entitlements.enumerated() {
            try insert(
                db,
                "entitlement",
                [
                    "person": item.id, "position": position, "agency": e.agency, "kind": e.kind, "matter": e.matter,
                    "reference": e.reference, "validFrom": e.validFrom, "validTo": e.validTo,
                ]
            )
        }
        for topic in b.topics {
            try insert(db, "spokespersonTopic", ["person": item.id, "topic": topic])
        }
        for (position, u) in b.unavailable.enumerated() {
            try insert(
                db,
                "unavailability",
                [
                    "person": item.id, "position": position, "start": u.start, "end": u.end, "kind": u.kind.rawValue,
                    "reason": u.reason,
                ]
            )
        }
    }
}
