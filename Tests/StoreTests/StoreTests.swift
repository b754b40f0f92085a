import Foundation
import ICalendar
import PlanFile
import Scheduling
import Store
import TestSupport
import Testing

@Suite("Store")
struct StoreTests {
    static let at = Date(timeIntervalSince1970: 1_700_000_000)

    static func plan() throws -> Plan {
        try PlanReader.read(
            RepositoryPaths.read(RepositoryPaths.calendars.appendingPathComponent("phu-yen-2024/plan.yaml")),
            file: "plan.yaml"
        )
    }

    static func importPlan(_ store: PodiumStore, _ plan: Plan) throws -> ImportReport {
        try store.importPlan(
            agencies: plan.schedule.agencies.values.sorted { $0.id < $1.id },
            venues: plan.schedule.venues.values.sorted { $0.id < $1.id },
            series: plan.schedule.series.values.sorted { $0.id < $1.id },
            adHoc: plan.schedule.adHoc.values.sorted { $0.id < $1.id },
            decisions: plan.holidayDecisions,
            actor: "test",
            at: at
        )
    }

    @Test("importing a plan stores every item; importing it again changes nothing and bumps no revision")
    func idempotentImport() throws {
        // Given: an empty store and the Phú Yên plan.
        let store = try PodiumStore.inMemory()
        let plan = try Self.plan()
        // When: it is imported twice.
        let first = try Self.importPlan(store, plan)
        let revision = try store.latestRevision()
        let second = try Self.importPlan(store, plan)
        // Then: the second import is a no-op and the schedule reads back equal.
        #expect(first.created.count == 16)  // 8 agencies, 2 venues, 3 series, 3 ad-hoc briefings
        #expect(second.created.isEmpty && second.updated.isEmpty && second.revision == nil)
        #expect(try store.latestRevision() == revision)
        let back = try store.schedule()
        #expect(Set(back.series.keys) == Set(plan.schedule.series.keys))
        for (id, s) in plan.schedule.series {
            var stored = back.series[id]!
            stored.revision = s.revision
            for k in stored.exceptions.keys { stored.exceptions[k]!.revision = s.exceptions[k]!.revision }
            #expect(stored == s, "\(id)")
        }
    }

    @Test("a changed field bumps only that item's revision; identities stay")
    func changedField() throws {
        let store = try PodiumStore.inMemory()
        var plan = try Self.plan()
        _ = try Self.importPlan(store, plan)
        let before = try store.schedule()
        plan.schedule.series["hop-bao-quy"]!.title = BilingualText(vi: "Họp báo quý (đổi tên)")
        let report = try Self.importPlan(store, plan)
        #expect(report.updated == ["series hop-bao-quy"])
        let after = try store.schedule()
        #expect(after.series["hop-bao-quy"]!.revision > before.series["hop-bao-quy"]!.revision)
        #expect(after.series["giao-ban-bao-chi"]!.revision == before.series["giao-ban-bao-chi"]!.revision)
    }

    @Test("a change based on a stale revision is refused and writes nothing")
    func staleRevision() throws {
        let store = try PodiumStore.inMemory()
        _ = try Self.importPlan(store, try Self.plan())
        let current = try store.seriesRevision("hop-bao-quy")
        let latest = try store.latestRevision()
        #expect(
            throws: StoreError.conflict(entity: "series", id: "hop-bao-quy", expected: current - 1, current: current)
        ) {
            try store.cancelOccurrence(
                series: "hop-bao-quy",
                original: LocalDateTime(iso: "2024-10-03T15:00")!,
                reason: "x",
                expectedRevision: current - 1,
                actor: "a",
                at: Self.at
            )
        }
        #expect(try store.latestRevision() == latest)
        // With the current revision it succeeds, and the occurrence's revision grows.
        let rev = try store.cancelOccurrence(
            series: "hop-bao-quy",
            original: LocalDateTime(iso: "2024-10-03T15:00")!,
            reason: "Bão",
            expectedRevision: current,
            actor: "a",
            at: Self.at
        )
        #expect(rev == latest + 1)
        #expect(try store.seriesRevision("hop-bao-quy") == rev)
    }

    @Test("an invalid change is refused by the engine and writes nothing")
    func invalidChange() throws {
        let store = try PodiumStore.inMemory()
        _ = try Self.importPlan(store, try Self.plan())
        let latest = try store.latestRevision()
        #expect(throws: StoreError.self) {
            try store.cancelOccurrence(
                series: "hop-bao-quy",
                original: LocalDateTime(iso: "2024-10-04T15:00")!,
                reason: "x",
                expectedRevision: nil,
                actor: "a",
                at: Self.at
            )
        }
        #expect(throws: StoreError.self) {
            try store.moveOccurrence(
                series: "hop-bao-quy",
                original: LocalDateTime(iso: "2024-01-04T15:00")!,
                to: LocalDateTime(iso: "2024-04-04T15:00")!,
                venue: nil,
                reason: "onto another",
                expectedRevision: nil,
                actor: "a",
                at: Self.at
            )
        }
        #expect(try store.latestRevision() == latest)
    }

    @Test("every change writes an audit entry with who, when, before and after")
    func audit() throws {
        let store = try PodiumStore.inMemory()
        _ = try Self.importPlan(store, try Self.plan())
        _ = try store.moveOccurrence(
            series: "hop-bao-quy",
            original: LocalDateTime(iso: "2024-04-04T15:00")!,
            to: LocalDateTime(iso: "2024-04-05T09:00")!,
            venue: nil,
            reason: "Trùng lịch",
            expectedRevision: nil,
            actor: "chanh-van-phong",
            at: Self.at
        )
        let last = try #require(try store.history(limit: 1).first)
        #expect(last.actor == "chanh-van-phong" && last.action == "move-occurrence" && last.entityID == "hop-bao-quy")
        #expect(last.at == Self.at)
        #expect(last.before?.contains("2024-04-05T09:00") == false && last.after?.contains("2024-04-05T09:00") == true)
    }

    @Test("a split keeps the past and links the continuation")
    func split() throws {
        let store = try PodiumStore.inMemory()
        _ = try Self.importPlan(store, try Self.plan())
        _ = try store.split(
            series: "giao-ban-bao-chi",
            at: LocalDateTime(iso: "2024-07-02T08:00")!,
            newID: "giao-ban-h2",
            expectedRevision: nil,
            actor: "a",
            at: Self.at
        )
        let s = try store.schedule()
        #expect(s.series["giao-ban-bao-chi"]!.continuedBy == "giao-ban-h2")
        #expect(s.series["giao-ban-h2"]!.continues == "giao-ban-bao-chi")
    }

    @Test("a file that is not SQLite is refused by name, and left as it was")
    func notADatabase() throws {
        let dir = try ExternalTool.temporaryDirectory("podium-store")
        let path = dir.appendingPathComponent("garbage.sqlite").path
        try Data("this is not a database, just text\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notADatabase(path: path)) { try PodiumStore.open(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "this is not a database, just text\n")
    }

    @Test("only an explicit create makes a database; a missing file is refused and not created")
    func createAndReopen() throws {
        let dir = try ExternalTool.temporaryDirectory("podium-store")
        let path = dir.appendingPathComponent("p.sqlite").path
        // Given no file, When a command opens it without create, Then it is refused and nothing appears.
        #expect(throws: StoreError.missing(path: path)) { try PodiumStore.open(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try Self.importPlan(try PodiumStore.open(path: path, create: true), try Self.plan())
        let again = try PodiumStore.open(path: path)
        #expect(try again.schedule().series.count == 3)
    }

    /// Regression (found by the crash harness): after a CLI change to one occurrence, the
    /// first re-import of the plan undoes it (leaving a tombstone) and the second reported
    /// "1 updated" again by dropping that tombstone.
    @Test("re-importing the same plan after an occurrence change is idempotent from the second import on")
    func reimportAfterChange() throws {
        let store = try PodiumStore.inMemory()
        let plan = try Self.plan()
        _ = try Self.importPlan(store, plan)
        let revision = try store.seriesRevision("giao-ban-bao-chi")
        _ = try store.cancelOccurrence(
            series: "giao-ban-bao-chi",
            original: LocalDateTime(year: 2024, month: 6, day: 11, hour: 8, minute: 0),
            reason: "y",
            expectedRevision: revision,
            actor: "test",
            at: Self.at
        )
        #expect(try Self.importPlan(store, plan).updated == ["series giao-ban-bao-chi"])
        let again = try Self.importPlan(store, plan)
        #expect(again.updated.isEmpty && again.created.isEmpty, "\(again)")
    }

    /// Regression: an .ics event whose UID equalled a series id became an ad-hoc briefing with
    /// that id, and both published under one UID.
    @Test("an ad-hoc briefing cannot take a series' id, nor a series an ad-hoc briefing's")
    func idsDoNotCollide() throws {
        let store = try PodiumStore.inMemory()
        let plan = try Self.plan()
        _ = try Self.importPlan(store, plan)
        let clash = AdHocBriefing(
            id: "hop-bao-quy",
            title: BilingualText(vi: "Trùng tên"),
            organizer: "ubnd-phu-yen",
            trigger: .incident,
            triggeredAt: Self.at,
            start: LocalDateTime(year: 2024, month: 6, day: 3, hour: 9, minute: 0),
            duration: 3600
        )
        #expect(throws: StoreError.self) {
            try store.saveAdHoc(clash, expectedRevision: nil, actor: "test", at: Self.at)
        }
        let before = try store.latestRevision()
        #expect(throws: StoreError.self) {
            try store.importPlan(
                agencies: [],
                venues: [],
                series: [],
                adHoc: [clash],
                decisions: [],
                actor: "test",
                at: Self.at
            )
        }
        #expect(try store.latestRevision() == before)
    }
}
