import Foundation
import GRDB

/// One item of the plan as stored: its id, its body and the revision of its last visible change.
struct Stored<Body> {
    var id: String
    var body: Body
    var revision: Int
}

/// A table of the plan with typed columns (migration v12): what is queried — dates, agency,
/// series, status, person — is a column with an index, references are foreign keys, and lists
/// (exceptions, entitlements, unavailable periods, assignment slots, topics) are rows of their
/// own. Each table maps its rows to and from the `Body` that the audit log keeps as JSON, so
/// reading the plan decodes no JSON and the history keeps the shape it always had.
protocol PlanTable {
    associatedtype Body: Codable & Equatable
    /// The table's name (singular camelCase, GRDB's schema recommendations).
    static var name: String { get }
    /// The entity named in the audit log.
    static var entity: String { get }
    /// The column holding the item's id.
    static var key: String { get }
    /// The selected items, ordered by id, each with the rows it owns.
    static func fetch(_ db: Database, _ selection: Selection) throws -> [Stored<Body>]
    /// Writes one item with everything it owns, replacing what was stored under its id.
    static func save(_ db: Database, _ item: Stored<Body>) throws
}

extension PlanTable {
    static var key: String { "id" }

    static func all(_ db: Database) throws -> [Stored<Body>] { try fetch(db, .all) }

    static func one(_ db: Database, _ id: String) throws -> Stored<Body>? {
        try fetch(db, Selection("\(key) = ?", [id])).first
    }

    static func exists(_ db: Database, _ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(name) WHERE \(key) = ?)", arguments: [id]) ?? false
    }

    /// The table's selected rows.
    static func rows(_ db: Database, _ selection: Selection) throws -> [NamedRow] {
        try NamedRow.fetchAll(
            db,
            sql: "SELECT * FROM \(name)\(selection.whereClause) ORDER BY \(key)",
            arguments: selection.arguments
        )
    }

    /// Inserts or updates one row by its key. An upsert, never `INSERT OR REPLACE`: a
    /// replace deletes the row first, and the deletion would cascade to the rows it owns.
    static func upsert(
        _ db: Database,
        _ table: String,
        key: [String],
        _ values: KeyValuePairs<String, (any DatabaseValueConvertible)?>
    ) throws {
        let columns = values.map(\.key)
        let updates = columns.filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        try db.execute(
            sql: """
                INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT(\(key.joined(separator: ", "))) DO UPDATE SET \(updates.joined(separator: ", "))
                """,
            arguments: StatementArguments(values.map(\.value))
        )
    }

    /// Inserts one row (of a child table, whose rows are rewritten with their parent).
    static func insert(
        _ db: Database,
        _ table: String,
        _ values: KeyValuePairs<String, (any DatabaseValueConvertible)?>
    )
        throws
    {
        let columns = values.map(\.key)
        try db.execute(
            sql:
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
            arguments: StatementArguments(values.map(\.value))
        )
    }

    /// Rows of a child table grouped by their parent's id (one query for all parents).
    /// Rows of a child table that belong to the selected items, grouped by their parent's id
    /// (one query for all parents), in `order`.
    static func children(
        _ db: Database,
        _ table: String,
        parent: String,
        _ selection: Selection,
        order: String
    ) throws -> [String: [NamedRow]] {
        let owned = selection.condition.map { " WHERE \(parent) IN (SELECT \(key) FROM \(name) WHERE \($0))" } ?? ""
        let rows = try NamedRow.fetchAll(
            db,
            sql: "SELECT * FROM \(table)\(owned) ORDER BY \(parent), \(order)",
            arguments: selection.arguments
        )
        return Dictionary(grouping: rows) { $0[parent] as String }
    }
}

/// Which items of a plan table to read: a condition on its own columns (nil: all).
struct Selection {
    var condition: String?
    var arguments: StatementArguments

    init(_ condition: String?, _ arguments: StatementArguments = []) {
        self.condition = condition
        self.arguments = arguments
    }

    static let all = Selection(nil)

    var whereClause: String { condition.map { " WHERE \($0)" } ?? "" }
}

/// Lists of enum raw values (languages) are one comma-separated column: they are a handful of
/// two-letter codes, never queried one by one.
enum ListColumn {
    static func join<T: RawRepresentable>(_ values: [T]) -> String where T.RawValue == String {
        values.map(\.rawValue).joined(separator: ",")
    }

    static func split<T: RawRepresentable>(_ text: String) -> [T] where T.RawValue == String {
        text.split(separator: ",").compactMap { T(rawValue: String($0)) }
    }
}

/// The columns every briefing has, series or one-off (what, who organises it, where, how long,
/// in what form and for whom); each table adds its own beside them.
enum BriefingColumns {
    static func define(_ t: TableDefinition) {
        t.column("titleVi", .text).notNull()
        t.column("titleEn", .text)
        t.column("descriptionVi", .text)
        t.column("descriptionEn", .text)
        t.column("organizer", .text).notNull().indexed().references(AgencyTable.name, deferred: true)
        t.column("topic", .text)
        t.column("duration", .integer).notNull()
        t.column("timeZone", .text).notNull()
        t.column("venue", .text).references(VenueTable.name, deferred: true)
        t.column("form", .text).notNull()
        t.column("access", .text).notNull()
        t.column("attribution", .text).notNull()
        t.column("visibility", .text).notNull()
        t.column("status", .text).notNull().indexed()
        t.column("embargoUntil", .datetime)
        t.column("languages", .text).notNull()
        t.column("interpretation", .boolean).notNull()
    }
}

/// A row read by column name, with the names resolved once per query: GRDB's `row["name"]`
/// lowercases the name on every access, which was an eighth of `podium agenda` on a plan
/// of 11,000 events (issue 17's profile).
struct NamedRow {
    let row: Row
    let positions: [String: Int]

    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [NamedRow] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        guard let first = rows.first else { return [] }
        let positions = Dictionary(uniqueKeysWithValues: first.columnNames.enumerated().map { ($1, $0) })
        return rows.map { NamedRow(row: $0, positions: positions) }
    }

    private func position(_ column: String) -> Int {
        guard let i = positions[column] else { fatalError("no column \(column) in the query") }
        return i
    }

    /// A value, or an optional one (`Optional` is `DatabaseValueConvertible` when its wrapped
    /// type is), as GRDB's `Row` reads it by index.
    subscript<T: DatabaseValueConvertible>(_ column: String) -> T { row[position(column)] }

    /// The same, through GRDB's faster path for types SQLite can hand over directly.
    subscript<T: DatabaseValueConvertible & StatementColumnConvertible>(_ column: String) -> T {
        row[position(column)]
    }
}
