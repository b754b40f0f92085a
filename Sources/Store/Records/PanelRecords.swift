import Foundation
import GRDB
import Scheduling

/// The panel a series or ad-hoc briefing needs, as its audit-log body keeps it (absent when
/// none, so bodies written before panels existed read the same).
struct PanelNeedsBody: Codable, Equatable {
    var chair: Bool
    var matters: [String]
    var moderator: Bool
    var interpreter: Bool

    init?(_ p: PanelNeeds) {
        guard !p.isEmpty else { return nil }
        chair = p.chair
        matters = p.matters
        moderator = p.moderator
        interpreter = p.interpreter
    }

    var needs: PanelNeeds { PanelNeeds(chair: chair, matters: matters, moderator: moderator, interpreter: interpreter) }
}

/// One seat of an assignment's panel, as the audit-log body keeps it.
struct SeatBody: Codable, Equatable {
    var role: PanelRole
    var person: String
    var matter: String?
    var source: Assignment.Source

    init(_ s: PanelSeat) {
        role = s.role
        person = s.person.rawValue
        matter = s.matter
        source = s.source
    }

    var seat: PanelSeat { PanelSeat(role: role, person: Spokesperson.ID(person), matter: matter, source: source) }
}

/// Where panels are stored: four columns beside each series and ad-hoc briefing (what it
/// needs), `panelSeat` rows beside each assignment (who sits), pointing to the roster, and
/// the seats each person serves in (`serves`, beside them).
enum PanelColumns {
    /// Adds the columns and the table (migration v13; also run by v12, which writes rows in
    /// today's shape, so a database coming from v11 has them before its items are copied).
    static func create(_ db: Database) throws {
        guard try !db.tableExists("panelSeat") else { return }
        for table in [SeriesTable.name, AdHocTable.name] {
            try db.alter(table: table) { t in
                t.add(column: "panelChair", .boolean).notNull().defaults(to: false)
                t.add(column: "panelMatters", .text)
                t.add(column: "panelModerator", .boolean).notNull().defaults(to: false)
                t.add(column: "panelInterpreter", .boolean).notNull().defaults(to: false)
            }
        }
        try db.alter(table: SpokespersonTable.name) { t in
            t.add(column: "serves", .text).notNull().defaults(to: "")
        }
        try db.create(table: "panelSeat") { t in
            t.column("occurrence", .text).notNull().references(AssignmentTable.name, onDelete: .cascade, deferred: true)
            t.column("position", .integer).notNull()
            t.column("role", .text).notNull().check { PanelRole.allCases.map(\.rawValue).contains($0) }
            t.column("person", .text).notNull().indexed().references(SpokespersonTable.name, deferred: true)
            t.column("matter", .text)
            t.column("source", .text).notNull()
            t.primaryKey(["occurrence", "position"])
        }
    }

    /// The needs read from a briefing's row.
    static func needs(_ r: NamedRow) -> PanelNeedsBody? {
        let matters = (r["panelMatters"] as String?).flatMap {
            try? JSONDecoder().decode([String].self, from: Data($0.utf8))
        }
        return PanelNeedsBody(
            PanelNeeds(
                chair: r["panelChair"],
                matters: matters ?? [],
                moderator: r["panelModerator"],
                interpreter: r["panelInterpreter"]
            )
        )
    }

    /// The columns of a briefing's row for its needs.
    static func values(_ p: PanelNeedsBody?) -> [String: (any DatabaseValueConvertible)?] {
        let matters = p.flatMap { $0.matters.isEmpty ? nil : $0.matters }.flatMap {
            try? String(decoding: JSONEncoder().encode($0), as: UTF8.self)
        }
        return [
            "panelChair": p?.chair ?? false, "panelMatters": matters, "panelModerator": p?.moderator ?? false,
            "panelInterpreter": p?.interpreter ?? false,
        ]
    }

    /// Writes the needs of one briefing (after its row is upserted).
    static func save(_ db: Database, _ table: String, id: String, _ p: PanelNeedsBody?) throws {
        let v = values(p)
        try db.execute(
            sql:
                "UPDATE \(table) SET panelChair = ?, panelMatters = ?, panelModerator = ?, panelInterpreter = ? WHERE id = ?",
            arguments: [v["panelChair"]!, v["panelMatters"]!, v["panelModerator"]!, v["panelInterpreter"]!, id]
        )
    }

    /// The seats a person serves in, from their row (nil when none).
    static func serves(_ r: NamedRow) -> [PanelRole]? {
        let roles: [PanelRole] = ListColumn.split(r["serves"])
        return roles.isEmpty ? nil : roles
    }

    static func saveServes(_ db: Database, person: String, _ roles: [PanelRole]?) throws {
        try db.execute(
            sql: "UPDATE \(SpokespersonTable.name) SET serves = ? WHERE id = ?",
            arguments: [ListColumn.join(roles ?? []), person]
        )
    }

    /// Rewrites the seats of one assignment.
    static func saveSeats(_ db: Database, occurrence: String, _ seats: [SeatBody]) throws {
        try db.execute(sql: "DELETE FROM panelSeat WHERE occurrence = ?", arguments: [occurrence])
        for (position, s) in seats.enumerated() {
            try db.execute(
                sql:
                    "INSERT INTO panelSeat (occurrence, position, role, person, matter, source) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [occurrence, position, s.role.rawValue, s.person, s.matter, s.source.rawValue]
            )
        }
    }
}
