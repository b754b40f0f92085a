import Dispatch
import Foundation
import ICalendar
import Testing

/// libical 3.0.16 races on the first load of a built-in zone (icaltimezone.c:1356-1404,
/// libical#1029) and keeps per-thread error state; the wrapper serialises all C calls.
/// This stress test hammers every entry point from many threads at once, each thread loading
/// zones for the first time; `make tsan` runs it under ThreadSanitizer. TSan sees Podium's
/// side (the wrapper's lock and state, the hand-over of results); libical itself is not
/// instrumented, so races inside it would show only as results that differ from a serial run.
@Suite("Concurrency")
struct ConcurrencyTests {
    static let zones = [
        "Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Tokyo", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
        "Europe/Paris", "Europe/London", "Europe/Moscow", "America/New_York", "America/Sao_Paulo",
        "America/Los_Angeles", "Australia/Sydney", "Africa/Cairo", "Pacific/Auckland", "Asia/Saigon",
    ]

    static func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0) -> LocalDateTime {
        LocalDateTime(year: y, month: m, day: d, hour: h, minute: 0)
    }

    /// Writes, parses, expands and converts one calendar; the result is compared across runs.
    @Sendable static func work(_ i: Int) throws -> [String] {
        let zone = zones[i % zones.count]
        let start = local(2024, 1 + i % 12, 1 + i % 28, 9)
        var event = ICalEvent(
            uid: "stress-\(i)@t",
            timestamp: local(2024, 1, 1),
            start: .zoned(start, tzid: zone),
            end: .zoned(start.adding(seconds: 3600), tzid: zone)
        )
        event.summary = "Họp báo \(i)"
        event.recurrenceRule = try RecurrenceRule("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=\(5 + i % 7)")
        let text = try ICalendarWriter.serialise(ICalCalendar(productID: "t", events: [event]))
        let back = try ICalendarParser.parse(text)
        let set = RecurrenceSet(start: back.events[0].start, rule: back.events[0].recurrenceRule)
        let instants = try set.instances(from: local(2023, 1, 1).asUTCDate, to: local(2026, 1, 1).asUTCDate)
        let wall = try TimeZones.wallTime(of: instants[0].instant, in: zone)
        _ = try? ICalendarParser.parse(String(text.prefix(text.count / 2)))  // the error path too
        // Every DTSTART form through the iterator, which runs outside the wrapper's lock; the
        // UNTIL in UTC and a window years ahead make libical compare through the zone and
        // extend its change cache (under libical's own mutex) while other threads iterate.
        let forms: [(ICalDateTime, String)] = [
            (.utc(start), "FREQ=WEEKLY;BYDAY=TU;UNTIL=20340101T000000Z"),
            (.floating(start), "FREQ=MONTHLY;BYMONTHDAY=3;UNTIL=20340101T000000"),
            (.date(start.date), "FREQ=MONTHLY;BYDAY=1FR;UNTIL=20340101"),
            (.zoned(start, tzid: zone), "FREQ=WEEKLY;BYDAY=FR;UNTIL=20340101T000000Z"),
        ]
        let (form, rule) = forms[i % forms.count]
        let more = try RecurrenceSet(start: form, rule: RecurrenceRule(rule))
            .instances(from: local(2023, 1, 1).asUTCDate, to: local(2034, 6, 1).asUTCDate)
        return [text] + (instants + more).map { "\($0.instant.timeIntervalSince1970)" } + [wall.description]
    }

    @Test("many threads writing, parsing, expanding and converting at once agree with a serial run")
    func stress() throws {
        let rounds = 64
        let results = Results(count: rounds)
        DispatchQueue.concurrentPerform(iterations: rounds) { i in
            results.set(i, Result { try Self.work(i) })
        }
        for i in 0..<rounds {
            #expect(try results.get(i).get() == (try Self.work(i)), "round \(i)")
        }
    }
}

/// A lock-protected result array for the stress test.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<[String], any Error>?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<[String], any Error>) {
        lock.lock()
        values[i] = value
        lock.unlock()
    }
    func get(_ i: Int) -> Result<[String], any Error> {
        lock.lock()
        defer { lock.unlock() }
        return values[i]!
    }
}
