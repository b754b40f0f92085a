import Foundation
import ICalendar
import PlanFile
import Scheduling
import Store
import TestSupport
import Testing

/// What the secretariat downloads reads back as the same plan: a property over random plans
/// (series with exceptions and splits, ad-hoc briefings, people with entitlements, absences
/// and awkward texts, assignments chosen by hand and by the auto-assigner, days off, office
/// hours, local rules), and the sample province through the store.
@Suite("Plan download and upload")
struct PlanRoundTripTests {
    /// Texts that a careless YAML writer would turn into something else.
    static let awkward = [
        "Họp báo: kết quả quý I", "yes", "- gạch đầu dòng", "#không phải chú thích", "\"ngoặc kép\" và \\",
        "dòng một\ndòng hai", "123", "null", "  khoảng trắng  ", "tab\there", "{ngoặc}", "[mảng]", "a: b", "~",
        "'đơn'", "@at", "%phần trăm", "Ký tự \u{1} điều khiển",
    ]

    static func randomPlan(_ rng: inout SeededGenerator) -> Plan {
        let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2024...2028, pending: []))
        var schedule = RandomSchedule.make(&rng, engine: engine, titles: awkward)
        func text() -> String { awkward.randomElement(using: &rng)! }
        var people: [Spokesperson] = []
        for n in 0..<Int.random(in: 1...4, using: &rng) {
            let agency = RandomSchedule.agencies.randomElement(using: &rng)!.id
            var entitlements = [Entitlement(agency: agency, kind: .spokesperson)]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: entitlements.append(Entitlement(agency: "province", kind: .head))
            case 1:
                entitlements.append(
                    Entitlement(
                        agency: "province",
                        kind: .authorized(matter: text(), reference: "Giấy ủy quyền \(n)"),
                        validFrom: LocalDate(year: 2025, month: 1, day: 1),
                        validTo: LocalDate(year: 2026, month: 12, day: 31)
                    )
                )
            case 2: entitlements.append(Entitlement(agency: agency, kind: .deputy(reference: text())))
            default: break
            }
            var p = Spokesperson(
                id: Spokesperson.ID("p\(n)"),
                name: text(),
                title: text(),
                agency: agency,
                languages: [[.vi], [.vi, .en], [.en]].randomElement(using: &rng)!,
                entitlements: entitlements,
                contact: PublishedContact(
                    phone: Bool.random(using: &rng) ? "+84 257 \(n)" : nil,
                    email: Bool.random(using: &rng) ? "p\(n)@example.vn" : nil,
                    sentToPressOn: Bool.random(using: &rng) ? LocalDate(year: 2025, month: 2, day: 3) : nil
                ),
                bufferMinutes: [30, 0, 45].randomElement(using: &rng)!,
                maxPerWeek: [5, 2].randomElement(using: &rng)!
            )
            p.topics = Set((0..<Int.random(in: 0...2, using: &rng)).map { _ in text() })
            p.titleEn = Bool.random(using: &rng) ? text() : nil
            if Bool.random(using: &rng) {
                let from = Date(
                    timeIntervalSince1970: 1_740_000_000 + Double(Int.random(in: 0..<1000, using: &rng)) * 3600
                )
                p.unavailable.append(
                    Unavailability(
                        start: from,
                        end: from.addingTimeInterval(86_400),
                        kind: Unavailability.Kind.allCases.randomElement(using: &rng)!,
                        reason: Bool.random(using: &rng) ? text() : nil
                    )
                )
            }
            people.append(p)
        }
        var assignments: [Assignment] = []
        let ids =
            schedule.series.keys.sorted().map { OccurrenceID(series: $0, originalStart: schedule.series[$0]!.start) }
            + schedule.adHoc.keys.sorted().map { OccurrenceID(adHoc: $0) }
        for id in ids where Bool.random(using: &rng) {
            func slot() -> Assignment.Slot {
                Assignment.Slot(
                    person: people.randomElement(using: &rng)!.id,
                    source: Assignment.Source.allCases.randomElement(using: &rng)!
                )
            }
            // A panel, sometimes: seats in any role, a panelist with an awkward matter.
            let panel = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
                let role = PanelRole.allCases.randomElement(using: &rng)!
                return PanelSeat(
                    role: role,
                    person: people.randomElement(using: &rng)!.id,
                    matter: role == .panelist ? text() : nil,
                    source: Assignment.Source.allCases.randomElement(using: &rng)!
                )
            }
            assignments.append(
                Assignment(
                    occurrence: id,
                    primary: slot(),
                    backups: Bool.random(using: &rng) ? [slot()] : [],
                    panel: panel,
                    locked: Bool.random(using: &rng),
                    reason: Bool.random(using: &rng) ? text() : nil
                )
            )
        }
        // Panel needs on some briefings (distinct matters, as the reader requires).
        for id in schedule.series.keys.sorted() where Int.random(in: 0..<3, using: &rng) == 0 {
            schedule.series[id]!.panel = PanelNeeds(
                chair: Bool.random(using: &rng),
                matters: Array(Set((0..<Int.random(in: 0...2, using: &rng)).map { _ in text() })).sorted(),
                moderator: Bool.random(using: &rng),
                interpreter: true
            )
        }
        for id in schedule.adHoc.keys.sorted() where Int.random(in: 0..<3, using: &rng) == 0 {
            schedule.adHoc[id]!.panel = PanelNeeds(chair: true, matters: [text()])
        }
        var plan = Plan(
            title: text(),
            schedule: schedule,
            holidayDecisions: [],
            officeHours: [OfficeHours(sessions: [.init((7, 30), (11, 30)), .init((13, 30), (17, 0))])],
            roster: Roster(people: people, assignments: assignments)
        )
        var decision = HolidayDecision(year: 2025, reference: "Công văn \(text())")
        decision.workdays = [LocalDate(year: 2025, month: 4, day: 26)]
        decision.extraDaysOff = [
            Holiday(
                date: LocalDate(year: 2025, month: 5, day: 2),
                name: BilingualText(vi: text(), en: Bool.random(using: &rng) ? text() : nil),
                kind: .decision,
                legalBasis: decision.reference
            )
        ]
        plan.holidayDecisions = [decision]
        if Bool.random(using: &rng) {
            plan.localRules = [
                LegalRule(
                    id: "LOCAL-MONTHLY",
                    kind: .periodicConference,
                    title: BilingualText(vi: text(), en: text()),
                    basis: LegalRule.Basis(document: text(), article: "3", clause: nil, point: nil),
                    validFrom: LocalDate(year: 2025, month: 7, day: 1),
                    levels: [.province],
                    parameters: ["months": 1],
                    scope: ["province"]
                )
            ]
        }
        return plan
    }

    /// What a plan file cannot carry and the reader sets afresh: revisions (the store's),
    /// and the link a split series keeps to its continuation.
    static func comparable(_ plan: Plan) -> Plan {
        var p = plan
        for (id, var s) in p.schedule.series {
            s.revision = 0
            s.continuedBy = nil
            s.exceptions = s.exceptions.filter { !$0.value.isEmpty }.mapValues {
                var e = $0
                e.revision = 1
                return e
            }
            p.schedule.series[id] = s
        }
        for (id, var b) in p.schedule.adHoc {
            b.revision = 0
            p.schedule.adHoc[id] = b
        }
        for (id, var a) in p.roster.assignments {
            a.revision = 0
            p.roster.assignments[id] = a
        }
        return p
    }

    @Test("write then read gives the same plan, and writing it again the same text (random plans)")
    func roundTrip() throws {
        var rng = SeededGenerator.forTest("plan round trip")
        for round in 0..<150 {
            let plan = Self.comparable(Self.randomPlan(&rng))
            let text = PlanWriter.write(plan)
            let back: Plan
            do { back = try PlanReader.read(text, file: "download.yaml") } catch {
                Issue.record("round \(round) (seed \(rng.seed)): the written plan does not read: \(error)\n\(text)")
                return
            }
            let again = Self.comparable(back)
            #expect(again.title == plan.title, "round \(round)")
            #expect(again.schedule.agencies == plan.schedule.agencies, "round \(round)")
            #expect(again.schedule.venues == plan.schedule.venues, "round \(round)")
            for (id, s) in plan.schedule.series {
                #expect(again.schedule.series[id] == s, "round \(round): series \(id)\n\(text)")
            }
            #expect(again.schedule.series.count == plan.schedule.series.count, "round \(round)")
            #expect(again.schedule.adHoc == plan.schedule.adHoc, "round \(round)\n\(text)")
            #expect(again.roster.people == plan.roster.people, "round \(round)\n\(text)")
            #expect(again.roster.assignments == plan.roster.assignments, "round \(round)\n\(text)")
            #expect(again.holidayDecisions == plan.holidayDecisions, "round \(round)")
            #expect(again.officeHours == plan.officeHours, "round \(round)")
            #expect(again.localRules == plan.localRules, "round \(round)")
            #expect(PlanWriter.write(again) == text, "round \(round): writing what was read changes the text")
        }
    }

    @Test("the sample province downloaded from the store imports back with nothing changed")
    func sampleThroughTheStore() throws {
        let file = RepositoryPaths.calendars.appendingPathComponent("phu-yen-2024/plan.yaml")
        let plan = try PlanReader.read(String(contentsOf: file, encoding: .utf8), file: file.path)
        let store = try PodiumStore.inMemory()
        func put(_ p: Plan) throws -> ImportReport {
            try store.importPlan(
                agencies: Array(p.schedule.agencies.values),
                venues: Array(p.schedule.venues.values),
                series: p.schedule.series.values.sorted { $0.id < $1.id },
                adHoc: Array(p.schedule.adHoc.values),
                decisions: p.holidayDecisions,
                roster: p.roster,
                officeHours: p.officeHours,
                localRules: p.localRules,
                actor: "test",
                at: Date()
            )
        }
        _ = try put(plan)
        var stored = Plan(
            schedule: try store.schedule(),
            holidayDecisions: try store.holidayDecisions(),
            officeHours: try store.officeHours(),
            roster: try store.roster()
        )
        stored.localRules = try store.localRules()
        let downloaded = try PlanReader.read(PlanWriter.write(stored), file: "download.yaml")
        let history = try store.history(limit: 10_000).count
        let report = try put(downloaded)
        #expect(report.created.isEmpty && report.updated.isEmpty, "\(report.created) \(report.updated)")
        #expect(report.revision == nil)
        #expect(try store.history(limit: 10_000).count == history)
    }
}
