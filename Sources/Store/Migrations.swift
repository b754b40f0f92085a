import Foundation
import GRDB
import Scheduling

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
            for table in ["agency", "venue", "series", "adHoc", "holidayDecision", "setting"] {
                try db.create(table: table) { t in
                    t.primaryKey("id", .text)
                    t.column("body", .text).notNull()
                    t.column("revision", .integer).notNull()
                }
            }
        }
        m.registerMigration("v2-roster") { db in
            for table in ["spokesperson", "assignment"] {
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
        m.registerMigration("v4-people") { db in
            // People who sign in (R-AUTH-SCOPE): passwords only as bcrypt hashes; `sessionEpoch`
            // grows on every password change or disable, which ends every session issued before.
            try db.create(table: "user") { t in
                t.primaryKey("name", .text)
                t.column("displayName", .text).notNull()
                t.column("language", .text).notNull().defaults(to: "vi")
                t.column("email", .text)
                t.column("person", .text)
                t.column("disabled", .boolean).notNull().defaults(to: false)
                t.column("passwordHash", .text)
                t.column("sessionEpoch", .integer).notNull().defaults(to: 0)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "grant") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("user", .text).notNull().references("user", onDelete: .cascade)
                t.column("role", .text).notNull()
                t.column("scope", .text).notNull()
                t.uniqueKey(["user", "role", "scope"])
            }
            try db.create(index: "grant_on_user", on: "grant", columns: ["user"])
            // Browser sessions (hummingbird-auth's session storage): the key is the SHA-256
            // of the cookie's session id, so a copy of the database opens no session.
            try db.create(table: "session") { t in
                t.primaryKey("keyHash", .text)
                t.column("value", .blob).notNull()
                t.column("expiresAt", .datetime)
            }
            try db.create(index: "session_on_expiry", on: "session", columns: ["expiresAt"])
        }
        m.registerMigration("v5-press") { db in
            // The register of accredited press agencies: each gets a private press feed and
            // page by revocable token (tokens of kind "press", subject = the agency's id).
            try db.create(table: "pressAgency") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("contact", .text)
                t.column("accreditedFrom", .text).notNull()
                t.column("accreditedTo", .text)
                t.column("createdAt", .datetime).notNull()
            }
        }
        m.registerMigration("v6-outcomes") { db in
            // What happened at each occurrence (docs/outcomes.md): relational, with the rules a
            // database can keep (no count below zero, foreign within the total) as CHECKs
            // behind the engine's OutcomeCheck, so a hand-edited row cannot break the report.
            try db.create(table: "outcome") { t in
                t.primaryKey("occurrence", .text)
                t.column("result", .text).notNull().check { ["held", "not-held", "postponed"].contains($0) }
                t.column("reason", .text)
                t.column("postponedTo", .text)
                t.column("actualStart", .text)
                t.column("actualEnd", .text)
                t.column("agencies", .integer).check { $0 >= 0 }
                t.column("journalists", .integer).check { $0 >= 0 }
                t.column("foreignAgencies", .integer).check { $0 >= 0 }
                t.column("foreignJournalists", .integer).check { $0 >= 0 }
                t.column("questionsReceived", .integer).check { $0 >= 0 }
                t.column("questionsAnswered", .integer).check { $0 >= 0 }
                t.column("pressRelease", .text)
                t.column("transcript", .text)
                t.column("recording", .text)
                t.column("note", .text)
                t.column("revision", .integer).notNull()
                t.check(sql: "foreignAgencies <= agencies AND foreignJournalists <= journalists")
                t.check(sql: "questionsAnswered <= questionsReceived")
            }
            try db.create(table: "outcomeSpeaker") { t in
                t.column("occurrence", .text).notNull().references("outcome", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("person", .text)
                t.column("name", .text)
                t.column("role", .text).notNull()
                t.primaryKey(["occurrence", "position"])
                t.check(sql: "person IS NOT NULL OR name IS NOT NULL")
            }
            try db.create(index: "outcomeSpeaker_on_person", on: "outcomeSpeaker", columns: ["person"])
            try db.create(table: "followUp") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("occurrence", .text).notNull()
                t.column("outlet", .text).notNull()
                t.column("question", .text).notNull()
                t.column("promised", .text).notNull()
                t.column("answered", .text)
                t.column("revision", .integer).notNull()
            }
            try db.create(index: "followUp_on_occurrence", on: "followUp", columns: ["occurrence"])
            // The written parts of a yearly report, per year and agency ("" = every agency).
            try db.create(table: "reportNarrative") { t in
                t.column("year", .integer).notNull()
                t.column("agency", .text).notNull()
                t.column("number", .text).notNull()
                t.column("date", .text)
                t.column("place", .text).notNull()
                t.column("achievements", .text).notNull()
                t.column("shortcomings", .text).notNull()
                t.column("directions", .text).notNull()
                t.column("signer", .text).notNull()
                t.primaryKey(["year", "agency"])
            }
        }
        m.registerMigration("v7-outbox") { db in
            // The transactional outbox: a change and the messages it causes commit together
            // (the row is written in the change's transaction); a worker delivers them later
            // and marks them, so a crash between the two loses nothing.
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("createdAt", .datetime).notNull()
                t.column("revision", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("person", .text)
                t.column("occurrence", .text)
                t.column("recipient", .text)
                t.column("language", .text).notNull()
                t.column("payload", .text).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("nextAttemptAt", .datetime).notNull()
                t.column("sentAt", .datetime)
                t.column("failedAt", .datetime)
                t.column("lastError", .text)
            }
            try db.create(index: "outbox_due", on: "outbox", columns: ["sentAt", "failedAt", "nextAttemptAt"])
        }
        m.registerMigration("v8-responses") { db in
            // A spokesperson's acknowledgement holds for the assignment as it was (its
            // SEQUENCE): a later change needs a new one. Not an assignment change itself, so
            // acknowledging sends nobody a message.
            try db.create(table: "acknowledgement") { t in
                t.column("occurrence", .text).notNull()
                t.column("person", .text).notNull()
                t.column("sequence", .integer).notNull()
                t.column("at", .datetime).notNull()
                t.primaryKey(["occurrence", "person"])
            }
            // Offers to hand an assignment to a colleague: open → taken → approved (or
            // refused / withdrawn).
            try db.create(table: "swapOffer") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("occurrence", .text).notNull()
                t.column("fromPerson", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("status", .text).notNull()
                t.column("takenBy", .text)
                t.column("takenAt", .datetime)
                t.column("decidedBy", .text)
                t.column("decidedAt", .datetime)
            }
            try db.create(index: "swapOffer_on_status", on: "swapOffer", columns: ["status"])
        }
        m.registerMigration("v9-mail-opt-out") { db in
            // The kinds of notice a person chose not to receive by mail (comma-separated).
            try db.alter(table: "user") { t in t.add(column: "mailOptOut", .text).notNull().defaults(to: "") }
        }
        m.registerMigration("v10-outbox-key") { db in
            // Messages driven by the clock (reminders, digests, warnings) are queued once per
            // key; a unique index makes "once" hold even for two delivery rounds at a time.
            try db.alter(table: "outbox") { t in t.add(column: "key", .text) }
            try db.create(index: "outbox_key", on: "outbox", columns: ["key"], unique: true)
        }
        m.registerMigration("v11-reminder-keys") { db in
            // Reminders are found by key too (each delivery round asks which were queued);
            // those queued before carry their key only inside the payload.
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT id, payload FROM outbox WHERE kind = 'reminder' AND key IS NULL"
            )
            for row in rows {
                let payload = try? PodiumStore.decoder.decode(
                    Outbox.Payload.self,
                    from: Data((row["payload"] as String).utf8)
                )
                guard let view = payload?.notice?.view else { continue }
                try db.execute(
                    sql: "UPDATE OR IGNORE outbox SET key = ? WHERE id = ?",
                    arguments: ["reminder|\(NoticePlanner.reminderKey(view))", row["id"] as Int]
                )
            }
        }
        m.registerMigration("v12-relational-plan") { db in try RelationalPlan.migrate(db) }
        // Panels (issue 13): what each briefing needs, who sits where. Already there when v12
        // ran with today's code (it writes rows in today's shape).
        m.registerMigration("v13-panels") { db in try PanelColumns.create(db) }
        return m
    }
}
