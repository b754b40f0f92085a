internal import CLibFuzzer
// libFuzzer harness: arbitrary bytes → ICalendarParser, strict then lenient.
// A thrown ICalendarError is a correct answer; a trap, ASan report, timeout or leak of
// memory past the RSS limit is a finding.
import ICalendar

/// The program's entry point: SwiftPM links `main` to this symbol (see Package.swift).
@_cdecl("FuzzICS_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    _ = try? ICalendarParser.parse(bytes: bytes, lenient: false)
    _ = try? ICalendarParser.parse(bytes: bytes, lenient: true)
    // The String entry point (`parse(_:lenient:)`) is `parse(bytes: Array(text.utf8))`: only
    // worth a call when repairing invalid UTF-8 gives the parser other bytes to read.
    let text = String(decoding: bytes, as: UTF8.self)
    if text.utf8.count != bytes.count || !text.utf8.elementsEqual(bytes) {
        _ = try? ICalendarParser.parse(text, lenient: false)
    }
    return 0
}
