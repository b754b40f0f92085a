import Foundation
import ICalendar
import Scheduling
import Testing

/// Who may sit in which seat of a press conference's panel, and how automatic assignment
/// seats a panel. Expected values come from the roles' rules (docs/law.md §panels), by hand.
@Suite("Panels")
struct PanelTests {
    static let province: Agency.ID = "ubnd-tinh"
    static let health: Agency.ID = "so-y-te"
    static let planning: Agency.ID = "so-tai-chinh"

    /// A press conference of the province on Thursday 5 March 2026, 15:00–16:30, in
    /// Vietnamese and English, needing a chair, panelists on health and investment, a
    /// moderator and an interpreter.
    static func conference(_ id: String = "hop-bao", hour: Int = 15, languages: Set<Language> = [.vi, .en])
        -> Occurrence
    {
        var b = AdHocBriefing(
            id: AdHocBriefing.ID(id),
            title: BilingualText(vi: "Họp báo \(id)", en: "Press conference \(id)"),
            organizer: province,
            trigger: .planned,
            triggeredAt: F.utc("2026-03-01T00:00"),
            start: LocalDateTime(year: 2026, month: 3, day: 5, hour: hour, minute: 0),
            duration: 90 * 60
        )
        b.form = .pressConference
        b.languages = languages
        b.panel = PanelNeeds(chair: true, matters: ["health", "investment"], moderator: true, interpreter: true)
        return try! F.engine.occurrence(of: b)
    }

    static func person(
        _ id: String,
        agency: Agency.ID,
        _ entitlements: [Entitlement],
        topics: Set<String> = [],
        languages: Set<Language> = [.vi],
        serves: Set<PanelRole> = []
    ) -> Spokesperson {
        var p = Spokesperson(
            id: Spokesperson.ID(id),
            name: id,
            title: "T",
            agency: agency,
            languages: languages,
            entitlements: entitlements
        )
        p.topics = topics
        p.serves = serves
        return p
    }

    // The cast: the province's chairman (head), its spokesperson, someone the province
    // authorised in writing for investment only, the heads of the health and finance
    // departments, and two office staff with no right to speak (one works in English).
    static let chairman = person("chu-tich", agency: province, [Entitlement(agency: province, kind: .head)])
    static let spokesperson = person(
        "nguoi-phat-ngon",
        agency: province,
        [Entitlement(agency: province, kind: .spokesperson)],
        languages: [.vi, .en]
    )
    static let investmentOnly = person(
        "uy-quyen-dau-tu",
        agency: planning,
        [Entitlement(agency: province, kind: .authorized(matter: "investment", reference: "QĐ 12/UQ"))]
    )
    static let healthDirector = person(
        "giam-doc-so-y-te",
        agency: health,
        [Entitlement(agency: health, kind: .head)],
        topics: ["health"]
    )
    static let financeDirector = person(
        "giam-doc-so-tai-chinh",
        agency: planning,
        [Entitlement(agency: planning, kind: .head)],
        topics: ["budget"]
    )
    static let clerk = person("chuyen-vien", agency: province, [], serves: [.moderator])
    static let translator = person("bien-dich", agency: province, [], languages: [.vi, .en], serves: [.interpreter])

    struct Case: CustomTestStringConvertible {
        let person: Spokesperson
        let role: PanelRole
        let matter: String?
        let allowed: Bool
        var testDescription: String { "\(person.id) as \(role.rawValue)\(matter.map { " on \($0)" } ?? "")" }
    }

    static let cases: [Case] = [
        // Chair: the organiser's head or spokesperson; not someone authorised for one matter,
        // not a department's head, not staff.
        Case(person: chairman, role: .chair, matter: nil, allowed: true),
        Case(person: spokesperson, role: .chair, matter: nil, allowed: true),
        Case(person: investmentOnly, role: .chair, matter: nil, allowed: false),
        Case(person: healthDirector, role: .chair, matter: nil, allowed: false),
        Case(person: clerk, role: .chair, matter: nil, allowed: false),
        // Panelist: a head speaks for their own department on any of its matters; someone
        // authorised by the organiser only on that matter; staff not at all.
        Case(person: healthDirector, role: .panelist, matter: "health", allowed: true),
        Case(person: financeDirector, role: .panelist, matter: "investment", allowed: true),
        Case(person: investmentOnly, role: .panelist, matter: "investment", allowed: true),
        Case(person: investmentOnly, role: .panelist, matter: "health", allowed: false),
        Case(person: clerk, role: .panelist, matter: "health", allowed: false),
        // Moderator: anyone active and present.
        Case(person: clerk, role: .moderator, matter: nil, allowed: true),
        Case(person: healthDirector, role: .moderator, matter: nil, allowed: true),
        // Interpreter: works in every language of the briefing (here Vietnamese and English).
        Case(person: translator, role: .interpreter, matter: nil, allowed: true),
        Case(person: spokesperson, role: .interpreter, matter: nil, allowed: true),
        Case(person: clerk, role: .interpreter, matter: nil, allowed: false),
    ]

    @Test("each role's rule: who may sit where", arguments: cases)
    func roleRules(_ c: Case) {
        let o = Self.conference()
        // Someone else speaks, so the seat is the person's only role.
        let speaker = Self.person("nguoi-noi", agency: Self.province, [Entitlement(agency: Self.province, kind: .head)])
        let a = Assignment(
            occurrence: o.id,
            primary: .init(person: speaker.id, source: .manual),
            panel: [PanelSeat(role: c.role, person: c.person.id, matter: c.matter)]
        )
        let roster = Roster(people: [speaker, c.person])
        let problems = AssignmentCheck().problems(a, for: o, roster: roster).filter { $0.role == c.role.rawValue }
        #expect(problems.isEmpty == c.allowed, "\(problems)")
    }

    @Test("nobody sits while on leave or after leaving office, whatever the role")
    func absentPeopleSitNowhere() {
        let o = Self.conference()
        var away = Self.chairman
        away.unavailable = [
            Unavailability(start: F.utc("2026-03-05T00:00"), end: F.utc("2026-03-06T00:00"), kind: .leave)
        ]
        var gone = Self.translator
        gone.activeTo = LocalDate(year: 2026, month: 2, day: 28)
        let a = Assignment(
            occurrence: o.id,
            primary: .init(person: Self.spokesperson.id, source: .manual),
            panel: [PanelSeat(role: .chair, person: away.id), PanelSeat(role: .interpreter, person: gone.id)]
        )
        let problems = AssignmentCheck().problems(a, for: o, roster: Roster(people: [Self.spokesperson, away, gone]))
        #expect(problems.map(\.role) == ["chair", "interpreter"])
        #expect(problems.map { $0.refusal?.description ?? "" } == ["unavailable (leave)", "not active on this date"])
    }

    static let everyone = [
        chairman, spokesperson, investmentOnly, healthDirector, financeDirector, clerk, translator,
    ]

    @Test("auto-assign seats the whole panel by role and matter")
    func autoAssignSeatsThePanel() throws {
        let o = Self.conference()
        let outcome = AutoAssigner(backups: 0).assign([o], roster: Roster(people: Self.everyone))
        let a = try #require(outcome.assignments[o.id])
        // Speaking for the province, in Vietnamese and English without interpretation: only
        // the spokesperson speaks both.
        #expect(a.primary?.person == Self.spokesperson.id)
        let seats = a.panel.map { "\($0.role.rawValue):\($0.person)\($0.matter.map { ":" + $0 } ?? "")" }
        // Most constrained seat first. Health: only its director (his topic). Investment: only
        // the person authorised for it (the finance director's topics do not include it).
        // Interpreter: serves as one and works in English — only the translator. Chair: speaks
        // for the province and is not the speaker — the chairman. Moderator: serves as one —
        // only the clerk.
        #expect(
            seats == [
                "chair:chu-tich", "panelist:giam-doc-so-y-te:health", "panelist:uy-quyen-dau-tu:investment",
                "moderator:chuyen-vien", "interpreter:bien-dich",
            ]
        )
        let findings = PlanChecker(calendar: F.calendar, rules: F.rules).check(
            [o],
            schedule: Schedule(agencies: []),
            roster: Roster(people: Self.everyone, assignments: [a]),
            window: F.window("2026-03-01", "2026-04-01")
        )
        #expect(findings.filter { $0.rule.hasPrefix("PANEL") || $0.rule.contains("-NOT-ENTITLED") }.isEmpty)
        #expect(a.people.count == 6)
    }

    @Test("one person is never seated at two briefings that meet; the second seat stays open and is reported")
    func noDoubleSeating() throws {
        let morning = Self.conference("sang", hour: 9)
        // In Vietnamese only, so the chairman may speak at it while the spokesperson speaks at the first.
        let overlapping = Self.conference("trung", hour: 10, languages: [.vi])
        let roster = Roster(people: [Self.chairman, Self.spokesperson, Self.healthDirector])
        let outcome = AutoAssigner(backups: 0).assign([morning, overlapping], roster: roster)
        let healthSeats = [morning, overlapping].map { o in
            outcome.assignments[o.id]?.panel.first { $0.matter == "health" }?.person.rawValue
        }
        #expect(healthSeats == ["giam-doc-so-y-te", nil])
        let findings = PlanChecker(calendar: F.calendar, rules: F.rules).check(
            [morning, overlapping],
            schedule: Schedule(agencies: []),
            roster: Roster(people: roster.people.values.map { $0 }, assignments: Array(outcome.assignments.values)),
            window: F.window("2026-03-01", "2026-04-01")
        )
        let open = findings.filter { $0.rule == "PANEL-SEAT" && $0.message.contains("\"health\"") }
        #expect(open.map(\.occurrences) == [[overlapping.id]])
    }

    @Test("a chair who may speak only on one matter is an error of the plan check")
    func checkRefusesAMatterOnlyChair() {
        let o = Self.conference()
        let a = Assignment(
            occurrence: o.id,
            primary: .init(person: Self.spokesperson.id, source: .manual),
            backups: [.init(person: Self.chairman.id, source: .manual)],
            panel: [PanelSeat(role: .chair, person: Self.investmentOnly.id)]
        )
        let findings = PlanChecker(calendar: F.calendar, rules: F.rules).check(
            [o],
            schedule: Schedule(agencies: []),
            roster: Roster(people: Self.everyone, assignments: [a]),
            window: F.window("2026-03-01", "2026-04-01")
        )
        let chair = findings.filter { $0.rule == "CHAIR-NOT-ENTITLED" }
        #expect(chair.count == 1)
        #expect(chair.first?.severity == .error)
    }

    @Test("everyone on an assignment is named once: speaker, panel, backups")
    func peopleAreNamedOnce() {
        let a = Assignment(
            occurrence: OccurrenceID(rawValue: "x"),
            primary: .init(person: "a", source: .manual),
            backups: [.init(person: "c", source: .manual)],
            panel: [PanelSeat(role: .chair, person: "a"), PanelSeat(role: .moderator, person: "b")]
        )
        #expect(a.people == ["a", "b", "c"])
    }

    @Test("the chair may also speak or stand by; nobody else holds two roles")
    func chairMayAlsoStandBy() {
        let o = Self.conference()
        let a = Assignment(
            occurrence: o.id,
            primary: .init(person: Self.spokesperson.id, source: .manual),
            backups: [.init(person: Self.chairman.id, source: .manual)],
            panel: [PanelSeat(role: .chair, person: Self.chairman.id)]
        )
        #expect(AssignmentCheck.alsoNamed(a).isEmpty)
    }

    @Test("one person, one role: a second seat is refused (the spokesperson may also chair) and the check says so")
    func onePersonOneRole() {
        let o = Self.conference()
        let twice = Assignment(
            occurrence: o.id,
            primary: .init(person: Self.spokesperson.id, source: .manual),
            backups: [.init(person: Self.chairman.id, source: .manual)],
            panel: [
                PanelSeat(role: .chair, person: Self.spokesperson.id),
                PanelSeat(role: .moderator, person: Self.chairman.id),
                PanelSeat(role: .interpreter, person: Self.translator.id),
                PanelSeat(role: .moderator, person: Self.translator.id),
            ]
        )
        let problems = AssignmentCheck().problems(twice, for: o, roster: Roster(people: Self.everyone))
            .filter { if case .alsoNamed = $0.refusal { return true } else { return false } }
        // The spokesperson chairing is allowed; the translator's second seat and the chairman,
        // seated and a backup, are not — in reading order: panel, then backups.
        #expect(problems.map { "\($0.role):\($0.person)" } == ["moderator:bien-dich", "backup:chu-tich"])
        #expect(problems.allSatisfy { $0.isBlocking })
        let findings = PlanChecker(calendar: F.calendar, rules: F.rules).check(
            [o],
            schedule: Schedule(agencies: []),
            roster: Roster(people: Self.everyone, assignments: [twice]),
            window: F.window("2026-03-01", "2026-04-01")
        )
        #expect(findings.filter { $0.rule == "NAMED-TWICE" }.count == 2)
    }

    @Test("auto-assign seats nobody who is a backup, and leaves a locked assignment's panel as it is")
    func backupsAndLocks() throws {
        let o = Self.conference()
        let locked = Assignment(
            occurrence: o.id,
            primary: .init(person: Self.spokesperson.id, source: .manual),
            locked: true
        )
        let kept = AutoAssigner(backups: 0).assign([o], roster: Roster(people: Self.everyone, assignments: [locked]))
        #expect(kept.assignments[o.id]?.panel == [])
        let fresh = AutoAssigner(backups: 1).assign([o], roster: Roster(people: Self.everyone))
        let a = try #require(fresh.assignments[o.id])
        // The chair may also stand by (they speak for the organiser); no other seat may.
        #expect(Set(a.backups.map(\.person)).isDisjoint(with: a.panel.filter { $0.role != .chair }.map(\.person)))
        #expect(AssignmentCheck.alsoNamed(a).isEmpty)
    }

    @Test(
        "panel needs in words, as the CLI and the API take them",
        arguments: [
            (["chair", "matter:land", "matter:health", "interpreter"], "chair matter:land matter:health interpreter"),
            (["moderator"], "moderator"), ([], ""),
            (["matter:"], nil), (["judge"], nil), (["matter:land", "matter:land"], nil),
        ] as [([String], String?)]
    )
    func needsInWords(_ words: [String], _ read: String?) {
        let needs = try? PanelNeeds(words: words)
        #expect(needs.map { $0.words.joined(separator: " ") } == read)
    }
}
