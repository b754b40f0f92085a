internal import CLibical

/// Reads iCalendar text into `ICalCalendar` values through libical.
///
/// Every failure is a typed `ICalendarError` naming component, property and line:
/// structural faults come from `ContentLineScanner`; libical's embedded `X-LIC-ERROR`
/// properties (it never sets `icalerrno` for them, icalendar.md §3.5) and its NULL result
/// are turned into errors here; constructs Podium will not guess at (RANGE=THISANDFUTURE,
/// EXRULE, RDATE periods, a second RRULE, an RRULE libical 3.0.16 mis-expands) are refused.
/// Parsing is all or nothing: a value is returned only if the whole input was understood;
/// what was understood but not modelled (VTODO, VALARM, unknown properties) is listed in
/// `ICalCalendar.skipped`.
public enum ICalendarParser {
    /// - Parameter lenient: for files other tools wrote (imports): an event that cannot be
    ///   understood is listed in `skipped` with its line instead of refusing the whole file;
    ///   Windows zone names and fixed-offset VTIMEZONEs are matched to IANA zones; a missing
    ///   DTSTAMP is tolerated. The structure must still be sound, or nothing is trusted.
    public static func parse(_ text: String, lenient: Bool = false) throws(ICalendarError) -> ICalCalendar {
        try parse(bytes: Array(text.utf8), lenient: lenient)
    }

    public static func parse(bytes: [UInt8], lenient: Bool = false) throws(ICalendarError) -> ICalCalendar {
        let scan = try ContentLineScanner(bytes: bytes)
        // The scanner proved the bytes are UTF-8 with no NUL, so this copy is exact.
        let text = String(decoding: bytes, as: UTF8.self)
        return try Libical.run { state throws(ICalendarError) -> ICalCalendar in
            Libical.clearError()
            guard let root = icalparser_parse_string(text) else {
                Libical.clearError()
                throw .malformed(ICalLocation(line: 1), reason: "libical could not parse the input")
            }
            let tree = ComponentHandle(owning: root)
            var reader = TreeReader(scan: scan.components, state: state, lenient: lenient)
            defer { state = reader.state }
            return try reader.read(tree.pointer)
        }
    }
}
