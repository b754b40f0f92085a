import Feeds
import Foundation
import ICalendar
import Scheduling
import TestSupport
import Testing

/// A press embargo means the press gets an item early and the public later (issue #13, item 7):
/// over random schedules and moments, the public never sees an item before its embargo lifts,
/// and the press never later than the public.
@Suite("Embargo as the press means it")
struct EmbargoTests {
    static let calendar = WorkingCalendar(years: 2023...2028)
    static let engine = OccurrenceEngine(calendar: calendar)

    @Test("random items: whatever the public sees, the press sees; the public never before the embargo")
    func readers() {
        var rng = SeededGenerator.forTest("embargo readers")
        for _ in 0..<20_000 {
            let now = Date(timeIntervalSince1970: Double.random(in: 1.70e9...1.80e9, using: &rng))
            let embargo: Date? =
                Bool.random(using: &rng)
                ? now.addingTimeInterval(Double.random(in: -86_400...86_400, using: &rng)) : nil
            let visibility = Visibility.allCases.randomElement(using: &rng)!
            let status = BriefingStatus.allCases.randomElement(using: &rng)!
            let publicSees = Reader.public.sees(visibility: visibility, status: status, embargoUntil: embargo, now: now)
            let pressSees = Reader.press.sees(visibility: visibility, status: status, embargoUntil: embargo, now: now)
            if publicSees {
                #expect(pressSees, "seed \(rng.seed): the press sees less than the public")
                #expect(embargo.map { $0 <= now } ?? true, "seed \(rng.seed): the public saw an item under embargo")
            }
            if visibility != .internal, status != .draft { #expect(pressSees) }
        }
    }

    @Test("random schedules: the public feed holds no item under embargo; the press feed holds every public one")
    func feeds() throws {
        var rng = SeededGenerator.forTest("embargo feeds")
        let builder = FeedBuilder(engine: Self.engine)
        for _ in 0..<150 {
            var schedule = RandomSchedule.make(&rng, engine: Self.engine)
            let now = Date(timeIntervalSince1970: Double.random(in: 1.72e9...1.76e9, using: &rng))
            // Embargo a random half of the ad-hoc briefings, some still running at `now`.
            for id in Array(schedule.adHoc.keys) where Bool.random(using: &rng) {
                schedule.adHoc[id]?.embargoUntil = now.addingTimeInterval(
                    Double.random(in: -3 * 86_400...3 * 86_400, using: &rng)
                )
            }
            let options = FeedOptions(now: now, defaultChangeTime: now)
            let publicUIDs = Set(
                try builder.calendar(for: schedule, audience: .public(.vi), options: options).events.map(\.uid)
            )
            let pressUIDs = Set(
                try builder.calendar(for: schedule, audience: .press(.vi), options: options).events.map(\.uid)
            )
            #expect(publicUIDs.isSubset(of: pressUIDs), "seed \(rng.seed): the press feed lacks a public item")
            for b in schedule.adHoc.values where (b.embargoUntil.map { $0 > now } ?? false) {
                #expect(
                    !publicUIDs.contains("\(b.id.rawValue)@podium"),
                    "seed \(rng.seed): \(b.id) public under embargo"
                )
            }
        }
    }
}
