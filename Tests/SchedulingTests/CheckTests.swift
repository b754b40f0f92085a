import Foundation
import ICalendar
import Scheduling
import Testing

@Suite("Checks before publishing")
struct CheckTests {
    static let province = Agency(id: "ubnd", name: BilingualText(vi: "UBND tỉnh"), level: .province)
    static let hall = Venue(id: "hall", name: BilingualText(vi: "Hội trường"), address: "Tuy Hòa")

    static func briefing(
        _ id: String,
        _ start: String,
        minutes: Int = 60,
        trigger: String? = nil,
        venue: Venue.ID? = "hall"
    ) -> AdHocBriefing {
        let s = F.t(start)
        var b = AdHocBriefing(
            id: AdHocBriefing.ID(id),
            title: BilingualText(vi: id),
            organizer: "ubnd",
            trigger: .incident,
            triggeredAt: trigger.map(F.utc) ?? s.asUTCDate.addingTimeInterval(-3600 * 7 - 3600),
            start: s,
            duration: minutes * 60
        )
        b.venue = venue
        return b
    }

    static let an = Spokesperson(
        id: "an",
        name: "Nguyễn Văn An",
        title: "Chánh Văn phòng",
        agency: "ubnd",
        entitlements: [Entitlement(agency: "ubnd", kind: .spokesperson)],
        contact: PublishedContact(
            phone: "0257 3 000 000",
            email: "an@example.vn",
            sentToPressOn: LocalDate(year: 2026, month: 1, day: 5),
            postedOnPortalOn: LocalDate(year: 2026, month: 1, day: 6)
        )
    )

    /// Runs the checks over one schedule and roster in March 2026.
    static func findings(
        _ adHoc: [AdHocBriefing],
        series: [RegularSeries] = [],
        people: [Spokesperson] = [an],
        assign: [String: (String, [String])] = [:]
    ) throws -> [Finding] {
        let schedule = Schedule(agencies: [province], venues: [hall], series: series, adHoc: adHoc)
        let from = F.utc("2026-03-01T00:00")
        let to = F.utc("2026-04-01T00:00")
        let occurrences = try F.engine.occurrences(in: schedule, from: from, to: to)
        var roster = Roster(people: people)
        for (occ, (primary, backups)) in assign {
            roster.assignments[OccurrenceID(rawValue: occ)] = Assignment(
                occurrence: OccurrenceID(rawValue: occ),
                primary: .init(person: Spokesperson.ID(primary), source: .manual),
                backups: backups.map { .init(person: Spokesperson.ID($0), source: .manual) }
            )
        }
        return PlanChecker(calendar: F.calendar, officeHours: [.phuYen2021], rules: F.rules).check(
            occurrences,
            schedule: schedule,
            roster: roster,
            window: F.window("2026-03-01", "2026-04-01")
        )
    }

    static func rules(_ f: [Finding]) -> Set<String> { Set(f.map(\.rule)) }

    @Test("an uncovered briefing is an error; no backup is a warning")
    func coverage() throws {
        let f = try Self.findings([Self.briefing("a", "2026-03-10T09:00")])
        let uncovered = f.filter { $0.rule == "UNCOVERED" && $0.severity == .error }
        #expect(uncovered.map(\.occurrences) == [[OccurrenceID(rawValue: "a")]])
        let g = try Self.findings([Self.briefing("a", "2026-03-10T09:00")], assign: ["a": ("an", [])])
        #expect(Self.rules(g).contains("NO-BACKUP") && !Self.rules(g).contains("UNCOVERED"))
    }

    @Test("double booking (buffer included) and venue clashes are found")
    func clashes() throws {
        let f = try Self.findings(
            [Self.briefing("a", "2026-03-10T09:00"), Self.briefing("b", "2026-03-10T10:15")],
            assign: ["a": ("an", []), "b": ("an", [])]
        )
        let pair: Set<OccurrenceID> = [OccurrenceID(rawValue: "a"), OccurrenceID(rawValue: "b")]
        #expect(f.contains { $0.rule == "DOUBLE-BOOKED" && Set($0.occurrences) == pair })
        let g = try Self.findings([Self.briefing("a", "2026-03-10T09:00"), Self.briefing("b", "2026-03-10T09:30")])
        #expect(g.contains { $0.rule == "VENUE-CLASH" })
        let h = try Self.findings([Self.briefing("a", "2026-03-10T09:00"), Self.briefing("b", "2026-03-10T10:00")])
        #expect(!h.contains { $0.rule == "VENUE-CLASH" })
    }

    @Test("a clash with a long briefing that began hours earlier is found (the search reaches back that far)")
    func longBriefingClash() throws {
        // a: 09:00–14:00; b: 10:00–11:00 inside it; c: 13:30–14:30, which meets a only.
        let f = try Self.findings(
            [
                Self.briefing("a", "2026-03-10T09:00", minutes: 300, venue: nil),
                Self.briefing("b", "2026-03-10T10:00", venue: nil),
                Self.briefing("c", "2026-03-10T13:30", venue: nil),
            ],
            assign: ["a": ("an", []), "b": ("an", []), "c": ("an", [])]
        )
        let pairs = Set(f.filter { $0.rule == "DOUBLE-BOOKED" }.map { Set($0.occurrences.map(\.rawValue)) })
        #expect(pairs == [["a", "b"], ["a", "c"]])
    }

    @Test("a person not entitled, or missing published contact details, is reported with the legal basis")
    func entitlement() throws {
        var binh = Self.an
        binh.id = "binh"
        binh.name = "Trần Bình"
        binh.entitlements = [Entitlement(agency: "other", kind: .spokesperson)]
        binh.contact = PublishedContact(phone: "1")
        let f = try Self.findings([Self.briefing("a", "2026-03-10T09:00")], people: [binh], assign: ["a": ("binh", [])])
        let notEntitled = try #require(f.first { $0.rule == "NOT-ENTITLED" })
        #expect(notEntitled.legalBasis == "Nghị định 09/2017/NĐ-CP Art. 3 (version of 2017-03-30)")
        let published = try #require(f.first { $0.rule == "R-SPOKES-PUBLISHED" })
        #expect(published.message.contains("e-mail") && published.legalBasis?.contains("Art. 3") == true)
    }

    @Test("a regular briefing on a day off or outside office hours is reported; ad-hoc ones are exempt")
    func daysAndHours() throws {
        var s = F.series("q", rule: "FREQ=WEEKLY;BYDAY=MO;COUNT=2", start: "2026-03-02T17:30", policy: .keep)
        s.organizer = "ubnd"
        let f = try Self.findings([Self.briefing("late", "2026-03-11T19:00", venue: nil)], series: [s])
        #expect(f.filter { $0.rule == "R-WORKWEEK" }.count == 2)
        var h = F.series("h", rule: "FREQ=YEARLY;COUNT=1", start: "2026-04-30T09:00", policy: .keep)
        h.organizer = "ubnd"
        let schedule = Schedule(agencies: [Self.province], series: [h])
        let occ = try F.engine.occurrences(in: schedule, from: F.utc("2026-04-01T00:00"), to: F.utc("2026-05-01T00:00"))
        let g = PlanChecker(calendar: F.calendar, rules: F.rules).check(
            occ,
            schedule: schedule,
            roster: Roster(),
            window: F.window("2026-04-01", "2026-05-01")
        )
        #expect(g.contains { $0.rule == "R-HOLIDAYS" && $0.legalBasis?.contains("45/2019/QH14 Art. 112") == true })
    }

    @Test("a plan large enough for two threads still reports what each pass finds, once")
    func largePlan() throws {
        // 5,000 one-hour briefings, one every 8 minutes from 2 March: no venue but for two,
        // nobody assigned but to two — so the people pass and the calendar pass (run on two
        // threads from `Parallel.manyBriefings` briefings on) each have something to find.
        let briefings = (0..<5_000).map { n in
            let minutes = n * 8
            let day = 2 + minutes / 1_440  // the window is read in UTC: 1 March before 07:00 is outside
            let (hour, minute) = ((minutes % 1_440) / 60, minutes % 60)
            let start = String(format: "2026-03-%02dT%02d:%02d", day, hour, minute)
            return Self.briefing(String(format: "b%04d", n), start, venue: n == 100 || n == 101 ? "hall" : nil)
        }
        let f = try Self.findings(briefings, assign: ["b0200": ("an", []), "b0201": ("an", [])])
        #expect(f.filter { $0.rule == "UNCOVERED" }.count == 4_998)
        #expect(f.filter { $0.rule == "NO-BACKUP" }.count == 2)
        let doubleBooked = f.filter { $0.rule == "DOUBLE-BOOKED" }.map(\.occurrences)
        #expect(doubleBooked == [[OccurrenceID(rawValue: "b0200"), OccurrenceID(rawValue: "b0201")]])
        let venueClash = f.filter { $0.rule == "VENUE-CLASH" }.map(\.occurrences)
        #expect(venueClash == [[OccurrenceID(rawValue: "b0100"), OccurrenceID(rawValue: "b0101")]])
        // Errors first, then by rule: the order does not depend on which thread finished first.
        #expect(f.map(\.severity) == f.map(\.severity).sorted())
    }

    @Test("an ad-hoc briefing after its deadline is an error citing the deadline's basis")
    func deadline() throws {
        let late = Self.briefing("late", "2026-03-12T09:00", trigger: "2026-03-10T01:00")
        let f = try Self.findings([late])
        let d = try #require(f.first { $0.rule == "R-ADHOC-DEADLINE" })
        #expect(d.severity == .error && d.legalBasis?.contains("Decision 25/2013") == true)
        #expect(
            !(try Self.findings([Self.briefing("ok", "2026-03-12T09:00")])).contains { $0.rule == "R-ADHOC-DEADLINE" }
        )
    }

    @Test("periods without a regular press conference or press information are reported; ad-hoc ones do not count")
    func law() throws {
        let f = try Self.findings([Self.briefing("a", "2026-03-10T09:00")])
        #expect(!f.contains { $0.rule == "R-PROV-INFO-MONTHLY" })
        // Given only two ad-hoc (incident) press conferences, in January and June 2026,
        let schedule = Schedule(
            agencies: [Self.province],
            adHoc: [Self.briefing("a", "2026-01-10T09:00"), Self.briefing("b", "2026-06-10T09:00")]
        )
        let occ = try F.engine.occurrences(in: schedule, from: F.utc("2025-12-31T00:00"), to: F.utc("2026-07-02T00:00"))
        let g = PlanChecker(calendar: F.calendar, rules: F.rules).check(
            occ,
            schedule: schedule,
            roster: Roster(),
            window: F.window("2026-01-01", "2026-07-01")
        )
        // then (Decree 09 Art. 5(2)(b), 3 months) both quarters lack a regular one, each naming
        // the ad-hoc briefing that does not stand for it; and (Art. 5(2)(a), monthly) February
        // to May have no press information at all.
        let conferences = g.filter { $0.rule == "R-PROV-PRESSCONF-3M" }
        #expect(
            conferences.map(\.message) == [
                "UBND tỉnh: no regular press conference in 2026-01-01…2026-03-31 (an ad-hoc briefing was held; it does not stand for the periodic one)",
                "UBND tỉnh: no regular press conference in 2026-04-01…2026-06-30 (an ad-hoc briefing was held; it does not stand for the periodic one)",
            ]
        )
        #expect(
            conferences.allSatisfy { $0.legalBasis == "Nghị định 09/2017/NĐ-CP Art. 5(2)(b) (version of 2017-03-30)" }
        )
        #expect(
            g.filter { $0.rule == "R-PROV-INFO-MONTHLY" }.map(\.message).sorted() == [
                "UBND tỉnh: no press information in 2/2026", "UBND tỉnh: no press information in 3/2026",
                "UBND tỉnh: no press information in 4/2026", "UBND tỉnh: no press information in 5/2026",
            ]
        )
    }
}
