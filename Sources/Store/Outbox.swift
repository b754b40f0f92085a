public import Foundation
import GRDB
import ICalendar
public import Scheduling

/// One queued message: a notice for one person, with where it goes and how delivery went.
public struct OutboxMessage: Hashable, Sendable {
    public var id: Int
    public var createdAt: Date
    public var revision: Int
    /// What the message carries.
    public enum Content: Hashable, Sendable {
        /// An invitation, update or cancellation to an assigned person (iMIP, RFC 6047).
        case notice(Notice)
        /// Plain words to the secretariat, or a spokesperson's digest.
        case memo(Memo)
    }

    public var content: Content
    /// The roster person the message is for or about (invitations, digests), when there is one.
    public var person: Spokesperson.ID?
    public var recipient: String?
    public var recipientName: String
    public var language: Language
    public var attempts: Int
    public var nextAttemptAt: Date
    public var sentAt: Date?
    public var failedAt: Date?
    public var lastError: String?

    /// The notice, when the message is one.
    public var notice: Notice? {
        if case .notice(let n) = content { return n }
        return nil
    }

    /// The notice's kind, or `memo:` and the memo's.
    public var kindName: String {
        switch content {
        case .notice(let n): return n.kind.rawValue
        case .memo(let m): return "memo:\(m.kind.rawValue)"
        }
    }

    /// The memo, when the message is one.
    public var memo: Memo? {
        if case .memo(let m) = content { return m }
        return nil
    }

    public var occurrence: OccurrenceID? {
        switch content {
        case .notice(let n): return n.view.occurrence
        case .memo(let m): return m.occurrence
        }
    }

    /// The agency whose business the message is (its person's, else its briefing's
    /// organiser): who may read it is decided on this agency by the one authorization
    /// function. Nil when neither is known any more — only a reader of every agency sees it.
    public func agency(in schedule: Schedule, roster: Roster) -> Agency.ID? {
        if let p = person, let a = roster.people[p]?.agency { return a }
        return occurrence.flatMap(schedule.organizer(of:))
    }
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
    static func insert(_ db: Database, _ n: Notice, roster: Roster, revision: Int, at: Date, key: String? = nil) throws
    {
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
                INSERT OR IGNORE INTO outbox (createdAt, revision, kind, person, occurrence, recipient, language,
                                              payload, nextAttemptAt, failedAt, lastError, key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                at, revision, n.kind.rawValue, n.person.rawValue, n.view.occurrence.rawValue, email, language, payload,
                at, email == nil ? at : nil, email == nil ? "no e-mail address for \(name)" : nil, key,
            ]
        )
    }

    static func message(_ row: Row) throws -> OutboxMessage {
        let payload = try PodiumStore.decoder.decode(Payload.self, from: Data((row["payload"] as String).utf8))
        let content: OutboxMessage.Content
        if let n = payload.notice {
            content = .notice(n)
        } else if let m = payload.memo {
            content = .memo(m)
        } else {
            throw StoreError.corrupt(
                entity: "outbox message",
                id: "\(row["id"] as Int? ?? 0)",
                reason: "it holds neither a notice nor a memo"
            )
        }
        return OutboxMessage(
            id: row["id"],
            createdAt: row["createdAt"],
            revision: row["revision"],
            content: content,
            person: (row["person"] as String?).map { Spokesperson.ID($0) },
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
            // Only the briefings that start within the lead are expanded (one windowed expansion
            // per series, not one resolution per assignment), and the reminders already queued
            // are read by their key column, not by decoding every payload: this runs every round.
            let soon = Set(
                try engine.occurrences(in: schedule, from: now, to: now.addingTimeInterval(lead))
                    .filter { $0.startInstant > now && roster.assignments[$0.id] != nil }.map(\.id)
            )
            guard !soon.isEmpty else {
                try Outbox.queueTimed(db, schedule: schedule, roster: roster, engine: engine, now: now)
                return 0
            }
            let sent = Set(
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT substr(key, length('reminder|') + 1) FROM outbox WHERE kind = 'reminder' AND key LIKE 'reminder|%'"
                )
            )
            try Outbox.queueTimed(db, schedule: schedule, roster: roster, engine: engine, now: now)
            let views = NoticePlanner.views(schedule, roster, engine: engine, only: soon)
            let reminders = NoticePlanner.reminders(views, now: now, lead: lead, sent: sent)
            let revision = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0
            for n in reminders {
                try Outbox.insert(
                    db,
                    n,
                    roster: roster,
                    revision: revision,
                    at: now,
                    key: "reminder|\(NoticePlanner.reminderKey(n.view))"
                )
            }
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
