/// A first, purely lexical pass over iCalendar text (RFC 5545 §3.1).
///
/// libical reports no line numbers and returns NULL for broken structure without saying
/// why (icalendar.md §3.5). This pass finds structural faults itself — bad UTF-8, control
/// characters, a line with no `:`, mismatched BEGIN/END — with their exact line, and
/// records where every component and property starts so libical's later findings can be
/// pinned to a line.
struct ContentLineScanner {
    struct Property {
        var name: String
        var line: Int
        /// The raw value after the first unquoted `:`, unfolded, unescaped.
        var value: String
    }

    struct Component {
        var name: String
        var line: Int
        var properties: [Property] = []
        /// Indexes into `components` of the nested components, in text order.
        var children: [Int] = []
    }

    /// Components in depth-first BEGIN order; index 0 is the VCALENDAR. libical does not
    /// keep this order (it moves VTIMEZONEs), so the reader matches by parent and kind.
    private(set) var components: [Component] = []

    /// The most input accepted at once; a feed of 10,000 events is ~5 MB.
    static let maximumBytes = 64 << 20

    init(bytes: [UInt8]) throws(ICalendarError) {
        guard !bytes.isEmpty else { throw .malformed(ICalLocation(line: 1), reason: "empty input") }
        guard bytes.count <= Self.maximumBytes else {
            throw .malformed(ICalLocation(), reason: "input is larger than \(Self.maximumBytes >> 20) MiB")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw .malformed(ICalLocation(line: 1), reason: "starts with a UTF-8 byte-order mark (RFC 5545 §3.1.4)")
        }
        var logical: [(line: Int, text: [UInt8])] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var content = Array(bytes[start..<end])
            if content.last == 0x0D { content.removeLast() }
            start = end + 1
            if let bad = content.firstIndex(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                throw .malformed(
                    ICalLocation(line: lineNumber),
                    reason: "control character 0x\(String(content[bad], radix: 16, uppercase: true)) in a content line"
                )
            }
            if content.first == 0x20 || content.first == 0x09 {
                guard !logical.isEmpty else {
                    throw .malformed(
                        ICalLocation(line: lineNumber),
                        reason: "continuation line with nothing to continue"
                    )
                }
                logical[logical.count - 1].text += content.dropFirst()
            } else if !content.isEmpty {
                logical.append((lineNumber, content))
            }
        }
        var stack: [Int] = []
        var closedRoot = false
        for (line, raw) in logical {
            guard let text = String(validating: raw, as: UTF8.self) else {
                throw .malformed(ICalLocation(line: line), reason: "not valid UTF-8")
            }
            let at = ICalLocation(line: line, component: stack.last.map { components[$0].name })
            guard let (name, value) = Self.split(text) else {
                throw .malformed(at, reason: "content line has no \"name:value\" form: \(Self.preview(text))")
            }
            if closedRoot { throw .malformed(at, reason: "content after END:VCALENDAR") }
            switch name {
            case "BEGIN":
                let component = value.uppercased()
                guard !component.isEmpty, component.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                    throw .malformed(at, reason: "BEGIN with an invalid component name")
                }
                if stack.isEmpty {
                    guard components.isEmpty else {
                        throw .unsupported(at, reason: "more than one VCALENDAR in one stream")
                    }
                    guard component == "VCALENDAR" else {
                        throw .malformed(at, reason: "expected BEGIN:VCALENDAR, found BEGIN:\(component)")
                    }
                }
                guard stack.count < 8 else { throw .malformed(at, reason: "components nested deeper than 8") }
                components.append(Component(name: component, line: line))
                if let parent = stack.last { components[parent].children.append(components.count - 1) }
                stack.append(components.count - 1)
            case "END":
                guard let open = stack.popLast() else { throw .malformed(at, reason: "END:\(value) without BEGIN") }
                guard components[open].name == value.uppercased() else {
                    throw .malformed(
                        at,
                        reason:
                            "END:\(value) does not close BEGIN:\(components[open].name) at line \(components[open].line)"
                    )
                }
                if stack.isEmpty { closedRoot = true }
            default:
                guard let owner = stack.last else {
                    throw .malformed(at, reason: "property \(name) outside BEGIN:VCALENDAR")
                }
                components[owner].properties.append(Property(name: name, line: line, value: value))
            }
        }
        if let open = stack.last {
            throw .malformed(
                ICalLocation(line: components[open].line, component: components[open].name),
                reason: "BEGIN:\(components[open].name) is never closed (truncated input?)"
            )
        }
        guard !components.isEmpty else { throw .malformed(ICalLocation(line: 1), reason: "no BEGIN:VCALENDAR") }
    }

    /// Splits `NAME;PARAM="a:b":value` at the first `:` outside double quotes.
    static func split(_ line: String) -> (name: String, value: String)? {
        var inQuotes = false
        var nameEnd: String.Index?
        for i in line.indices {
            let c = line[i]
            if c == "\"" { inQuotes.toggle() }
            if nameEnd == nil && (c == ";" || c == ":") { nameEnd = i }
            if c == ":" && !inQuotes {
                let name = line[..<(nameEnd ?? i)].uppercased()
                guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
                else { return nil }
                return (name, String(line[line.index(after: i)...]))
            }
        }
        return nil
    }

    static func preview(_ text: String) -> String {
        text.count > 40 ? "\"\(text.prefix(40))…\"" : "\"\(text)\""
    }
}
