internal import CLibFuzzer
// libFuzzer harness: arbitrary bytes → RecurrenceRule, and for an accepted rule a bounded
// RecurrenceSet expansion from DTSTARTs chosen to meet the rule's UNTIL form (so the
// expansion is reached rather than refused by checkUntil) and to sit on month/leap edges.
// Thrown ICalendarErrors (including .tooManyOccurrences) are correct answers; traps, ASan
// reports and timeouts (an expansion that does not stop) are findings.
import Foundation
import ICalendar

// 2024-01-01T00:00:00Z … 2034-01-01T00:00:00Z: ten years, as a schedule view might ask.
let windowFrom = Date(timeIntervalSince1970: 1_704_067_200)
let windowTo = Date(timeIntervalSince1970: 2_019_686_400)

/// The program's entry point: SwiftPM links `main` to this symbol (see Package.swift).
@_cdecl("FuzzRRule_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let text = String(decoding: bytes, as: UTF8.self)
    guard let rule = try? RecurrenceRule(text) else { return 0 }
    _ = rule.description
    let starts: [ICalDateTime]
    switch rule.until {
    case .date?:
        starts = [.date(LocalDate(year: 2024, month: 1, day: 31)), .date(LocalDate(year: 2024, month: 2, day: 29))]
    case .floating?:
        starts = [.floating(LocalDateTime(year: 2024, month: 1, day: 31, hour: 9, minute: 0))]
    case .utc?, .zoned?, nil:
        starts = [
            .zoned(LocalDateTime(year: 2024, month: 1, day: 31, hour: 9, minute: 0), tzid: "Asia/Ho_Chi_Minh"),
            .zoned(LocalDateTime(year: 2024, month: 3, day: 31, hour: 2, minute: 30), tzid: "Europe/Berlin"),
            .utc(LocalDateTime(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59)),
        ]
    }
    for start in starts {
        _ = try? RecurrenceSet(start: start, rule: rule).instances(from: windowFrom, to: windowTo, limit: 2_000)
    }
    // Ending the series elsewhere (what a split does) re-validates a rebuilt rule.
    _ = try? rule.replacingEnd(count: 3)
    _ = try? rule.replacingEnd(untilUTC: LocalDateTime(year: 2025, month: 12, day: 31, hour: 16, minute: 59))
    return 0
}
