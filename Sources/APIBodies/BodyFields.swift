public import ICalendar

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
