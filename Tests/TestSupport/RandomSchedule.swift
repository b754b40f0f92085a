import Foundation
import ICalendar
public import Scheduling

/// Random but valid schedules for property tests and interop runs: series with synchronised
/// starts, exceptions (cancel, move, retitle, new venue), splits, holiday policies,
/// visibilities, statuses and embargoes, and ad-hoc briefings (some cancelled).
public enum RandomSchedule {
    public static let rules = [
        "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYDAY=1WE",
        "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=5", "FREQ=DAILY;INTERVAL=9",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYMONTHDAY=-1",
    ]
    public static let venues = [
        Venue(
            id: "hall",
            name: BilingualText(vi: "Hội trường", en: "Hall"),
            address: "8 Trần Hưng Đạo",
            geo: Geo(latitude: 13.1, longitude: 109.3),
            onlineLink: "https://live.test/hall"
        ),
        Venue(id: "room", name: BilingualText(vi: "Phòng họp"), address: "Tuy Hòa"),
    ]
    public static let agencies = [
        Agency(id: "province", name: BilingualText(vi: "UBND tỉnh", en: "Province"), level: .province),
        Agency(id: "police", name: BilingualText(vi: "Công an tỉnh"), level: .department, parent: "province"),
    ]

    public static func make(_ rng: inout SeededGenerator, engine: OccurrenceEngine, titles: [String]? = nil) -> Schedule
    {
        var series: [RegularSeries] = []
        var revision = 1
        func title(_ fallback: String) -> BilingualText {
            if let titles, let t = titles.randomElement(using: &rng) { return BilingualText(vi: t, en: t) }
            return BilingualText(vi: fallback, en: fallback + " (en)")
        }
        for n in 0..<Int.random(in: 1...4, using: &rng) {
            let end = [";COUNT=\(Int.random(in: 3...24, using: &rng))", ";UNTIL=20261231T170000Z", ""].randomElement(
                using: &rng
            )!
            let rule = try! RecurrenceRule(rules.randomElement(using: &rng)! + end)
            let day = LocalDate(year: 2025, month: 1, day: 1).adding(days: Int.random(in: 0..<500, using: &rng))
            var s = RegularSeries(
                id: RegularSeries.ID("s\(n)"),
                title: title("Họp báo \(n)"),
                organizer: agencies.randomElement(using: &rng)!.id,
                rule: rule,
                start: LocalDateTime(day, hour: Int.random(in: 8...15, using: &rng), minute: 0),
                duration: 3600,
                venue: [venues[0].id, venues[1].id, nil].randomElement(using: &rng)!,
                visibility: Visibility.allCases.randomElement(using: &rng)!,
                status: [.scheduled, .scheduled, .scheduled, .draft, .cancelled, .held].randomElement(using: &rng)!,
                holidayPolicy: HolidayPolicy.allCases.randomElement(using: &rng)!,
                revision: revision
            )
            if Int.random(in: 0..<4, using: &rng) == 0 {
                s.embargoUntil =
                    LocalDateTime(
                        LocalDate(year: 2025, month: 6, day: 1).adding(days: Int.random(in: 0..<700, using: &rng)),
                        hour: 0,
                        minute: 0
                    ).asUTCDate
            }
            // Synchronise the start with the rule (RFC 5545 §3.8.5.3); look at two years.
            let horizon = (Date(timeIntervalSince1970: 1_700_000_000), Date(timeIntervalSince1970: 1_830_000_000))
            let probe = try! s.recurrenceSet.instances(from: horizon.0, to: horizon.1)
            guard let first = probe.first else { continue }
            s.start = first.start.wallTime
            let originals = try! s.recurrenceSet.instances(from: horizon.0, to: horizon.1).map { $0.start.wallTime }
            let taken = Set(originals)
            for original in originals.prefix(60) where Int.random(in: 0..<5, using: &rng) == 0 {
                revision += 1
                var e = OccurrenceException(originalStart: original, revision: revision)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: e.cancellationReason = "Hủy \(revision)"
                case 1:
                    var target = original.adding(
                        seconds: 3600 * Int.random(in: -30...30, using: &rng) * [1, 24].randomElement(using: &rng)!
                    )
                    while taken.contains(target) { target = target.adding(seconds: 1800) }
                    e.newStart = target
                    e.reason = "Dời \(revision)"
                case 2: e.title = title("Đổi tên \(revision)")
                default: e.newVenue = venues.randomElement(using: &rng)!.id
                }
                s.exceptions[original] = e
            }
            if originals.count > 3, Int.random(in: 0..<4, using: &rng) == 0 {
                revision += 1
                let at = originals[Int.random(in: 1..<min(originals.count, 40), using: &rng)]
                let (ended, next) = try! engine.split(s, at: at, newID: RegularSeries.ID("s\(n)-b"), revision: revision)
                series += [ended, next]
            } else {
                series.append(s)
            }
        }
        var adHoc: [AdHocBriefing] = []
        for n in 0..<Int.random(in: 0...3, using: &rng) {
            let day = LocalDate(year: 2025, month: 1, day: 1).adding(days: Int.random(in: 0..<700, using: &rng))
            let start = LocalDateTime(day, hour: Int.random(in: 6...20, using: &rng), minute: 30)
            var b = AdHocBriefing(
                id: AdHocBriefing.ID("a\(n)"),
                title: title("Đột xuất \(n)"),
                organizer: agencies.randomElement(using: &rng)!.id,
                trigger: TriggerKind.allCases.randomElement(using: &rng)!,
                triggeredAt: LocalDateTime(day, hour: 0, minute: 0).asUTCDate,
                start: start,
                duration: 1800,
                revision: Int.random(in: 1...revision + 1, using: &rng)
            )
            b.visibility = Visibility.allCases.randomElement(using: &rng)!
            b.venue = [venues[0].id, nil].randomElement(using: &rng)!
            if Int.random(in: 0..<3, using: &rng) == 0 {
                b.status = .cancelled
                b.cancellationReason = "Thay đổi kế hoạch"
            }
            adHoc.append(b)
        }
        return Schedule(agencies: agencies, venues: venues, series: series, adHoc: adHoc)
    }
}
