import Foundation
import ICalendar
import PlanFile
import Scheduling
import Store
import Testing

/// Panels in the relational store: what a briefing needs (columns beside it), who sits where
/// (`panelSeat` rows beside the assignment), both read back as written.
@Suite("Panel store")
struct PanelStoreTests {
    @Test("a series' and an ad-hoc briefing's panel needs, and an assignment's seats, read back as written")
    func panelsRoundTrip() throws {
        let store = try PodiumStore.inMemory()
        var plan = try StoreTests.plan()
        let quarterly = RegularSeries.ID("hop-bao-quy")
        plan.schedule.series[quarterly]!.panel = PanelNeeds(chair: true, matters: ["investment", "disaster"])
        let storm = AdHocBriefing.ID("bao-so-8-2024")
        plan.schedule.adHoc[storm]!.panel = PanelNeeds(moderator: true, interpreter: true)
        _ = try StoreTests.importPlan(store, plan)
        for p in plan.roster.people.values.sorted(by: { $0.id < $1.id }) {
            _ = try store.saveSpokesperson(p, replace: false, actor: "test", at: StoreTests.at)
        }
        let back = try store.schedule()
        #expect(back.series[quarterly]?.panel == PanelNeeds(chair: true, matters: ["investment", "disaster"]))
        #expect(back.adHoc[storm]?.panel == PanelNeeds(moderator: true, interpreter: true))
        #expect(back.series[RegularSeries.ID("giao-ban-bao-chi")]?.panel.isEmpty == true)

        let people = plan.roster.people.keys.sorted()
        let occurrence = OccurrenceID(rawValue: "hop-bao-quy@20240404T150000")
        let a = Assignment(
            occurrence: occurrence,
            primary: .init(person: people[0], source: .manual),
            panel: [
                PanelSeat(role: .chair, person: people[1]),
                PanelSeat(role: .panelist, person: people[2], matter: "investment", source: .automatic),
            ]
        )
        _ = try store.assign(a, expectedRevision: nil, actor: "test", at: StoreTests.at)
        let stored = try #require(try store.roster().assignments[occurrence])
        #expect(stored.panel == a.panel)
        #expect(stored.people == [people[0], people[1], people[2]])
    }

    @Test("a seat for someone not on the roster is refused and nothing is stored")
    func unknownSitterRefused() throws {
        let store = try PodiumStore.inMemory()
        let plan = try StoreTests.plan()
        _ = try StoreTests.importPlan(store, plan)
        let first = try #require(plan.roster.people.values.sorted { $0.id < $1.id }.first)
        _ = try store.saveSpokesperson(first, replace: false, actor: "test", at: StoreTests.at)
        let occurrence = OccurrenceID(rawValue: "hop-bao-quy@20240404T150000")
        let a = Assignment(
            occurrence: occurrence,
            primary: .init(person: first.id, source: .manual),
            panel: [PanelSeat(role: .moderator, person: "nobody")]
        )
        #expect(throws: StoreError.self) {
            try store.assign(a, expectedRevision: nil, actor: "test", at: StoreTests.at)
        }
        #expect(try store.roster().assignments[occurrence] == nil)
    }
}
