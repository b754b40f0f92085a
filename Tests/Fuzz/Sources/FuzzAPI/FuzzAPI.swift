// libFuzzer harness: arbitrary bytes → every JSON body the API takes (APIBodies), decoded as
// the server decodes them, then turned into engine values the way the routes do. Decoding and
// BodyErrors are correct answers; traps, ASan reports and timeouts are findings. A body that
// decodes must also survive a round trip: encoded and decoded again it encodes to the same
// bytes (what `podium outcome show --json` prints, `PUT` takes back).
import APIBodies
internal import CLibFuzzer
import Foundation
import ICalendar
import Scheduling

/// The program's entry point: SwiftPM links `main` to this symbol (see Package.swift).
@_cdecl("FuzzAPI_main")
func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, fuzz)
}

let decoder: JSONDecoder = {
    let d = JSONDecoder()
    d.dateDecodingStrategy = .iso8601
    return d
}()
let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.dateEncodingStrategy = .iso8601
    e.outputFormatting = [.sortedKeys]
    return e
}()

/// Decodes `data` as `Body`; if it decodes, checks the round trip and returns the body.
func body<Body: APIBody>(_: Body.Type, _ data: Data) -> Body? {
    guard let b = try? decoder.decode(Body.self, from: data) else { return nil }
    // ISO 8601 keeps whole seconds only, so a date with a fraction is compared after one trip.
    guard let once = try? encoder.encode(b), let again = try? decoder.decode(Body.self, from: once),
        let twice = try? encoder.encode(again)
    else { fatalError("\(Body.self) decoded but does not encode and decode again") }
    let third = try? encoder.encode(try? decoder.decode(Body.self, from: twice))
    precondition(third == twice, "\(Body.self) changes on a second round trip")
    return b
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ input: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = size > 0 && input != nil ? Data(bytes: input!, count: size) : Data()
    _ = try? body(AdHocBody.self, data)?.briefing()
    _ = try? body(SeriesCreateBody.self, data)?.series()
    _ = try? body(AbsenceBody.self, data)?.unavailability()
    _ = try? body(OutcomeBody.self, data)?.outcome(OccurrenceID(rawValue: "s1@2025-03-01T09:00"))
    if let b = body(CancelBody.self, data) { _ = try? BodyFields.local(b.original) }
    if let b = body(MoveBody.self, data) {
        _ = try? BodyFields.local(b.original)
        if let to = b.to { _ = try? BodyFields.local(to, field: "to") }
    }
    if let b = body(SplitBody.self, data) { _ = try? BodyFields.local(b.original) }
    if let b = body(FollowUpBody.self, data) { _ = try? BodyFields.day(b.promised, field: "promised") }
    if let b = body(AnswerBody.self, data) { _ = try? BodyFields.day(b.on, field: "on") }
    _ = body(ReasonBody.self, data)
    _ = try? body(AssignBody.self, data)?.assignment(OccurrenceID(rawValue: "s1@20250301T090000"), current: nil)
    _ = body(WindowBody.self, data)
    _ = body(PlanBody.self, data)
    _ = body(DecisionBody.self, data)
    return 0
}
