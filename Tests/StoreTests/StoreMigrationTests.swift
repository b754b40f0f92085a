import Foundation
import ICalendar
import PlanFile
import Scheduling
import Store
import TestSupport
import Testing

/// Migration v12 (JSON bodies → typed columns) on a database made by the code before it:
/// `Tests/Fixtures/store/v11-sample.sqlite`, written by `make-v11.sh` beside it. Expected values
/// are the edits that script made, read from the script, not from the migrated store.
@Suite("Store migration to the relational schema")
struct StoreMigrationTests {
    static func migrated() throws -> PodiumStore {
        let dir = try ExternalTool.temporaryDirectory("podium-migration")
        let copy = dir.appendingPathComponent("v11.sqlite")
        try FileManager.default.copyItem(at: RepositoryPaths.fixture("store/v11-sample.sqlite"), to: copy)
        return try PodiumStore.open(path: copy.path)
    }

    @Test("every item of the v11 database is there after the migration, with its edits")
    func itemsSurvive() throws {
        let store = try Self.migrated()
        let schedule = try store.schedule()
        #expect(schedule.agencies.count == 8)
        #expect(schedule.venues.count == 2)
        #expect(
            Set(schedule.series.keys.map(\.rawValue)) == [
                "hop-bao-quy", "thong-tin-bao-chi-thang", "giao-ban-bao-chi", "hop-bao-so-ngoai-vu",
                "hop-bao-so-ngoai-vu-tu-thang-6",
            ]
        )
        let added = try #require(schedule.series["hop-bao-so-ngoai-vu"])
        #expect(
            added.title
                == BilingualText(vi: "Họp báo Sở Ngoại vụ", en: "Department of Foreign Affairs press conference")
        )
        #expect(added.organizer == "so-ngoai-vu-phu-yen")
        #expect(added.languages == [.vi, .en])
        let cancelled = try #require(added.exceptions[LocalDateTime(year: 2025, month: 2, day: 12, hour: 9, minute: 0)])
        #expect(cancelled.cancellationReason == "Trùng lịch làm việc của tỉnh")
        let moved = try #require(added.exceptions[LocalDateTime(year: 2025, month: 3, day: 12, hour: 9, minute: 0)])
        #expect(moved.newStart == LocalDateTime(year: 2025, month: 3, day: 13, hour: 14, minute: 0))
        #expect(moved.newVenue == "hoi-truong-ubnd-phu-yen")
        #expect(moved.reason == "Phòng họp sửa chữa")
        #expect(added.continuedBy == "hop-bao-so-ngoai-vu-tu-thang-6")
        #expect(schedule.series["hop-bao-so-ngoai-vu-tu-thang-6"]?.continues == "hop-bao-so-ngoai-vu")
        // The sample's own exception (cancelled for Tết) is kept too.
        #expect(
            schedule.series["giao-ban-bao-chi"]?.exceptions[
                LocalDateTime(year: 2024, month: 2, day: 13, hour: 8, minute: 0)
            ]?
            .cancellationReason == "Nghỉ Tết Giáp Thìn"
        )
        let adHoc = try #require(schedule.adHoc["dich-benh-2025"])
        #expect(adHoc.organizer == "so-tttt-phu-yen")
        #expect(adHoc.trigger == .incident)
        #expect(adHoc.start == LocalDateTime(year: 2025, month: 6, day: 10, hour: 15, minute: 0))
        #expect(adHoc.triggeredAt == Date(timeIntervalSince1970: 1_749_513_600))  // 2025-06-10T07:00+07:00
        let roster = try store.roster()
        #expect(roster.people.count == 8)
        let leave = try #require(roster.people["tran-thi-binh"]?.unavailable.first { $0.reason == "Nghỉ phép" })
        #expect(leave.kind == .leave)
        // Auto-assign covered the ad-hoc briefing; its people are on the roster.
        let assignment = try #require(roster.assignments[OccurrenceID(adHoc: "dich-benh-2025")])
        #expect(assignment.primary != nil)
        #expect(assignment.people.allSatisfy { roster.people[$0] != nil })
        // The tables beside the plan are untouched: the editor and the recorded outcome.
        #expect(
            try store.user(named: "bientap")?.grants.contains { $0.role == .editor && $0.scope == "so-tttt-phu-yen" }
                == true
        )
        let outcome = try #require(try store.outcome(OccurrenceID(rawValue: "hop-bao-quy@20240104T150000")))
        #expect(outcome.wasHeld)
    }

    @Test("every item's revision is still the number of its newest change in the history")
    func revisionsSurvive() throws {
        let store = try Self.migrated()
        let history = try store.history(limit: 10_000)
        func newest(_ entity: String, _ id: String) -> Int? {
            history.filter { $0.entity == entity && $0.entityID == id }.map(\.revision).max()
        }
        let schedule = try store.schedule()
        for s in schedule.series.values {
            let current = max(s.revision, s.exceptions.values.map(\.revision).max() ?? 0)
            #expect(current == newest("series", s.id.rawValue), "series \(s.id)")
        }
        for b in schedule.adHoc.values {
            #expect(b.revision == newest("adhoc", b.id.rawValue), "adhoc \(b.id)")
        }
        for a in try store.roster().assignments.values {
            #expect(a.revision == newest("assignment", a.occurrence.rawValue), "assignment \(a.occurrence)")
        }
        #expect(try store.latestRevision() == history.map(\.revision).max())
    }

    @Test("the migrated database takes changes, and a reference to nothing is refused whole")
    func writesAfterMigration() throws {
        let store = try Self.migrated()
        let id = RegularSeries.ID("hop-bao-so-ngoai-vu-tu-thang-6")
        let before = try store.seriesRevision(id)
        let revision = try store.cancelOccurrence(
            series: id,
            original: LocalDateTime(year: 2025, month: 7, day: 9, hour: 9, minute: 0),
            reason: "Bão",
            expectedRevision: before,
            actor: "test",
            at: Date(timeIntervalSince1970: 1_750_000_000)
        )
        #expect(revision > before)
        #expect(try store.seriesRevision(id) == revision)
        let latest = try store.latestRevision()
        var orphan = try store.adHoc("dich-benh-2025")
        orphan.id = "mo-coi"
        orphan.organizer = "no-such-agency"
        #expect(throws: StoreError.self) {
            try store.saveAdHoc(
                orphan,
                expectedRevision: nil,
                actor: "test",
                at: Date(timeIntervalSince1970: 1_750_000_100)
            )
        }
        #expect(try store.latestRevision() == latest)
        #expect(try store.schedule().adHoc["mo-coi"] == nil)
    }
}

/// Reading by date (`schedule(from:to:)`, the series' span columns and the ad-hoc start
/// index) must give the engine exactly what reading everything gives it, for any window.
@Suite("Store reads by date")
struct StoreWindowTests {
    @Test("for random plans and windows, the occurrences from a windowed read are those from the whole plan")
    func windowedEqualsWhole() throws {
        var rng = SeededGenerator.forTest("windowed read")
        let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2023...2028))
        var narrowed = 0
        let daysOff = (2024...2026).flatMap { engine.calendar.holidays(in: $0).map(\.date) }
        for round in 0..<40 {
            let schedule = RandomSchedule.make(&rng, engine: engine)
            let store = try PodiumStore.inMemory()
            _ = try store.importPlan(
                agencies: Array(schedule.agencies.values),
                venues: Array(schedule.venues.values),
                series: Array(schedule.series.values),
                adHoc: Array(schedule.adHoc.values),
                decisions: [],
                actor: "test",
                at: Date(timeIntervalSince1970: 1_700_000_000)
            )
            let whole = try store.schedule()
            for n in 0..<8 {
                // Half the windows begin just after a run of days off or end just before one,
                // where a holiday shift moves an occurrence across the window's edge.
                var from = LocalDate(year: 2024, month: 1, day: 1).adding(days: Int.random(in: 0...900, using: &rng))
                var to = from.adding(days: Int.random(in: 1...120, using: &rng))
                if n % 2 == 1, let off = daysOff.randomElement(using: &rng) {
                    if Bool.random(using: &rng) {
                        from = engine.calendar.workingDay(onOrAfter: off)
                        to = from.adding(days: Int.random(in: 1...30, using: &rng))
                    } else {
                        to = engine.calendar.workingDay(onOrBefore: off).adding(days: 1)
                        from = to.adding(days: -Int.random(in: 1...30, using: &rng))
                    }
                }
                let window = (
                    try TimeZones.instant(
                        of: LocalDateTime(from, hour: 0, minute: 0),
                        in: RegularSeries.defaultTimeZone
                    ),
                    try TimeZones.instant(of: LocalDateTime(to, hour: 0, minute: 0), in: RegularSeries.defaultTimeZone)
                )
                let expected = try engine.occurrences(in: whole, from: window.0, to: window.1)
                let read = try store.schedule(from: from, to: to)
                let actual = try engine.occurrences(in: read, from: window.0, to: window.1)
                #expect(
                    actual.map { "\($0.id) \($0.start)" } == expected.map { "\($0.id) \($0.start)" },
                    "round \(round), \(from)..<\(to), seed \(rng.seed)"
                )
                if read.series.count + read.adHoc.count < whole.series.count + whole.adHoc.count { narrowed += 1 }
            }
        }
        // The windows did leave items out (else this would prove nothing about reading by date).
        #expect(narrowed > 20, "only \(narrowed) of 320 windowed reads left anything out")
    }
}

/// The schema's foreign keys behind an import: a reference to nothing is refused whole, and by
/// name (the item, the field, the value), not as "a constraint failed".
@Suite("Store references")
struct StoreReferenceTests {
    @Test("a person entitled for an agency the store does not know is refused by name, and nothing is stored")
    func unknownEntitlementAgency() throws {
        let store = try PodiumStore.inMemory()
        let plan = try StoreTests.plan()
        _ = try StoreTests.importPlan(store, plan)
        let before = try store.latestRevision()
        var person = try #require(plan.roster.people["nguyen-van-an"])
        person.id = "nguoi-moi"
        person.entitlements = [Entitlement(agency: "bo-ngoai-giao", kind: .spokesperson)]
        do {
            _ = try store.importPlan(
                agencies: [],
                venues: [],
                series: [],
                adHoc: [],
                decisions: [],
                roster: Roster(people: [person]),
                actor: "test",
                at: StoreTests.at
            )
            Issue.record("the import was accepted")
        } catch {
            let text = error.description
            #expect(text.contains("entitlement nguoi-moi") && text.contains("\"bo-ngoai-giao\""), "\(text)")
            #expect(text.contains("agency"), "\(text)")
        }
        #expect(try store.latestRevision() == before)
        #expect(try store.roster().people["nguoi-moi"] == nil)
    }
}
