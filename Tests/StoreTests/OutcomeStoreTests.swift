import Foundation
import ICalendar
import PlanFile
import Scheduling
import Store
import TestSupport
import Testing

/// Outcomes in the store: all or nothing, audited, idempotent, and the database's own
/// constraints behind the engine's rules.
@Suite("Outcomes in the store")
struct OutcomeStoreTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)  // June 2025: all of 2024 is past

    static func store() throws -> PodiumStore {
        let store = try PodiumStore.inMemory()
        let plan = try StoreTests.plan()
        _ = try store.importPlan(
            agencies: Array(plan.schedule.agencies.values),
            venues: Array(plan.schedule.venues.values),
            series: Array(plan.schedule.series.values),
            adHoc: Array(plan.schedule.adHoc.values),
            decisions: plan.holidayDecisions,
            roster: plan.roster,
            actor: "test",
            at: now
        )
        return store
    }

    static func sample() throws -> OutcomeFile {
        let url = RepositoryPaths.calendars.appendingPathComponent("phu-yen-2024/outcomes.yaml")
        return try PlanReader.readOutcomes(try RepositoryPaths.read(url), file: "outcomes.yaml")
    }

    static func importSample(_ store: PodiumStore, _ file: OutcomeFile) throws -> OutcomeImportReport {
        try store.importOutcomes(
            file.outcomes,
            followUps: file.followUps,
            narratives: file.narratives,
            now: now,
            actor: "test",
            at: now
        )
    }

    @Test("the sample's outcomes import once; importing them again changes nothing")
    func idempotent() throws {
        let store = try Self.store()
        let file = try Self.sample()
        let first = try Self.importSample(store, file)
        #expect(first.outcomes == file.outcomes.count)
        #expect(first.followUps == file.followUps.count)
        let revision = try store.latestRevision()
        let second = try Self.importSample(store, file)
        #expect(second.outcomes == 0 && second.followUps == 0 && second.narratives == 0)
        #expect(try store.latestRevision() == revision)
        #expect(try store.outcomes().count == file.outcomes.count)
        // Read back equal to what was written (speakers in order, materials, attendance).
        let stored = try store.outcomes()
        for o in file.outcomes { #expect(stored[o.occurrence] == o, "\(o.occurrence)") }
    }

    @Test("one bad item among good ones: refused by its index and field, and nothing is stored")
    func allOrNothing() throws {
        let store = try Self.store()
        var file = try Self.sample()
        let before = try store.latestRevision()
        file.outcomes[5].attendance = Outcome.Attendance(agencies: -2, journalists: 10)
        file.followUps[0].promised = LocalDate(iso: "2023-12-01")!
        #expect {
            try Self.importSample(store, file)
        } throws: { error in
            guard case StoreError.rejected(let items) = error else { return false }
            return items.map { "\($0.kind)[\($0.index)].\($0.field)" } == [
                "outcome[5].attendance.agencies", "follow-up[0].promised",
            ]
        }
        #expect(try store.latestRevision() == before)
        #expect(try store.outcomes().isEmpty)
        #expect(try store.followUps().isEmpty)
        // The file reader turns the refusal back into the line of the file.
        let place = file.place(kind: "outcome", index: 5, field: "attendance.agencies", message: "below zero")
        #expect(place.line != nil && place.field == "outcomes[5].attendance.agencies")
    }

    @Test("a recorded outcome is audited with before and after; a moved occurrence is named by its stable id")
    func audited() throws {
        let store = try Self.store()
        // The July conference was moved to 5 July 09:00; naming the new start finds it.
        let moved = Outcome(occurrence: OccurrenceID(rawValue: "hop-bao-quy@20240705T090000"), result: .held)
        try store.recordOutcome(moved, now: Self.now, actor: "editor", at: Self.now)
        let stable = OccurrenceID(rawValue: "hop-bao-quy@20240704T150000")
        #expect(try store.outcome(stable)?.result == .held)
        var changed = Outcome(occurrence: stable, result: .notHeld(reason: "bão"))
        try store.recordOutcome(changed, now: Self.now, actor: "editor", at: Self.now)
        let history = try store.history(limit: 2, entityID: stable.rawValue)
        #expect(history.map(\.action) == ["edit", "record"])
        #expect(history[0].before?.contains("\"held\"") == true && history[0].after?.contains("not-held") == true)
        // An unchanged outcome writes nothing.
        let revision = try store.latestRevision()
        try store.recordOutcome(changed, now: Self.now, actor: "editor", at: Self.now)
        #expect(try store.latestRevision() == revision)
        changed.result = .held
        changed.questions = Outcome.Questions(received: 1, answered: 2)
        #expect(throws: StoreError.self) {
            try store.recordOutcome(changed, now: Self.now, actor: "editor", at: Self.now)
        }
        #expect(try store.latestRevision() == revision)
    }
}
