internal import CLibFuzzer
// libFuzzer harness: arbitrary bytes → PlanReader (plan, holiday and rules files).
// A thrown PlanError is a correct answer; traps, ASan reports and timeouts are findings.
import PlanFile

/// The program's entry point: SwiftPM links `main` to this symbol (see Package.swift).
@_cdecl("FuzzPlan_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let text = String(decoding: bytes, as: UTF8.self)
    // Each reader parses the YAML again (Yams.compose is most of the cost), so the holiday
    // and rules readers only get texts that could reach past their top-level key check.
    _ = try? PlanReader.read(text, file: "fuzz.yaml")
    if text.contains("decisions") {
        _ = PlanReader.isHolidayFile(text)
        _ = try? PlanReader.readHolidays(text, file: "fuzz.yaml")
    }
    if text.contains("rules") {
        _ = try? PlanReader.readRules(text, file: "fuzz.yaml")
    }
    return 0
}
