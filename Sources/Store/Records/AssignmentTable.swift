import Foundation
import GRDB
import Scheduling

/// Who speaks at each occurrence, keyed by the occurrence id, with its slots (the primary,
/// then the backups in order) as rows that point to the roster, so "what is this person
/// assigned to" is an indexed query.
enum AssignmentTable: PlanTable {
    static let name = "assignment"
    static let entity = "assignment"
    static let key = "occurrence"

    static func create(_ db: Database) throws {
        try db.create(table: name) { t in
            t.primaryKey("occurrence", .text)
            t.column("locked", .boolean).notNull()
            t.column("reason", .text)
            t.column("revision", .integer).notNull()
        }
        try db.create(table: "assignmentSlot") { t in
            t.column("occurrence", .text).notNull().references(name, onDelete: .cascade, deferred: true)
            t.column("position", .integer).notNull()
            t.column("role", .text).notNull().check { ["primary", "backup"].contains($0) }
            t.column("person", .text).notNull().indexed().references(SpokespersonTable.name, deferred: true)
            t.column("source", .text).notNull()
            t.primaryKey(["occurrence", "position"])
        }
    }

    static func fetch(_ db: Database, _ selection: Selection) throws -> [Stored<AssignmentBody>] {
        let slots = try children(db, "assignmentSlot", parent: "occurrence", selection, order: "position")
        let seats = try children(db, "panelSeat", parent: "occurrence", selection, order: "position")
        return try rows(db, selection)
            .map { r in
                let id: String = r["occurrence"]
                var body = AssignmentBody(primary: nil, backups: [], locked: r["locked"], reason: r["reason"])
                for s in slots[id] ?? [] {
                    let slot = AssignmentBody.SlotBody(person: s["person"], source: try value(s, "source", id))
                    if (s["role"] as String) == "primary" { body.primary = slot } else { body.backups.append(slot) }
                }
                if let rows = seats[id] {
                    body.panel = try rows.map { s in
                        SeatBody(
                            PanelSeat(
                                role: try value(s, "role", id),
                                person: Spokesperson.ID(s["person"] as String),
                                matter: s["matter"],
                                source: try value(s, "source", id)
                            )
                        )
                    }
                }
                return Stored(id: id, body: body, revision: r["revision"])
            }
    }

    static func save(_ db: Database, _ item: Stored<AssignmentBody>) throws {
        let b = item.body
        try upsert(
            db,
            name,
            key: ["occurrence"],
            ["occurrence": item.id, "locked": b.locked, "reason": b.reason, "revision": item.revision]
        )
        try db.execute(sql: "DELETE FROM assignmentSlot WHERE occurrence = ?", arguments: [item.id])
        let slots = (b.primary.map { [("primary", $0)] } ?? []) + b.backups.map { ("backup", $0) }
        for (position, (role, slot)) in slots.enumerated() {
            try insert(
                db,
                "assignmentSlot",
                [
                    "occurrence": item.id, "position": position, "role": role, "person": slot.person,
                    "source": slot.source.rawValue,
                ]
            )
        }
        try PanelColumns.saveSeats(db, occurrence: item.id, b.panel ?? [])
    }
}
