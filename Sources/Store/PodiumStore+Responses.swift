public import Foundation
import GRDB
import ICalendar
public import Scheduling

/// An offer to hand one's assignment to a colleague.
public struct SwapOffer: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        case open, taken, approved, refused, withdrawn
    }

    public var id: Int
    public var occurrence: OccurrenceID
    public var from: Spokesperson.ID
    public var createdAt: Date
    public var status: Status
    public var takenBy: Spokesperson.ID?
    public var takenAt: Date?
    public var decidedBy: String?
}

extension PodiumStore {
    // MARK: - acknowledging

    /// Records that `person` has seen their assignment at `sequence` (what their invitation
    /// and private feed carry); audited, but no change of the plan.
    public func acknowledge(_ occurrence: OccurrenceID, person: Spokesperson.ID, sequence: Int, actor: String, at: Date)
        throws(StoreError)
    {
        try write { db in
            let context = try Context(db, decisions: [])
            guard let a = context.roster.assignments[occurrence], a.people.contains(person),
                let o = context.occurrence(occurrence)
            else {
                throw StoreError.invalid("\(person) is not assigned to \(occurrence)")
            }
            // Only the version the person was shown: a stale (or invented) one is refused.
            let current = Self.version(o, a)
            guard sequence == current else {
                throw StoreError.invalid(
                    "the assignment has changed since it was shown (version \(current), not \(sequence)); reload and acknowledge again"
                )
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO acknowledgement (occurrence, person, sequence, at) VALUES (?, ?, ?, ?)",
                arguments: [occurrence.rawValue, person.rawValue, sequence, at]
            )
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: "acknowledge",
                entity: "acknowledgement",
                id: occurrence.rawValue,
                before: nil,
                after: "\(person) @\(sequence)"
            )
        }
    }

    /// The version of an assignment a person acknowledges: the larger of the occurrence's and
    /// the assignment's revision — the SEQUENCE of their invitation and private feed.
    static func version(_ o: Occurrence, _ a: Assignment) -> Int { max(o.revision, a.revision) }

    /// The current version of the assignment at an occurrence (nil when nobody is assigned).
    public func assignmentVersion(_ occurrence: OccurrenceID) throws(StoreError) -> Int? {
        try read { db in
            let context = try Context(db, decisions: [])
            guard let a = context.roster.assignments[occurrence], let o = context.occurrence(occurrence) else {
                return nil
            }
            return Self.version(o, a)
        }
    }

    /// Acknowledged sequences: occurrence → person → sequence.
    public func acknowledgements() throws(StoreError) -> [OccurrenceID: [Spokesperson.ID: Int]] {
        try read { db in
            var out: [OccurrenceID: [Spokesperson.ID: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT occurrence, person, sequence FROM acknowledgement") {
                out[OccurrenceID(rawValue: row["occurrence"]), default: [:]][Spokesperson.ID(row["person"] as String)] =
                    row["sequence"]
            }
            return out
        }
    }

    // MARK: - declining

    /// `person` declines their assignment at an occurrence: taken off it, the first backup
    /// the rules still accept promoted (not in a locked assignment), open offers for it
    /// withdrawn. The assignment change is what tells everyone (the outbox). Returns who was
    /// promoted.
    @discardableResult
    public func decline(
        _ occurrence: OccurrenceID,
        person: Spokesperson.ID,
        reason: String,
        decisions: [HolidayDecision] = [],
        actor: String,
        at: Date
    ) throws(StoreError) -> Spokesperson.ID? {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw .invalid("say why you decline") }
        return try write { db in
            let context = try Context(db, decisions: decisions)
            guard let a = context.roster.assignments[occurrence], a.people.contains(person) else {
                throw StoreError.invalid("\(person) is not assigned to \(occurrence)")
            }
            guard let o = context.occurrence(occurrence) else {
                throw StoreError.notFound(entity: "occurrence", id: occurrence.rawValue)
            }
            var (changed, promoted) = Responses.decline(a, by: person, at: o, roster: context.roster)
            changed.reason = "\(person) từ chối: \(why)"
            try Self.upsert(
                db,
                AssignmentTable.self,
                id: occurrence.rawValue,
                body: AssignmentBody(changed),
                at: at,
                actor: actor,
                action: "decline"
            )
            try db.execute(
                sql:
                    "UPDATE swapOffer SET status = 'withdrawn' WHERE occurrence = ? AND fromPerson = ? AND status IN ('open', 'taken')",
                arguments: [occurrence.rawValue, person.rawValue]
            )
            // The secretariat is told, with who speaks now and who else could.
            let name = context.roster.people[person]?.name ?? person.rawValue
            let now = promoted.flatMap { context.roster.people[$0]?.name }
            let others = Responses.candidates(for: changed, replacing: person, at: o, roster: context.roster)
                .filter { $0 != person }.prefix(5).compactMap { context.roster.people[$0]?.name }
            let when = Outbox.when(o)
            try Outbox.insertMemo(
                db,
                Memo(
                    kind: .declined,
                    occurrence: occurrence,
                    subject: BilingualText(
                        vi: "\(name) từ chối: \(o.title.vi) — \(when.vi)",
                        en: "\(name) declined: \(o.title.text(.en)) — \(when.text(.en))"
                    ),
                    lines: [
                        BilingualText(vi: "Lý do: \(why)", en: "Reason: \(why)"),
                        now.map {
                            BilingualText(vi: "Người phát ngôn chính nay là \($0).", en: "\($0) is now the primary.")
                        }
                            ?? BilingualText(
                                vi: "Buổi này chưa có người phát ngôn chính: cần phân công.",
                                en: "The briefing has no primary now: assign one."
                            ),
                        BilingualText(
                            vi: "Có thể phân công: " + (others.isEmpty ? "không ai" : others.joined(separator: ", ")),
                            en: "Could take it: " + (others.isEmpty ? "nobody" : others.joined(separator: ", "))
                        ),
                    ]
                ),
                to: try Outbox.secretariat(db, of: o.organizer, in: context.schedule),
                key: nil,
                at: at
            )
            return promoted
        }
    }

    // MARK: - swaps

    /// Offers `person`'s place at an occurrence to colleagues.
    public func offerSwap(_ occurrence: OccurrenceID, person: Spokesperson.ID, actor: String, at: Date)
        throws(StoreError) -> Int
    {
        try write { db in
            guard try Self.roster(db).assignments[occurrence]?.people.contains(person) == true else {
                throw StoreError.invalid("\(person) is not assigned to \(occurrence)")
            }
            if try Int.fetchOne(
                db,
                sql: "SELECT id FROM swapOffer WHERE occurrence = ? AND fromPerson = ? AND status IN ('open', 'taken')",
                arguments: [occurrence.rawValue, person.rawValue]
            ) != nil {
                throw StoreError.invalid("\(person) already offered \(occurrence)")
            }
            try db.execute(
                sql: "INSERT INTO swapOffer (occurrence, fromPerson, createdAt, status) VALUES (?, ?, ?, 'open')",
                arguments: [occurrence.rawValue, person.rawValue, at]
            )
            let id = Int(db.lastInsertedRowID)
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: "offer",
                entity: "swap",
                id: occurrence.rawValue,
                before: nil,
                after: "#\(id) \(person) offers"
            )
            return id
        }
    }

    public func swapOffers(status: [SwapOffer.Status] = [.open, .taken]) throws(StoreError) -> [SwapOffer] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT * FROM swapOffer WHERE status IN (\(status.map { "'\($0.rawValue)'" }.joined(separator: ","))) ORDER BY id"
            ).map(Self.offer)
        }
    }

    static func offer(_ row: Row) -> SwapOffer {
        SwapOffer(
            id: row["id"],
            occurrence: OccurrenceID(rawValue: row["occurrence"]),
            from: Spokesperson.ID(row["fromPerson"] as String),
            createdAt: row["createdAt"],
            status: SwapOffer.Status(rawValue: row["status"]) ?? .open,
            takenBy: (row["takenBy"] as String?).map { Spokesperson.ID($0) },
            takenAt: row["takenAt"],
            decidedBy: row["decidedBy"]
        )
    }

    /// A colleague takes an open offer: they must be a candidate by the rules. Approved at
    /// once when `approve` (the agency lets swaps through), else waiting for the secretariat.
    public func takeSwap(
        _ id: Int,
        taker: Spokesperson.ID,
        approve: Bool,
        decisions: [HolidayDecision] = [],
        actor: String,
        at: Date
    ) throws(StoreError) {
        try write { db in
            guard
                let offer = try Row.fetchOne(db, sql: "SELECT * FROM swapOffer WHERE id = ?", arguments: [id]).map(
                    Self.offer
                ),
                offer.status == .open
            else { throw StoreError.invalid("offer #\(id) is not open") }
            let context = try Context(db, decisions: decisions)
            guard let a = context.roster.assignments[offer.occurrence], a.people.contains(offer.from),
                let o = context.occurrence(offer.occurrence)
            else {
                throw StoreError.invalid("the assignment offered in #\(id) has changed; the offer no longer stands")
            }
            guard Responses.candidates(for: a, replacing: offer.from, at: o, roster: context.roster).contains(taker)
            else {
                throw StoreError.invalid(
                    "\(taker) may not take \(offer.occurrence) (not entitled, not available, or already on it)"
                )
            }
            try db.execute(
                sql: "UPDATE swapOffer SET status = 'taken', takenBy = ?, takenAt = ? WHERE id = ?",
                arguments: [taker.rawValue, at, id]
            )
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: "take",
                entity: "swap",
                id: offer.occurrence.rawValue,
                before: "#\(id) \(offer.from) offers",
                after: "#\(id) \(taker) takes"
            )
            if approve {
                try Self.applySwap(db, id, a, offer.from, taker, actor: "auto-approve", at: at)
            } else {
                let from = context.roster.people[offer.from]?.name ?? offer.from.rawValue
                let to = context.roster.people[taker]?.name ?? taker.rawValue
                let when = Outbox.when(o)
                try Outbox.insertMemo(
                    db,
                    Memo(
                        kind: .swapTaken,
                        occurrence: offer.occurrence,
                        subject: BilingualText(
                            vi: "Chờ duyệt đổi người: \(o.title.vi) — \(when.vi)",
                            en: "Swap to approve: \(o.title.text(.en)) — \(when.text(.en))"
                        ),
                        lines: [
                            BilingualText(
                                vi: "\(to) nhận thay \(from). Duyệt hoặc không duyệt tại /workspace/approvals.",
                                en: "\(to) takes over from \(from). Approve or refuse on /workspace/approvals."
                            )
                        ]
                    ),
                    to: try Outbox.secretariat(db, of: o.organizer, in: context.schedule),
                    key: nil,
                    at: at
                )
            }
        }
    }

    /// The secretariat approves (the swap is made) or refuses a taken offer.
    public func decideSwap(_ id: Int, approve: Bool, actor: String, at: Date) throws(StoreError) {
        try write { db in
            guard
                let offer = try Row.fetchOne(db, sql: "SELECT * FROM swapOffer WHERE id = ?", arguments: [id]).map(
                    Self.offer
                ),
                offer.status == .taken, let taker = offer.takenBy
            else { throw StoreError.invalid("offer #\(id) is not waiting for a decision") }
            guard approve else {
                try db.execute(
                    sql: "UPDATE swapOffer SET status = 'refused', decidedBy = ?, decidedAt = ? WHERE id = ?",
                    arguments: [actor, at, id]
                )
                _ = try Self.record(
                    db,
                    at: at,
                    actor: actor,
                    action: "refuse",
                    entity: "swap",
                    id: offer.occurrence.rawValue,
                    before: "#\(id) \(taker) takes",
                    after: "#\(id) refused"
                )
                return
            }
            guard let a = try Self.roster(db).assignments[offer.occurrence], a.people.contains(offer.from) else {
                throw StoreError.invalid("the assignment offered in #\(id) has changed; refuse the offer instead")
            }
            try Self.applySwap(db, id, a, offer.from, taker, actor: actor, at: at)
        }
    }

    static func applySwap(
        _ db: Database,
        _ id: Int,
        _ a: Assignment,
        _ from: Spokesperson.ID,
        _ to: Spokesperson.ID,
        actor: String,
        at: Date
    ) throws {
        var changed = Responses.swap(a, from: from, to: to)
        changed.reason = "đổi: \(from) → \(to) (#\(id))"
        try upsert(
            db,
            AssignmentTable.self,
            id: a.occurrence.rawValue,
            body: AssignmentBody(changed),
            at: at,
            actor: actor,
            action: "swap"
        )
        try db.execute(
            sql: "UPDATE swapOffer SET status = 'approved', decidedBy = ?, decidedAt = ? WHERE id = ?",
            arguments: [actor, at, id]
        )
    }
}
