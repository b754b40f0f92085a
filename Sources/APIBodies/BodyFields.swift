public import ICalendar
public import Scheduling

/// How bodies read the text forms of dates and times (one home for the words of the error).
public enum BodyFields {
    /// A local date and time, `YYYY-MM-DDTHH:MM` (in the plan's zone).
    public static func local(_ text: String, field: String? = nil) throws(BodyError) -> LocalDateTime {
        guard let t = LocalDateTime(iso: text) else {
            let name = field.map { "\($0): " } ?? ""
            throw BodyError(.malformed, "\(name)\"\(text)\" is not a local date and time (YYYY-MM-DDTHH:MM)")
        }
        return t
    }

    /// A panel seat as the API, the CLI and forms write it: `ROLE:PERSON`, and for a panelist
    /// `panelist:PERSON:MATTER` (person ids are slugs, without colons).
    public static func seat(_ text: String, field: String = "panel") throws(BodyError) -> PanelSeat {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let roles = PanelRole.allCases.map(\.rawValue).joined(separator: ", ")
        guard parts.count >= 2, let role = PanelRole(rawValue: parts[0]), !parts[1].isEmpty else {
            throw BodyError(.refused, "\(field): \"\(text)\" should be ROLE:PERSON[:MATTER], the role one of \(roles)")
        }
        let matter = parts.count == 3 && !parts[2].isEmpty ? parts[2] : nil
        if matter != nil, role != .panelist {
            throw BodyError(.refused, "\(field): \"\(text)\": only a panelist answers on a matter")
        }
        if role == .panelist, matter == nil {
            throw BodyError(.refused, "\(field): \"\(text)\": a panelist answers on a matter (panelist:PERSON:MATTER)")
        }
        if let matter, matter.contains(":") {
            throw BodyError(.refused, "\(field): \"\(text)\": a matter has no colon")
        }
        return PanelSeat(role: role, person: Spokesperson.ID(parts[1]), matter: matter)
    }

    /// A briefing's panel needs from their words (none when absent).
    public static func panelNeeds(_ words: [String]?) throws(BodyError) -> PanelNeeds {
        do { return try PanelNeeds(words: words ?? []) } catch { throw BodyError(.refused, "panel: \(error)") }
    }

    /// A day, `YYYY-MM-DD`, refused (422) by field name when it is not one.
    public static func day(_ text: String?, field: String, meaning: String = "YYYY-MM-DD") throws(BodyError)
        -> LocalDate
    {
        guard let text, let d = LocalDate(iso: text) else {
            let shown = text.map { "\"\($0)\" is not YYYY-MM-DD" } ?? meaning
            throw BodyError(.refused, "\(field): \(shown)")
        }
        return d
    }
}
