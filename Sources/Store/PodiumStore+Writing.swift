import Foundation
import GRDB
import ICalendar
import Scheduling

extension PodiumStore {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .iso8601
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Appends the audit entry and returns its number: the revision of this change.
    static func record(
        _ db: Database,
        at: Date,
        actor: String,
        action: String,
        entity: String,
        id: String,
        before: String?,
        after: String?
    ) throws -> Int {
        var change = ChangeRow(
            id: nil,
            at: at,
            actor: actor,
            action: action,
            entity: entity,
            entityID: id,
            before: before,
            after: after
        )
        try change.insert(db)
        return Int(change.id!)
    }

    /// A document (a setting, a year's holiday decision): configuration kept whole as JSON.
    static func row(_ db: Database, _ table: String, _ id: String) throws -> DocumentRow? {
        try DocumentRow.fetchOne(db, sql: "SELECT id, body, revision FROM \(table) WHERE id = ?", arguments: [id])
    }

    /// Writes a document if it differs from what is stored; returns the new revision, or nil
    /// when nothing changed (so re-importing bumps nothing).
    static func upsert(
        _ db: Database,
        table: String,
        entity: String,
        id: String,
        body: String,
        at: Date,
        actor: String,
        action: String
    ) throws -> Int? {
        let old = try row(db, table, id)
        guard old?.body != body else { return nil }
        let revision = try record(
            db,
            at: at,
            actor: actor,
            action: old == nil ? "create" : action,
            entity: entity,
            id: id,
            before: old?.body,
            after: body
        )
        try db.execute(
            sql:
                "INSERT INTO \(table) (id, body, revision) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, revision = excluded.revision",
            arguments: [id, body, revision]
        )
        return revision
    }

    /// Writes an item of the plan if it differs from what is stored, with its audit entry
    /// (the before and after bodies as JSON); returns the new revision, or nil when nothing
    /// changed. The columns get the body as the audit log has it (through its JSON), so what
    /// is read back equals what the history says, to the second.
    @discardableResult
    static func upsert<T: PlanTable>(
        _ db: Database,
        _ table: T.Type,
        id: String,
        body: T.Body,
        at: Date,
        actor: String,
        action: String
    ) throws -> Int? {
        let old = try T.one(db, id)
        let before = try old.map { try json($0.body) }
        let after = try json(body)
        guard before != after else { return nil }
        let revision = try record(
            db,
            at: at,
            actor: actor,
            action: old == nil ? "create" : action,
            entity: T.entity,
            id: id,
            before: before,
            after: after
        )
        let stored = try decoder.decode(T.Body.self, from: Data(after.utf8))
        try T.save(db, Stored(id: id, body: stored, revision: revision))
        return revision
    }

    /// Stores a series, giving changed exceptions the new revision, keeping unchanged ones,
    /// and turning removed ones into cleared tombstones so revisions never go down.
    /// Series and ad-hoc briefings share one id space: their ids become feed UIDs and
    /// occurrence ids, so an ad-hoc briefing named like a series (an imported event whose UID
    /// equals a series id) would publish two events as one.
    static func checkIDFree(_ db: Database, _ id: String, for table: any PlanTable.Type) throws {
        let usedBySeries = table == AdHocTable.self
        if try usedBySeries ? SeriesTable.exists(db, id) : AdHocTable.exists(db, id) {
            throw StoreError.invalid(
                "id \"\(id)\" is already used by \(usedBySeries ? "a series" : "an ad-hoc briefing"); choose another"
            )
        }
    }

    static func upsertSeries(_ db: Database, _ new: RegularSeries, at: Date, actor: String, action: String) throws
        -> Int?
    {
        try checkIDFree(db, new.id.rawValue, for: SeriesTable.self)
        let old = try SeriesTable.one(db, new.id.rawValue).map { try $0.body.series(id: $0.id, revision: $0.revision) }
        var merged = new
        if let old {
            // A plan file says which series a split one continues, not which continues it:
            // that link is the store's, and a re-import keeps it.
            if merged.continuedBy == nil { merged.continuedBy = old.continuedBy }
            // Tombstones are carried too (not only live exceptions), so re-importing the same
            // plan twice changes nothing the second time.
            for (key, stored) in old.exceptions where merged.exceptions[key] == nil {
                merged.exceptions[key] = OccurrenceException(originalStart: key, revision: stored.revision)
            }
            for (key, var e) in merged.exceptions {
                if let stored = old.exceptions[key] { e.revision = stored.revision }
                merged.exceptions[key] = e
            }
        }
        func comparable(_ s: RegularSeries) -> SeriesBody {
            var b = SeriesBody(s)
            b.exceptions = b.exceptions.map {
                var x = $0
                x.revision = 0
                return x
            }
            return b
        }
        if let old, comparable(old) == comparable(merged) {
            return nil
        }
        let revision = try record(
            db,
            at: at,
            actor: actor,
            action: old == nil ? "create" : action,
            entity: "series",
            id: new.id.rawValue,
            before: try old.map { try json(SeriesBody($0)) },
            after: try json(SeriesBody(merged))
        )
        // Changed or new exceptions take this revision; the series' own revision moves only
        // when its own fields changed.
        for (key, e) in merged.exceptions {
            let stored = old?.exceptions[key]
            var same = stored
            same?.revision = e.revision
            if same != e || stored == nil {
                merged.exceptions[key]!.revision = revision
            }
        }
        var ownOld = old.map(comparable)
        ownOld?.exceptions = []
        var ownNew = comparable(merged)
        ownNew.exceptions = []
        let seriesRevision = ownOld == ownNew ? (old?.revision ?? revision) : revision
        let after = try decoder.decode(SeriesBody.self, from: Data(try json(SeriesBody(merged)).utf8))
        try SeriesTable.save(db, Stored(id: new.id.rawValue, body: after, revision: seriesRevision))
        return revision
    }
}
