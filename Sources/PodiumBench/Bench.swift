import Foundation
import ICalendar
import Scheduling

/// Deterministic generators for the benchmark inputs.
enum Bench {
    /// Knuth's MMIX linear congruential generator: reproducible inputs from a seed (the
    /// output's high half only; plenty for generating plans).
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let high = state >> 32
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return high << 32 | state >> 32
        }
    }

    struct Plan {
        var schedule: Schedule
        var roster: Roster
    }

    static let rules = [
        ("FREQ=MONTHLY;BYDAY=2TH", 6), ("FREQ=MONTHLY;BYMONTHDAY=15", 5), ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1WE", 3),
        ("FREQ=WEEKLY;BYDAY=TU", 1), ("FREQ=MONTHLY;BYDAY=-1FR", 5),
    ]

    /// 2,000 spokespeople, 5,000 regular series and 20,000 ad-hoc briefings over 2025–2026,
    /// across 500 agencies (4 people each) — each count times `scale`, for growth.
    static func national(_ rng: inout Generator, scale: Int = 1) -> Plan {
        let agencyCount = 500 * scale
        let venueCount = 1000 * scale
        let agencies = (0..<agencyCount).map {
            Agency(
                id: Agency.ID("a\($0)"),
                name: BilingualText(vi: "Cơ quan \($0)"),
                level: $0 < 63 ? .province : .department
            )
        }
        let venues = (0..<venueCount).map {
            Venue(id: Venue.ID("v\($0)"), name: BilingualText(vi: "Hội trường \($0)"), address: "Địa chỉ \($0)")
        }
        var people: [Spokesperson] = []
        for n in 0..<2000 * scale {
            let agency = agencies[n % agencyCount].id
            var p = Spokesperson(
                id: Spokesperson.ID("p\(n)"),
                name: "Người \(n)",
                title: "Người phát ngôn",
                agency: agency,
                languages: n % 3 == 0 ? [.vi, .en] : [.vi],
                entitlements: [Entitlement(agency: agency, kind: n < agencyCount ? .head : .spokesperson)],
                contact: PublishedContact(
                    phone: "0\(n)",
                    email: "p\(n)@example.vn",
                    sentToPressOn: LocalDate(year: 2025, month: 1, day: 2),
                    postedOnPortalOn: LocalDate(year: 2025, month: 1, day: 2)
                ),
                maxPerWeek: 4
            )
            if n % 10 == 0 {
                let start = LocalDateTime(
                    LocalDate(year: 2025, month: 1, day: 1).adding(days: Int.random(in: 0..<700, using: &rng)),
                    hour: 0,
                    minute: 0
                ).asUTCDate
                p.unavailable = [Unavailability(start: start, end: start.addingTimeInterval(7 * 86_400), kind: .leave)]
            }
            people.append(p)
        }
        var series: [RegularSeries] = []
        var rule = 0
        for n in 0..<5000 * scale {
            // Weight the mix towards monthly rules: about 27 occurrences per series on average.
            let pick = Int.random(in: 0..<20, using: &rng)
            rule = pick < 6 ? 0 : pick < 11 ? 1 : pick < 14 ? 2 : pick < 15 ? 3 : 4
            let text = rules[rule].0 + ";UNTIL=20261231T170000Z"
            var s = RegularSeries(
                id: RegularSeries.ID("s\(n)"),
                title: BilingualText(vi: "Họp báo \(n)"),
                organizer: agencies[n % agencyCount].id,
                rule: try! RecurrenceRule(text),
                // An agency's k-th series starts 4k hours after its first (mod 8 hours from
                // 08:00): at scale 1 this is 8 + n % 8, and every scale keeps the shape.
                start: LocalDateTime(
                    year: 2025,
                    month: 1,
                    day: 1,
                    hour: 8 + (n % agencyCount + 4 * (n / agencyCount)) % 8,
                    minute: 0
                ),
                duration: 3600,
                venue: venues[n % venueCount].id,
                form: n % 2 == 0 ? .pressConference : .pressRelease,
                languages: n % 7 == 0 ? [.vi, .en] : [.vi]
            )
            let first = try! s.recurrenceSet.instances(
                from: Date(timeIntervalSince1970: 1_735_000_000),
                to: Date(timeIntervalSince1970: 1_800_000_000)
            ).first!
            s.start = first.start.wallTime
            series.append(s)
        }
        var adHoc: [AdHocBriefing] = []
        for n in 0..<20_000 * scale {
            let day = LocalDate(year: 2025, month: 1, day: 1).adding(days: Int.random(in: 0..<730, using: &rng))
            let start = LocalDateTime(day, hour: Int.random(in: 7...18, using: &rng), minute: [0, 15, 30, 45][n % 4])
            var b = AdHocBriefing(
                id: AdHocBriefing.ID("b\(n)"),
                title: BilingualText(vi: "Đột xuất \(n)"),
                organizer: agencies[Int.random(in: 0..<agencyCount, using: &rng)].id,
                trigger: .incident,
                triggeredAt: start.asUTCDate.addingTimeInterval(-10 * 3600),
                start: start,
                duration: 1800
            )
            b.venue = venues[Int.random(in: 0..<venueCount, using: &rng)].id
            adHoc.append(b)
        }
        return Plan(
            schedule: Schedule(agencies: agencies, venues: venues, series: series, adHoc: adHoc),
            roster: Roster(people: people)
        )
    }

    /// 2,000 monthly series with 3 moves and 2 cancellations each, plus 2,000 ad-hoc items
    /// (10,000 VEVENTs), each count times `scale`.
    static func feedSchedule(_ rng: inout Generator, scale: Int = 1) -> Schedule {
        let agency = Agency(id: "ubnd", name: BilingualText(vi: "UBND tỉnh"), level: .province)
        let venue = Venue(
            id: "hall",
            name: BilingualText(vi: "Hội trường UBND tỉnh"),
            address: "8 Trần Hưng Đạo, Tuy Hòa",
            geo: Geo(latitude: 13.09, longitude: 109.32),
            onlineLink: "https://live.example.vn/hall"
        )
        var series: [RegularSeries] = []
        for n in 0..<2000 * scale {
            var s = RegularSeries(
                id: RegularSeries.ID("series-\(n)"),
                title: BilingualText(vi: "Họp báo định kỳ số \(n) của UBND tỉnh"),
                organizer: "ubnd",
                rule: try! RecurrenceRule("FREQ=MONTHLY;BYDAY=2WE;COUNT=12"),
                start: LocalDateTime(year: 2026, month: 1, day: 14, hour: 8 + n % 8, minute: 0),
                duration: 5400,
                venue: "hall",
                holidayPolicy: .keep
            )
            s.description = BilingualText(vi: "Thông tin tình hình kinh tế - xã hội; trả lời câu hỏi của báo chí.")
            let originals = try! s.recurrenceSet.instances(
                from: Date(timeIntervalSince1970: 1_760_000_000),
                to: Date(timeIntervalSince1970: 1_800_000_000)
            ).map { $0.start.wallTime }
            for (i, o) in originals.enumerated() {
                if i == 1 || i == 4 || i == 7 {
                    s.exceptions[o] = .move(o, to: o.adding(seconds: 86_400 + 3600), reason: "Dời lịch", revision: 2)
                }
                if i == 9 || i == 10 { s.exceptions[o] = .cancel(o, reason: "Hủy", revision: 2) }
            }
            series.append(s)
        }
        var adHoc: [AdHocBriefing] = []
        for n in 0..<2000 * scale {
            let start = LocalDateTime(
                LocalDate(year: 2026, month: 1, day: 1).adding(days: n % 360),
                hour: 9 + n % 8,
                minute: 30
            )
            var b = AdHocBriefing(
                id: AdHocBriefing.ID("adhoc-\(n)"),
                title: BilingualText(vi: "Họp báo đột xuất số \(n)"),
                organizer: "ubnd",
                trigger: .incident,
                triggeredAt: start.asUTCDate,
                start: start,
                duration: 3600
            )
            b.venue = "hall"
            adHoc.append(b)
        }
        return Schedule(agencies: [agency], venues: [venue], series: series, adHoc: adHoc)
    }

    /// A tab-separated description of every VEVENT, so the C and Python builders make the
    /// same calendar: uid, dtstart, dtend, rrule, exdates (comma), recurrence-id, sequence,
    /// summary, description, location, conference URI, then what the C floor needs to write
    /// Podium's exact bytes: language, "lat;lon", conference feature and label, class,
    /// status.
    static func spec(_ c: ICalCalendar) -> String {
        c.events.map { e in
            let geo = e.geo.map { "\($0.latitude);\($0.longitude)" } ?? ""
            let conference = e.conferences.first
            let fields: [String] = [
                e.uid, e.start.wallTime.basicFormat, e.end!.wallTime.basicFormat, e.recurrenceRule?.text ?? "",
                e.exceptionDates.map(\.wallTime.basicFormat).joined(separator: ","),
                e.recurrenceID?.wallTime.basicFormat ?? "",
                String(e.sequence), e.summary ?? "", (e.description ?? "").replacingOccurrences(of: "\n", with: "\\n"),
                e.location ?? "",
                conference?.uri ?? "", e.language ?? "", geo, conference?.feature?.rawValue ?? "",
                conference?.label ?? "", e.classification?.rawValue ?? "", e.status?.rawValue ?? "",
            ]
            return fields.joined(separator: "\t")
        }.joined(separator: "\n") + "\n"
    }

    /// Up to 200 occurrences, 8 people, 2 agencies: small enough for an exact optimum.
    static func fairnessInstance(_ rng: inout Generator, occurrences n: Int) -> ([Occurrence], Roster) {
        let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2026...2026))
        var out: [Occurrence] = []
        for i in 0..<n {
            let day = LocalDate(year: 2026, month: 3, day: 2).adding(days: Int.random(in: 0..<(n / 2 + 7), using: &rng))
            let start = LocalDateTime(day, hour: [8, 10, 14, 16, 18].randomElement(using: &rng)!, minute: 0)
            var b = AdHocBriefing(
                id: AdHocBriefing.ID("o\(i)"),
                title: BilingualText(vi: "B\(i)"),
                organizer: i % 3 == 0 ? "b" : "a",
                trigger: .incident,
                triggeredAt: start.asUTCDate,
                start: start,
                duration: 3600
            )
            b.form = [.pressConference, .pressRelease, .pressBriefing].randomElement(using: &rng)!
            out.append(try! engine.occurrence(of: b))
        }
        let people = (0..<8).map { k in
            Spokesperson(
                id: Spokesperson.ID("p\(k)"),
                name: "P\(k)",
                title: "T",
                agency: k < 5 ? "a" : "b",
                entitlements: [Entitlement(agency: k < 5 ? "a" : "b", kind: .spokesperson)]
                    + (k == 4 ? [Entitlement(agency: "b", kind: .spokesperson)] : []),
                maxPerWeek: 6
            )
        }
        return (out, Roster(people: people))
    }

    /// About 10,000 occurrences over 2025–2026 for the CLI timing: 400 weekly-ish series.
    /// `scale` multiplies the series and ad-hoc briefings (1: 11,000 events; 10: 110,000).
    static func databaseSchedule(_ rng: inout Generator, scale: Int = 1) -> Schedule {
        let agency = Agency(id: "ubnd", name: BilingualText(vi: "UBND tỉnh"), level: .province)
        var series: [RegularSeries] = []
        for n in 0..<400 * scale {
            var s = RegularSeries(
                id: RegularSeries.ID("s\(n)"),
                title: BilingualText(vi: "Họp báo \(n)"),
                organizer: "ubnd",
                rule: try! RecurrenceRule(
                    n % 2 == 0 ? "FREQ=WEEKLY;BYDAY=TU;COUNT=25" : "FREQ=WEEKLY;BYDAY=TH;COUNT=25"
                ),
                start: LocalDateTime(year: 2025, month: 1, day: n % 2 == 0 ? 7 : 9, hour: 8 + n % 8, minute: 0),
                duration: 3600
            )
            s.start.date = s.start.date.adding(days: 7 * (n % 50))
            series.append(s)
        }
        // Public ad-hoc briefings so the public feed is about 1 MB (the HTTP benchmark).
        let venue = Venue(
            id: "hall",
            name: BilingualText(vi: "Hội trường UBND tỉnh"),
            address: "8 Trần Hưng Đạo, Tuy Hòa"
        )
        var adHoc: [AdHocBriefing] = []
        for n in 0..<1000 * scale {
            let start = LocalDateTime(
                LocalDate(year: 2025, month: 6, day: 1).adding(days: n % 400),
                hour: 9 + n % 8,
                minute: 30
            )
            var b = AdHocBriefing(
                id: AdHocBriefing.ID("a\(n)"),
                title: BilingualText(vi: "Họp báo đột xuất về tình hình địa phương số \(n)"),
                organizer: "ubnd",
                trigger: .pressRequest,
                triggeredAt: start.asUTCDate,
                start: start,
                duration: 3600
            )
            b.description = BilingualText(
                vi: "Thông tin cho báo chí về các vấn đề dư luận quan tâm; trả lời phỏng vấn."
            )
            b.venue = "hall"
            adHoc.append(b)
        }
        return Schedule(agencies: [agency], venues: [venue], series: series, adHoc: adHoc)
    }
}
