internal import CLibFuzzer
// libFuzzer harness: arbitrary bytes → lenient ICalendarParser → CalendarImport.schedule and
// CalendarImport.holidays (what `podium import` and the import API run on a foreign file).
// Thrown errors are correct answers; traps, ASan reports and timeouts are findings.
import Feeds
import ICalendar
import Scheduling

/// The program's entry point: SwiftPM links `main` to this symbol (see Package.swift).
@_cdecl("FuzzImport_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    guard let calendar = try? ICalendarParser.parse(bytes: bytes, lenient: true) else { return 0 }
    _ = CalendarImport.holidays(calendar, source: "fuzz.ics")
    _ = try? CalendarImport.schedule(calendar, organizer: Agency.ID("fuzz-agency"))
    // The other options a caller can pass: another zone for UTC times, published status,
    // a forced language and an existing venue to match LOCATION against.
    let venue = Venue(id: Venue.ID("hoi-truong"), name: BilingualText(vi: "Hội trường"), address: "1 Lê Lợi")
    _ = try? CalendarImport.schedule(
        calendar,
        organizer: Agency.ID("fuzz-agency"),
        timeZone: "Europe/London",
        status: .scheduled,
        language: .en,
        existingVenues: [venue.id: venue]
    )
    return 0
}
