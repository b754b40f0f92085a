import Foundation
import GRDB

/// Migration v12: the plan's items leave their JSON bodies for typed columns (issue 17).
///
/// Until v11 every agency, venue, series, ad-hoc briefing, person and assignment was one
/// `id, body, revision` row, so every command decoded the whole plan and the database could
/// keep no reference. Each old table is renamed aside, its `PlanTable` successor created,
/// every row decoded once and written to the new columns with its id and revision unchanged,
/// and the old table dropped. The audit log (`change`) is not touched: its before and after
/// bodies keep the JSON shape they always had. Foreign keys are checked when the migration
/// ends (GRDB's deferred checks), so a database whose items point nowhere is refused whole
/// rather than migrated in part.
enum RelationalPlan {
    static func migrate(_ db: Database) throws {
        let old = ["agency", "venue", "series", "adHoc", "spokesperson", "assignment"]
        for table in old {
            try db.execute(sql: "ALTER TABLE \(table) RENAME TO \(table)V11")
        }
        try AgencyTable.create(db)
        try VenueTable.create(db)
        try SeriesTable.create(db)
        try AdHocTable.create(db)
        try SpokespersonTable.create(db)
        try AssignmentTable.create(db)
        try PanelColumns.create(db)
        try copy(db, AgencyTable.self)
        try copy(db, VenueTable.self)
        try copy(db, SeriesTable.self)
        try copy(db, AdHocTable.self)
        try copy(db, SpokespersonTable.self)
        try copy(db, AssignmentTable.self)
        for table in old {
            try db.execute(sql: "DROP TABLE \(table)V11")
        }
    }

    private static func copy<T: PlanTable>(_ db: Database, _ table: T.Type) throws {
        let rows = try DocumentRow.fetchAll(db, sql: "SELECT id, body, revision FROM \(T.name)V11 ORDER BY id")
        for row in rows {
            let body: T.Body
            do {
                body = try PodiumStore.decoder.decode(T.Body.self, from: Data(row.body.utf8))
            } catch {
                throw StoreError.corrupt(entity: T.entity, id: row.id, reason: "unreadable body: \(error)")
            }
            try T.save(db, Stored(id: row.id, body: body, revision: row.revision))
        }
    }
}
