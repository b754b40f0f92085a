import Foundation
import ICalendar
import Scheduling
import Store
import Testing

/// The outbox is filled in the same transaction as the change, and spokespeople's answers
/// (decline, swap) change assignments the way the rules say, telling exactly those concerned.
@Suite("Notifications and answers in the store")
struct NotificationStoreTests {
    static let now = Date()

    /// A planned briefing ten days from now, three people entitled to speak for it.
    static func store() throws -> (PodiumStore, OccurrenceID) {
        let store = try PodiumStore.inMemory()
        let day = LocalDateTime(utc: now.addingTimeInterval(10 * 86_400)).date
        let briefing = AdHocBriefing(
            id: "hop-bao-thu",
            title: BilingualText(vi: "Họp báo thử"),
            organizer: "ubnd",
            trigger: .planned,
            triggeredAt: now,
            start: LocalDateTime(day, hour: 9, minute: 0),
            duration: 3600
        )
        let people = ["an", "binh", "cuong"].map {
            Spokesperson(
                id: Spokesperson.ID($0),
                name: $0.capitalized,
                title: "Người phát ngôn",
                agency: "ubnd",
                entitlements: [Entitlement(agency: "ubnd", kind: .spokesperson)],
                contact: PublishedContact(email: "\($0)@example.vn")
            )
        }
        _ = try store.importPlan(
            agencies: [Agency(id: "ubnd", name: BilingualText(vi: "UBND"), level: .province)],
            venues: [],
            series: [],
            adHoc: [briefing],
            decisions: [],
            roster: Roster(people: people),
            actor: "test",
            at: now
        )
        return (store, OccurrenceID(adHoc: briefing.id))
    }

    static func queued(_ store: PodiumStore) throws -> [String] {
        try store.outbox().reversed().map { "\($0.kindName) \($0.notice?.person.rawValue ?? $0.recipientName)" }
    }

    @Test("assign, decline, offer, take, approve: each tells exactly the people it concerns")
    func answers() throws {
        let (store, id) = try Self.store()
        _ = try store.assign(
            Assignment(
                occurrence: id,
                primary: .init(person: "an", source: .manual),
                backups: [.init(person: "binh", source: .manual)]
            ),
            expectedRevision: 0,
            actor: "editor",
            at: Self.now
        )
        #expect(try Self.queued(store) == ["assigned an", "assigned binh"])
        // An declines: Bình, the backup, becomes primary; An is withdrawn, Bình told of the new role.
        let promoted = try store.decline(id, person: "an", reason: "Đi công tác", actor: "an", at: Self.now)
        #expect(promoted == "binh")
        #expect(try store.roster().assignments[id]?.primary?.person == "binh")
        #expect(try Self.queued(store).suffix(2) == ["unassigned an", "changed binh"])
        // Bình offers it; Cường takes it; nothing changes until the secretariat approves.
        let offer = try store.offerSwap(id, person: "binh", actor: "binh", at: Self.now)
        #expect(throws: StoreError.self) {
            try store.takeSwap(offer, taker: "binh", approve: false, actor: "binh", at: Self.now)
        }
        try store.takeSwap(offer, taker: "cuong", approve: false, actor: "cuong", at: Self.now)
        #expect(try Self.queued(store).count == 4)
        try store.decideSwap(offer, approve: true, actor: "editor", at: Self.now)
        #expect(try store.roster().assignments[id]?.primary?.person == "cuong")
        #expect(try Self.queued(store).suffix(2) == ["unassigned binh", "assigned cuong"])
        // History shows both sides of the swap.
        let actions = try store.history(limit: 10, entityID: id.rawValue).map(\.action)
        #expect(actions.contains("offer") && actions.contains("take") && actions.contains("swap"))
        // Acknowledging is not a change of the plan: nobody is written to.
        // Only the version shown may be acknowledged: the larger of the briefing's and the
        // assignment's revision.
        let version = max(
            try #require(try store.schedule().adHoc["hop-bao-thu"]).revision,
            try #require(try store.roster().assignments[id]).revision
        )
        #expect(throws: StoreError.self) {
            try store.acknowledge(id, person: "cuong", sequence: version + 1, actor: "cuong", at: Self.now)
        }
        try store.acknowledge(id, person: "cuong", sequence: version, actor: "cuong", at: Self.now)
        #expect(try Self.queued(store).count == 6)
        #expect(try store.acknowledgements()[id]?["cuong"] == version)
        // Who may read a message is decided on the agency whose business it is: the
        // person's, else the briefing organiser's; with neither known, no agency (only a
        // reader of everything sees it).
        let schedule = try store.schedule()
        let roster = try store.roster()
        let messages = try store.outbox()
        #expect(messages.count == 6)
        #expect(messages.allSatisfy { $0.agency(in: schedule, roster: roster) == "ubnd" })
        #expect(messages.allSatisfy { $0.agency(in: Schedule(), roster: Roster()) == nil })
        var orphan = try #require(messages.first { $0.person != nil })
        orphan.person = "someone-gone"
        #expect(orphan.agency(in: schedule, roster: roster) == "ubnd", "falls back to the briefing's organiser")
    }

    @Test("a refused change queues nothing; a delivered message is marked, a failing one retried")
    func transactional() throws {
        let (store, id) = try Self.store()
        #expect(throws: StoreError.self) {
            try store.assign(
                Assignment(occurrence: id, primary: .init(person: "nobody", source: .manual)),
                expectedRevision: 0,
                actor: "editor",
                at: Self.now
            )
        }
        #expect(try store.outbox().isEmpty)
        _ = try store.assign(
            Assignment(occurrence: id, primary: .init(person: "an", source: .manual)),
            expectedRevision: 0,
            actor: "editor",
            at: Self.now
        )
        let due = try store.dueMessages(now: Self.now)
        #expect(due.map(\.recipient) == ["an@example.vn"])
        try store.markAttemptFailed(due[0].id, error: "exit 1", retryAt: Self.now.addingTimeInterval(60), at: Self.now)
        #expect(try store.dueMessages(now: Self.now).isEmpty)
        let retried = try store.dueMessages(now: Self.now.addingTimeInterval(61))
        #expect(retried.map(\.attempts) == [1])
        try store.markSent(retried[0].id, at: Self.now)
        #expect(try store.dueMessages(now: Self.now.addingTimeInterval(3600)).isEmpty)
        #expect(try store.outbox().first?.sentAt != nil)
    }

    @Test("a reminder the day before, once per person and version")
    func reminders() throws {
        let (store, id) = try Self.store()
        _ = try store.assign(
            Assignment(
                occurrence: id,
                primary: .init(person: "an", source: .manual),
                backups: [.init(person: "binh", source: .manual)]
            ),
            expectedRevision: 0,
            actor: "editor",
            at: Self.now
        )
        let start = try #require(try store.schedule().adHoc["hop-bao-thu"]).start
        let instant = try TimeZones.instant(of: start, in: "Asia/Ho_Chi_Minh")
        #expect(try store.queueReminders(now: instant.addingTimeInterval(-30 * 3600)) == 0)  // too early
        #expect(try store.queueReminders(now: instant.addingTimeInterval(-20 * 3600)) == 2)
        #expect(try store.queueReminders(now: instant.addingTimeInterval(-10 * 3600)) == 0)  // sent already
        #expect(try Self.queued(store).suffix(2) == ["reminder an", "reminder binh"])
    }

    @Test("a person who opted out of a kind gets no mail of it; other kinds still go")
    func optOut() throws {
        let (store, id) = try Self.store()
        try store.createUser(
            User(name: "an", displayName: "An", person: "an", mailOptOut: ["assigned"]),
            passwordHash: "x",
            actor: "admin",
            at: Self.now
        )
        _ = try store.assign(
            Assignment(occurrence: id, primary: .init(person: "an", source: .manual)),
            expectedRevision: 0,
            actor: "editor",
            at: Self.now
        )
        #expect(try Self.queued(store).isEmpty)
        _ = try store.decline(id, person: "an", reason: "Ốm", actor: "an", at: Self.now)
        #expect(try Self.queued(store) == ["unassigned an"])
    }

    @Test("the secretariat is told of a decline, a swap to approve and a primary who has not acknowledged")
    func secretariat() throws {
        let (store, id) = try Self.store()
        try store.createUser(
            User(
                name: "bientap",
                displayName: "Biên tập",
                email: "bientap@example.vn",
                grants: [Grant(role: .editor, scope: "ubnd")]
            ),
            passwordHash: "x",
            actor: "admin",
            at: Self.now
        )
        // Someone without an address, and an approver, are not written to.
        try store.createUser(
            User(
                name: "duyet",
                displayName: "Duyệt",
                email: "duyet@example.vn",
                grants: [Grant(role: .approver, scope: "ubnd")]
            ),
            passwordHash: "x",
            actor: "admin",
            at: Self.now
        )
        _ = try store.assign(
            Assignment(
                occurrence: id,
                primary: .init(person: "an", source: .manual),
                backups: [.init(person: "binh", source: .manual)]
            ),
            expectedRevision: 0,
            actor: "editor",
            at: Self.now
        )
        _ = try store.decline(id, person: "an", reason: "Đi công tác", actor: "an", at: Self.now)
        let declined = try #require(try store.outbox().first { $0.memo?.kind == .declined })
        #expect(declined.recipient == "bientap@example.vn")
        #expect(declined.memo?.lines.map(\.vi).contains("Lý do: Đi công tác") == true)
        let offer = try store.offerSwap(id, person: "binh", actor: "binh", at: Self.now)
        try store.takeSwap(offer, taker: "cuong", approve: false, actor: "cuong", at: Self.now)
        #expect(try store.outbox().contains { $0.memo?.kind == .swapTaken && $0.recipient == "bientap@example.vn" })
        #expect(try !store.outbox().contains { $0.recipient == "duyet@example.vn" })
        // Two days before, Bình (primary) has not acknowledged: told once, however many rounds.
        let start = try TimeZones.instant(
            of: try #require(try store.schedule().adHoc["hop-bao-thu"]).start,
            in: "Asia/Ho_Chi_Minh"
        )
        try store.queueReminders(now: start.addingTimeInterval(-40 * 3600))
        try store.queueReminders(now: start.addingTimeInterval(-39 * 3600))
        #expect(try store.outbox().filter { $0.memo?.kind == .unacknowledged }.count == 1)
    }
}
