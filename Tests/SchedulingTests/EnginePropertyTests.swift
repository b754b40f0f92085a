import Foundation
import ICalendar
import PropertyBased
import Scheduling
import TestSupport
import Testing

/// Properties over random series and random edits. Each case is built from one seed so a
/// failure can be replayed (the seed is the reported input).
@Suite("Engine properties")
struct EnginePropertyTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))
    static let rules = [
        "FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYDAY=1WE",
        "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=5", "FREQ=DAILY;INTERVAL=3",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30",
    ]
    static let from = F.utc("2024-01-01T00:00")
    static let to = F.utc("2029-01-01T00:00")
    /// Past the last occurrence any random series can have (40 yearly ones from 2026), and
    /// before the first one less the largest random move: a window that cuts no series, so a
    /// move near its edge cannot take an occurrence out of view (regression: seed 550127936).
    static let everything = (F.utc("2023-12-25T00:00"), F.utc("2070-01-01T00:00"))

    /// A random series whose start is synchronised with its rule, COUNT-bounded.
    static func randomSeries(_ rng: inout SeededGenerator, policy: HolidayPolicy? = nil) throws -> RegularSeries {
        let rule = rules.randomElement(using: &rng)! + ";COUNT=\(Int.random(in: 5...40, using: &rng))"
        let day = LocalDate(year: 2024, month: 1, day: 1).adding(days: Int.random(in: 0..<900, using: &rng))
        let tentative = LocalDateTime(
            day,
            hour: Int.random(in: 8...15, using: &rng),
            minute: [0, 30].randomElement(using: &rng)!
        )
        var s = F.series(
            "s\(rng.seed)",
            rule: rule,
            start: tentative.description,
            minutes: [30, 60, 90].randomElement(using: &rng)!,
            policy: policy ?? HolidayPolicy.allCases.randomElement(using: &rng)!
        )
        let first = try s.recurrenceSet.instances(from: from, to: to).first!
        s.start = first.start.wallTime
        return s
    }

    /// Random cancellations and moves (never onto another occurrence), with growing revisions.
    static func randomEdits(_ s: inout RegularSeries, _ rng: inout SeededGenerator, revision: inout Int) throws {
        let originals = try s.recurrenceSet.instances(from: from, to: to).map { $0.start.wallTime }
        let taken = Set(originals)
        for original in originals where Int.random(in: 0..<4, using: &rng) == 0 {
            revision += 1
            if Bool.random(using: &rng) {
                s.exceptions[original] = .cancel(original, reason: "r\(revision)", revision: revision)
            } else {
                var target = original.adding(seconds: 3600 * Int.random(in: -72...72, using: &rng))
                if taken.contains(target) { target = target.adding(seconds: 1800) }
                s.exceptions[original] = .move(original, to: target, reason: "m\(revision)", revision: revision)
            }
        }
    }

    @Test("identities are stable under edits, and a moved occurrence never appears twice")
    func identities() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            var s = try Self.randomSeries(&rng)
            let before = try F.engine.occurrences(of: s, from: Self.everything.0, to: Self.everything.1)
            var revision = 1
            try Self.randomEdits(&s, &rng, revision: &revision)
            s.title = BilingualText(vi: "Tiêu đề mới \(seed)")
            s.venue = Venue.ID("venue-\(seed % 3)")
            try F.engine.validate(s)
            let after = try F.engine.occurrences(of: s, from: Self.everything.0, to: Self.everything.1)
            #expect(Set(before.map(\.id)) == Set(after.map(\.id)))
            #expect(after.count == Set(after.map(\.id)).count)
        }
    }

    @Test("'skip' never yields a briefing on a day off; 'next working day' never a holiday or weekend")
    func holidayPolicies() async {
        await propertyCheck(count: 150, input: Self.seeds) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            for policy in [HolidayPolicy.skip, .nextWorkingDay, .previousWorkingDay] {
                let s = try Self.randomSeries(&rng, policy: policy)
                for o in try F.engine.occurrences(of: s, from: Self.from, to: Self.to) where o.isHappening {
                    #expect(F.calendar.isWorkingDay(o.start.date), "\(policy) \(s.rule) \(o.start)")
                    #expect(F.calendar.holiday(on: o.start.date) == nil)
                }
            }
        }
    }

    @Test("a split changes nothing before its date")
    func split() async {
        await propertyCheck(count: 100, input: Self.seeds) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            var s = try Self.randomSeries(&rng)
            var revision = 1
            try Self.randomEdits(&s, &rng, revision: &revision)
            let before = try F.engine.occurrences(of: s, from: Self.from, to: Self.to)
            let originals = before.compactMap(\.originalStart).sorted()
            guard originals.count > 2 else { return }
            let at = originals[Int.random(in: 1..<originals.count, using: &rng)]
            let (ended, next) = try F.engine.split(s, at: at, newID: "next", revision: revision + 1)
            let endedOccurrences = try F.engine.occurrences(of: ended, from: Self.from, to: Self.to)
            let earlier = before.filter { $0.originalStart! < at }
            func visible(_ o: Occurrence) -> [String] {
                [o.id.rawValue, o.start.description, o.end.description, "\(o.status)", o.title.vi]
            }
            #expect(endedOccurrences.map(visible) == earlier.map(visible))
            // The continuation has exactly the later occurrences, under the new series.
            let later = try F.engine.occurrences(of: next, from: Self.from, to: Self.to)
            #expect(later.map(\.start) == before.filter { $0.originalStart! >= at }.map(\.start))
        }
    }

    @Test("revision numbers never decrease as edits accumulate")
    func revisions() async {
        await propertyCheck(count: 100, input: Self.seeds) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            var s = try Self.randomSeries(&rng)
            var revision = 1
            var last: [OccurrenceID: Int] = [:]
            for _ in 0..<4 {
                try Self.randomEdits(&s, &rng, revision: &revision)
                if Bool.random(using: &rng) {
                    revision += 1
                    s.title = BilingualText(vi: "Đổi \(revision)")
                    s.revision = revision
                }
                // Undo a random exception: cleared, but its revision grows.
                if let key = s.exceptions.keys.sorted().first, Bool.random(using: &rng) {
                    revision += 1
                    s.exceptions[key] = OccurrenceException(originalStart: key, revision: revision)
                }
                for o in try F.engine.occurrences(of: s, from: Self.from, to: Self.to) {
                    #expect(o.revision >= last[o.id] ?? 0)
                    last[o.id] = o.revision
                }
            }
        }
    }
}
