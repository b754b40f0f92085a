import GRDB

/// The schema, as named, versioned migrations (GRDB's DatabaseMigrator): a database is
/// created and brought up to date on first use, and never migrated twice.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-schedule") { db in
            try db.create(table: "change") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("action", .text).notNull()
                t.column("entity", .text).notNull()
                t.column("entityID", .text).notNull()
                t.column("before", .text)
                t.column("after", .text)
            }
            try db.create(index: "change_on_entity", on: "change", columns: ["entity", "entityID"])
            for table in [Tables.agency, Tables.venue, Tables.series, Tables.adHoc, Tables.decision, Tables.setting] {
                try db.create(table: table) { t in
                    t.primaryKey("id", .text)
                    t.column("body", .text).notNull()
                    t.column("revision", .integer).notNull()
                }
            }
        }
        m.registerMigration("v2-roster") { db in
            for table in [Tables.spokesperson, Tables.assignment] {
                try db.create(table: table) { t in
                    t.primaryKey("id", .text)
                    t.column("body", .text).notNull()
                    t.column("revision", .integer).notNull()
                }
            }
        }
        m.registerMigration("v3-tokens") { db in
            // Bearer and feed tokens, stored only as SHA-256 hashes.
            try db.create(table: "token") { t in
                t.primaryKey("hash", .text)
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
        }
        return m
    }
}
