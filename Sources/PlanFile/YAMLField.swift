import Foundation
import ICalendar
import Yams

/// A node of a YAML document with the path that led to it, so every conversion error names
/// the file, line, column and field.
///
/// Scalars are read as strings and converted here, never by YAML's implicit typing — so
/// `NO` stays a string and `2024-01-04` is checked as a real date — and unknown keys are
/// errors, so a misspelt field is reported rather than ignored.
struct YAMLField {
    let node: Node
    let path: String
    let file: String

    func error(_ message: String) -> PlanError {
        PlanError(
            file: file,
            line: node.mark?.line,
            column: node.mark?.column,
            field: path.isEmpty ? nil : path,
            message: message
        )
    }

    // MARK: - structure

    /// The mapping's fields by key, refusing keys not in `allowed`.
    func mapping(allowed: Set<String>) throws(PlanError) -> [String: YAMLField] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        var out: [String: YAMLField] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error("a key is not a string") }
            let child = YAMLField(node: value, path: path.isEmpty ? name : "\(path).\(name)", file: file)
            guard allowed.contains(name) else {
                throw YAMLField(node: key, path: child.path, file: file)
                    .error("unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            out[name] = child
        }
        return out
    }

    func list() throws(PlanError) -> [YAMLField] {
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" { return [] }
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { YAMLField(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    // MARK: - scalars

    func string() throws(PlanError) -> String {
        guard case .scalar(let s) = node else { throw error("expected a single value") }
        let text = s.string.precomposedStringWithCanonicalMapping
        guard !text.isEmpty else { throw error("must not be empty") }
        return text
    }

    func int(in range: ClosedRange<Int>) throws(PlanError) -> Int {
        let text = try string()
        guard let n = Int(text) else { throw error("\"\(text)\" is not a whole number") }
        guard range.contains(n) else { throw error("\(n) is out of range \(range.lowerBound)…\(range.upperBound)") }
        return n
    }

    func double() throws(PlanError) -> Double {
        let text = try string()
        guard let n = Double(text), n.isFinite else { throw error("\"\(text)\" is not a number") }
        return n
    }

    func bool() throws(PlanError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error("\"\(other)\" is not true or false")
        }
    }

    func date() throws(PlanError) -> LocalDate {
        let text = try string()
        guard let d = LocalDate(iso: text) else { throw error("\"\(text)\" is not a real date (YYYY-MM-DD)") }
        return d
    }

    func localDateTime() throws(PlanError) -> LocalDateTime {
        let text = try string()
        guard let t = LocalDateTime(iso: text) else {
            throw error("\"\(text)\" is not a real local date and time (YYYY-MM-DDTHH:MM)")
        }
        return t
    }

    /// An instant: ISO 8601 with `Z` or an offset (`2024-11-16T22:00:00+07:00`), or a date,
    /// meaning its start in Vietnam (UTC+7) — what people write for leave and travel.
    func instant() throws(PlanError) -> Date {
        let text = try string()
        if let d = try? Date(text, strategy: .iso8601) { return d }
        if let day = LocalDate(iso: text),
            let d = try? TimeZones.instant(of: LocalDateTime(day, hour: 0, minute: 0), in: "Asia/Ho_Chi_Minh")
        {
            return d
        }
        throw error("\"\(text)\" is neither a date (2024-08-01) nor an ISO 8601 instant with Z or an offset")
    }

    func choice<E: RawRepresentable & CaseIterable>(_: E.Type) throws(PlanError) -> E where E.RawValue == String {
        let text = try string()
        guard let value = E(rawValue: text) else {
            throw error("\"\(text)\" is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
