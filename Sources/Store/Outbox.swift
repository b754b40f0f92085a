public import Foundation
import GRDB
import ICalendar
public import Scheduling

/// One queued message: a notice for one person, with where it goes and how delivery went.
public struct OutboxMessage: Hashable, Sendable {
    public var id: Int
    public var createdAt: Date
    public var revision: Int
    /// An invitation's notice, or else a memo.
    public var notice: Notice?
    public var memo: Memo?
    public var recipient: String?
    public var recipientName: String
    public var language: Language
    public var attempts: Int
    public var nextAttemptAt: Date
    public var sentAt: Date?
    public var failedAt: Date?
    public var lastError: String?

    /// The notice's kind, or `memo:` and the memo's.
    public var kindName: String { notice?.kind.rawValue ?? "memo:\(memo?.kind.rawValue ?? "?")" }
    public var occurrence: OccurrenceID? { notice?.view.occurrence ?? memo?.occurrence }
}

/// The transactional outbox (the issue's "a change and the messages it causes commit in the
/// same SQLite transaction"): `enqueue` runs inside every write transaction, works out from
/// the audit entries of that transaction what each assigned person saw before and sees now,
/// and queues one notice per difference (NoticePlanner). Delivery is elsewhere (the server's
/// worker, `podium notify --once`); it only marks rows.
enum Outbox {
    struct Payload: Codable {
        var notice: Notice?
        var memo: Memo?
        var recipientName: String
    }

    /// Queues the notices for the changes numbered above `mark` (this transaction's).
    static func enqueue(_ db: Database, changesAfter mark: Int) throws {
        let rows = try ChangeRow.fetchAll(
            db,
            sql: "SELECT * FROM change WHERE id > ? AND entity IN ('series', 'adhoc', 'assignment') ORDER BY id",
            arguments: [mark]
        )
        guard let last = rows.last, let lastID = last.id else { return }
        let after = try PodiumStore.schedule(db)
        let afterRoster = try PodiumStore.roster(db)
        // The state before this transaction: what is stored now, with each changed entity
        // put back as its first audit entry in the transaction recorded it ("before").
        var before = after
        var beforeRoster = afterRoster
        var seen: Set<String> = []
        var series: Set<String> = []
        var adHoc: Set<String> = []
        var assignments: Set<OccurrenceID> = []
        for r in rows where seen.insert("\(r.entity)|\(r.entityID)").inserted {
            switch r.entity {
            case "series":
                series.insert(r.entityID)
                before.series[RegularSeries.ID(r.entityID)] = try r.before.map {
                    try PodiumStore.decoder.decode(SeriesBody.self, from: Data($0.utf8)).series(
                        id: r.entityID,
                        revision: 0
                    )
                }
            case "adhoc":
                adHoc.insert(r.entityID)
                before.adHoc[AdHocBriefing.ID(r.entityID)] = try r.before.map {
                    try PodiumStore.decoder.decode(AdHocBody.self, from: Data($0.utf8)).briefing(
                        id: r.entityID,
                        revision: 0
                    )
                }
            default:
                let id = OccurrenceID(rawValue: r.entityID)
                assignments.insert(id)
                beforeRoster.assignments[id] = try r.before.map {
                    try PodiumStore.decoder.decode(AssignmentBody.self, from: Data($0.utf8)).assignment(
                        id: r.entityID,
                        revision: 0
                    )
                }
            }
        }
        func concerned(_ id: OccurrenceID) -> Bool {
            assignments.contains(id) || adHoc.contains(id.rawValue)
                || series.contains(String(id.rawValue.prefix { $0 != "@" }))
        }
        let affected = Set(beforeRoster.assignments.keys).union(afterRoster.assignments.keys).filter(concerned)
        guard !affected.isEmpty else { return }
        let calendar = WorkingCalendar(
            years: after.calendarYears(),
            decisions: try PodiumStore.holidayDecisions(db)
        )
        let engine = OccurrenceEngine(calendar: calendar)
        let notices = NoticePlanner.notices(
            before: NoticePlanner.views(before, beforeRoster, engine: engine, only: affected),
            after: NoticePlanner.views(after, afterRoster, engine: engine, only: affected),
            sequence: Int(lastID),
            now: last.at
        )
        for n in notices { try insert(db, n, roster: afterRoster, revision: Int(lastID), at: last.at) }
    }

    /// The address and language of a person: their account's, else the contact published
    /// for the press. No address: the row is queued as failed, so the secretariat sees who
    /// could not be told.
    static func insert(_ db: Database, _ n: Notice, roster: Roster, revision: Int, at: Date) throws {
        let user = try Row.fetchOne(
            db,
            sql:
                "SELECT email, language, displayName, mailOptOut FROM user WHERE person = ? AND disabled = 0 ORDER BY name LIMIT 1",
            arguments: [n.person.rawValue]
        )
        // The person chose not to get this kind by mail (their page and feed still show it).
        if let optOut = user?["mailOptOut"] as String?,
            optOut.split(separator: ",").contains(Substring(n.kind.rawValue))
        {
            return
        }
        let person = roster.people[n.person]
        let email = (user?["email"] as String?).flatMap { $0.isEmpty ? nil : $0 } ?? person?.contact.email
        let language = (user?["language"] as String?) ?? Language.vi.rawValue
        let name = person?.name ?? (user?["displayName"] as String?) ?? n.person.rawValue
        let payload = String(
            decoding: try PodiumStore.encoder.encode(Payload(notice: n, recipientName: name)),
            as: UTF8.self
        )
        try db.execute(
            sql: """
                INSERT INTO outbox (createdAt, revision, kind, person, occurrence, recipient, language, payload,
                                    nextAttemptAt, failedAt, lastError)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                at, revision, n.kind.rawValue, n.person.rawValue, n.view.occurrence.rawValue, email, language, payload,
                at, email == nil ? at : nil, email == nil ? "no e-mail address for \(name)" : nil,
            ]
        )
    }

    static func message(_ row: Row) throws -> OutboxMessage {
        let payload = try PodiumStore.decoder.decode(Payload.self, from: Data((row["payload"] as String).utf8))
        return OutboxMessage(
            id: row["id"],
            createdAt: row["createdAt"],
            revision: row["revision"],
            notice: payload.notice,
            memo: payload.memo,
            recipient: row["recipient"],
            recipientName: payload.recipientName,
            language: Language(rawValue: row["language"]) ?? .vi,
            attempts: row["attempts"],
            nextAttemptAt: row["nextAttemptAt"],
            sentAt: row["sentAt"],
            failedAt: row["failedAt"],
            lastError: row["lastError"]
        )
    }
}

extension PodiumStore {
    /// Queues the reminders due at `now` (briefings within the next 24 hours), once per
    /// person and version of their assignment. Run by each delivery round.
    @discardableResult
    public func queueReminders(now: Date, lead: TimeInterval = 24 * 3600) throws(StoreError) -> Int {
        try writer.writeReminders { db in
            let schedule = try Self.schedule(db)
            let roster = try Self.roster(db)
            let engine = OccurrenceEngine(
                calendar: WorkingCalendar(years: schedule.calendarYears(), decisions: try Self.holidayDecisions(db))
            )
            // Only assignments whose briefing could start within a day are resolved.
            let soon = Set(
                roster.assignments.keys.filter { id in
                    guard let o = try? engine.resolve(id, in: schedule).occurrence else { return false }
                    return o.startInstant > now && o.startInstant <= now.addingTimeInterval(lead)
                }
            )
            guard !soon.isEmpty else {
                try Outbox.queueTimed(db, schedule: schedule, roster: roster, engine: engine, now: now)
                return 0
            }
            let sent = Set(
                try Row.fetchAll(db, sql: "SELECT payload FROM outbox WHERE kind = 'reminder'").compactMap { row in
                    (try? Self.decoder.decode(Outbox.Payload.self, from: Data((row["payload"] as String).utf8)))
                        .flatMap { $0.notice.map { NoticePlanner.reminderKey($0.view) } }
                }
            )
            try Outbox.queueTimed(db, schedule: schedule, roster: roster, engine: engine, now: now)
            let views = NoticePlanner.views(schedule, roster, engine: engine, only: soon)
            let reminders = NoticePlanner.reminders(views, now: now, lead: lead, sent: sent)
            let revision = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0
            for n in reminders { try Outbox.insert(db, n, roster: roster, revision: revision, at: now) }
            return reminders.count
        }
    }

    /// Messages due for delivery at `now`, oldest first.
    public func dueMessages(now: Date, limit: Int = 50) throws(StoreError) -> [OutboxMessage] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE sentAt IS NULL AND failedAt IS NULL AND nextAttemptAt <= ?
                    ORDER BY id LIMIT ?
                    """,
                arguments: [now, limit]
            ).map(Outbox.message)
        }
    }

    /// Every message, newest first (the secretariat's view; `podium outbox`).
    public func outbox(limit: Int = 200, failedOnly: Bool = false) throws(StoreError) -> [OutboxMessage] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM outbox\(failedOnly ? " WHERE failedAt IS NOT NULL" : "") ORDER BY id DESC LIMIT ?",
                arguments: [limit]
            ).map(Outbox.message)
        }
    }

    public func markSent(_ id: Int, at: Date) throws(StoreError) {
        try writer.writeWithoutNotices { db in
            try db.execute(sql: "UPDATE outbox SET sentAt = ?, lastError = NULL WHERE id = ?", arguments: [at, id])
        }
    }

    /// A failed attempt: tried again after `retryAt`, or given up (`failedAt`) when nil.
    public func markAttemptFailed(_ id: Int, error: String, retryAt: Date?, at: Date) throws(StoreError) {
        try writer.writeWithoutNotices { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET attempts = attempts + 1, lastError = ?, nextAttemptAt = COALESCE(?, nextAttemptAt),
                      failedAt = CASE WHEN ? IS NULL THEN ? ELSE NULL END WHERE id = ?
                    """,
                arguments: [error, retryAt, retryAt, at, id]
            )
        }
    }

    /// Holds a message until `until` (quiet hours), without counting an attempt.
    public func postpone(_ id: Int, until: Date) throws(StoreError) {
        try writer.writeWithoutNotices { db in
            try db.execute(sql: "UPDATE outbox SET nextAttemptAt = ? WHERE id = ?", arguments: [until, id])
        }
    }
}

extension DatabaseWriter {
    func writeReminders(_ body: (Database) throws -> Int) throws(StoreError) -> Int {
        do { return try write(body) } catch { throw PodiumStore.map(error, path: "") }
    }

    /// Outbox bookkeeping is not a change of the plan: no audit entry, no notices.
    func writeWithoutNotices(_ body: (Database) throws -> Void) throws(StoreError) {
        do { try write(body) } catch { throw PodiumStore.map(error, path: "") }
    }
}
