// Builds, serialises, parses and frees N calendars, for `make memcheck` (valgrind) to
// watch for leaks and invalid accesses in the libical wrapper. Exit 0 only if every
// round trip gave back what went in.
import Foundation
import ICalendar

let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 10_000
var failures = 0
for i in 0..<count {
    var event = ICalEvent(
        uid: "soak-\(i)@podium.invalid",
        timestamp: LocalDateTime(year: 2024, month: 1, day: 1, hour: 0, minute: 0),
        start: .zoned(
            LocalDateTime(year: 2024, month: 1 + i % 12, day: 3, hour: 9, minute: 0),
            tzid: "Asia/Ho_Chi_Minh"
        ),
        end: .zoned(
            LocalDateTime(year: 2024, month: 1 + i % 12, day: 3, hour: 10, minute: 0),
            tzid: "Asia/Ho_Chi_Minh"
        ),
        sequence: i % 7
    )
    event.summary = "Họp báo định kỳ #\(i); \"quý\", \\ test\n"
    event.recurrenceRule = try! RecurrenceRule("FREQ=MONTHLY;BYDAY=1WE;COUNT=12")
    event.url = "https://podium.invalid/briefings/\(i)"
    event.categories = ["press-conference", "open"]
    let calendar = ICalCalendar(productID: "-//Podium//Soak//EN", method: "PUBLISH", events: [event])
    do {
        let text = try ICalendarWriter.serialise(calendar)
        let back = try ICalendarParser.parse(text)
        if back.events.first?.uid != event.uid || back.events.first?.summary != ICalText.sanitize(event.summary!) {
            failures += 1
        }
        // A malformed input every tenth round, so the error paths are exercised too.
        if i % 10 == 0 { _ = try? ICalendarParser.parse(String(text.dropLast(40))) }
    } catch {
        print("round \(i): \(error)")
        failures += 1
    }
}
print("\(count) round trips, \(failures) failures")
exit(failures == 0 ? 0 : 1)
