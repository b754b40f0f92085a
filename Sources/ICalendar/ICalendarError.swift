/// Where in an iCalendar text a problem was found.
///
/// `line` is the 1-based physical line where the (possibly folded) content line starts,
/// so a user can open the file at that line. `component` is the innermost component
/// (`VEVENT`, `VTIMEZONE`, …) and `property` the property name, when known.
public struct ICalLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var component: String?
    public var property: String?

    public init(line: Int? = nil, component: String? = nil, property: String? = nil) {
        self.line = line
        self.component = component
        self.property = property
    }

    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let component { parts.append(component) }
        if let property { parts.append(property) }
        return parts.isEmpty ? "(unknown location)" : parts.joined(separator: " ")
    }
}

/// Every way the iCalendar layer can fail. Each case names what was wrong and, when the
/// input was text, where it was.
///
/// libical reports most problems by *embedding* `X-LIC-ERROR` properties in the tree and
/// leaving `icalerrno` untouched (icalendar.md §3.5); the parser turns each of those into
/// one of these cases, so callers never have to look for X-LIC-ERROR themselves.
public enum ICalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is not iCalendar at all (libical returned NULL, or the structure is broken).
    case malformed(ICalLocation, reason: String)
    /// A property's value could not be parsed (libical's VALUE-PARSE-ERROR, or our own check).
    case invalidValue(ICalLocation, reason: String)
    /// A construct Podium refuses rather than risk mis-handling (e.g. `RANGE=THISANDFUTURE`).
    case unsupported(ICalLocation, reason: String)
    /// A required property is absent (RFC 5545 §3.6.1: UID, DTSTAMP, DTSTART).
    case missingProperty(ICalLocation)
    /// An RRULE that is syntactically wrong or that libical 3.0.16 would expand wrongly.
    case invalidRecurrence(rule: String, reason: String)
    /// The TZID is not an IANA zone known to the system tzdata.
    case unknownTimeZone(String)
    /// A URI or CAL-ADDRESS that would be written verbatim by libical and so could inject lines.
    case unsafeURI(field: String, reason: String)
    /// Text refused before it reached libical (e.g. a comma inside one CATEGORIES item).
    case invalidText(field: String, reason: String)
    /// An expansion would exceed the caller's bound on occurrences.
    case tooManyOccurrences(limit: Int)
    /// libical itself failed (NULL result or `icalerrno` set) in the named function.
    case libical(function: String, message: String)

    /// Where in the input it went wrong, when known.
    public var location: ICalLocation {
        switch self {
        case .malformed(let at, _), .invalidValue(let at, _), .unsupported(let at, _), .missingProperty(let at):
            return at
        default: return ICalLocation()
        }
    }

    public var description: String {
        switch self {
        case .malformed(let at, let reason): return "\(at): malformed iCalendar: \(reason)"
        case .invalidValue(let at, let reason): return "\(at): invalid value: \(reason)"
        case .unsupported(let at, let reason): return "\(at): unsupported: \(reason)"
        case .missingProperty(let at): return "\(at): required property is missing"
        case .invalidRecurrence(let rule, let reason): return "RRULE \(rule): \(reason)"
        case .unknownTimeZone(let tzid): return "unknown time zone \"\(tzid)\" (expected an IANA name)"
        case .unsafeURI(let field, let reason): return "\(field): unsafe URI: \(reason)"
        case .invalidText(let field, let reason): return "\(field): \(reason)"
        case .tooManyOccurrences(let limit): return "expansion exceeds \(limit) occurrences"
        case .libical(let function, let message): return "libical \(function): \(message)"
        }
    }
}
