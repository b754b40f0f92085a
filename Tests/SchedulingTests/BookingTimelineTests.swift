import Foundation
import PropertyBased
import TestSupport
import Testing

@testable import Scheduling

/// The assigner finds a clash by binary search over one person's bookings sorted by start; it
/// must name the same booking the plain rule does: the first one booked that comes within the
/// buffer (`BookingRule.firstClash` over the bookings in the order they were made).
@Suite("One person's bookings by start")
struct BookingTimelineTests {
    /// Minutes from an arbitrary origin.
    static func spans(_ minutes: [(start: Int, end: Int)]) -> BookingRule.Spans {
        let origin = Date(timeIntervalSinceReferenceDate: 800_000_000)
        return BookingRule.Spans(
            starts: minutes.map { origin.addingTimeInterval(TimeInterval($0.start * 60)) },
            ends: minutes.map { origin.addingTimeInterval(TimeInterval($0.end * 60)) }
        )
    }

    @Test("hand cases: touching is no clash without a buffer; the earliest booked of two clashes is named")
    func handCases() {
        // 0: 9:00–10:00, 1: 10:00–11:00, 2: 10:30–12:00, 3: 8:00–13:00 (a long one, booked first).
        let spans = Self.spans([(540, 600), (600, 660), (630, 720), (480, 780), (900, 960)])
        var timeline = BookingTimeline()
        timeline.insert(0, sequence: 0, spans)
        #expect(timeline.firstClash(with: 1, spans, buffer: 0) == nil)
        #expect(timeline.firstClash(with: 1, spans, buffer: 60) == 0)
        timeline.insert(2, sequence: 1, spans)
        // 3 meets both 0 and 2; 0 was booked first.
        #expect(timeline.firstClash(with: 3, spans, buffer: 0) == 0)
        timeline.remove(0, spans)
        #expect(timeline.firstClash(with: 3, spans, buffer: 0) == 2)
        // A booking never clashes with itself, and one far away meets nothing.
        #expect(timeline.firstClash(with: 2, spans, buffer: 0) == nil)
        #expect(timeline.firstClash(with: 4, spans, buffer: 60) == nil)
        // The long booking (5 hours) widens the window: a start before a short one's reach is found.
        timeline.insert(3, sequence: 2, spans)
        #expect(timeline.firstClash(with: 1, spans, buffer: 0) == 2)
        timeline.remove(2, spans)
        #expect(timeline.firstClash(with: 1, spans, buffer: 0) == 3)
    }

    @Test("random bookings and releases: the same answer as the rule over the booking order (seed printed)")
    func agreesWithTheRule() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            let count = Int.random(in: 1...40, using: &rng)
            let minutes = (0..<count).map { _ in
                let start = Int.random(in: 0...3_000, using: &rng)
                return (start: start, end: start + Int.random(in: 0...400, using: &rng))
            }
            let spans = Self.spans(minutes)
            var timeline = BookingTimeline()
            var booked: [Int] = []
            var sequence = 0
            for _ in 0..<80 {
                let i = Int.random(in: 0..<count, using: &rng)
                let buffer = TimeInterval(Int.random(in: 0...90, using: &rng) * 60)
                #expect(
                    timeline.firstClash(with: i, spans, buffer: buffer)
                        == BookingRule.firstClash(with: i, among: booked, spans, buffer: buffer),
                    "seed \(seed)"
                )
                if let at = booked.firstIndex(of: i) {
                    booked.remove(at: at)
                    timeline.remove(i, spans)
                } else {
                    booked.append(i)
                    timeline.insert(i, sequence: sequence, spans)
                    sequence += 1
                }
                #expect(timeline.isEmpty == booked.isEmpty, "seed \(seed)")
            }
        }
    }
}
