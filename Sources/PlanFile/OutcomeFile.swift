import ICalendar
public import Scheduling
import Yams

/// An outcomes file (docs/outcomes.md): what happened at many occurrences, the answers
/// promised there, and the written parts of yearly reports. The store checks the items
/// against the schedule; `place` turns its refusals back into file, line and field.
public struct OutcomeFile: Sendable {
    public var outcomes: [Outcome] = []
    public var followUps: [FollowUp] = []
    public var narratives: [(year: Int, agency: Agency.ID?, text: ReportNarrative)] = []
    let file: String
    /// Where every field of the file is, by its path (`outcomes[3].attendance.agencies`).
    let marks: [String: (line: Int, column: Int)]

    /// The file, line and field of a refused item: `kind` is outcome, follow-up or report.
    public func place(kind: String, index: Int, field: String, message: String) -> PlanError {
        let list = kind == "outcome" ? "outcomes" : kind == "follow-up" ? "follow-ups" : "report"
        var path = "\(list)[\(index)]" + (field.isEmpty ? "" : ".\(field)")
        // The deepest field the file has (a computed field such as `actual` may be absent).
        while marks[path] == nil, let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) {
            path = String(path[..<cut])
        }
        let mark = marks[path]
        return PlanError(file: file, line: mark?.line, column: mark?.column, field: path, message: message)
    }
}

extension PlanReader {
    /// Parses an outcomes file; every field is checked for form here, and against the
    /// schedule by the store.
    public static func readOutcomes(_ text: String, file: String) throws(PlanError) -> OutcomeFile {
        let root = try document(text, file: file)
        let top = try root.mapping(allowed: ["version", "outcomes", "follow-ups", "report"])
        if let version = top["version"] {
            guard try version.int(in: 1...1000) == 1 else {
                throw version.error("this Podium reads outcomes version 1")
            }
        }
        var marks: [String: (line: Int, column: Int)] = [:]
        collect(root, into: &marks)
        var out = OutcomeFile(file: file, marks: marks)
        for f in try top["outcomes"]?.list() ?? [] { out.outcomes.append(try outcome(f)) }
        for f in try top["follow-ups"]?.list() ?? [] { out.followUps.append(try followUp(f)) }
        for f in try top["report"]?.list() ?? [] { out.narratives.append(try narrative(f)) }
        return out
    }

    static func collect(_ f: YAMLField, into marks: inout [String: (line: Int, column: Int)]) {
        if let m = f.node.mark { marks[f.path] = (m.line, m.column) }
        switch f.node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                let child = YAMLField(node: value, path: f.path.isEmpty ? name : "\(f.path).\(name)", file: f.file)
                if let m = key.mark { marks[child.path] = (m.line, m.column) }
                collect(child, into: &marks)
            }
        case .sequence(let sequence):
            for (i, value) in sequence.enumerated() {
                collect(YAMLField(node: value, path: "\(f.path)[\(i)]", file: f.file), into: &marks)
            }
        default: break
        }
    }

    static func outcome(_ f: YAMLField) throws(PlanError) -> Outcome {
        let m = try f.mapping(allowed: [
            "occurrence", "result", "reason", "postponed-to", "actual", "speakers", "attendance", "questions",
            "materials", "note",
        ])
        let id = OccurrenceID(rawValue: try required(m, "occurrence", in: f).string())
        let reason = try m["reason"]?.string()
        let result: Outcome.Result
        let resultField = try required(m, "result", in: f)
        switch try resultField.string() {
        case "held":
            if let r = m["reason"] { throw r.error("a held briefing has no reason (use note:)") }
            result = .held
        case "not-held":
            guard let reason else { throw resultField.error("say why it was not held (reason:)") }
            result = .notHeld(reason: reason)
        case "postponed":
            guard let reason else { throw resultField.error("say why it was postponed (reason:)") }
            let to = try required(m, "postponed-to", in: f).string()
            result = .postponed(to: OccurrenceID(rawValue: to), reason: reason)
        case let other:
            throw resultField.error("\"\(other)\" is not one of: held, not-held, postponed")
        }
        if case .postponed = result {
        } else if let p = m["postponed-to"] {
            throw p.error("only a postponed briefing names the occurrence that took its place")
        }
        var o = Outcome(occurrence: id, result: result, note: try m["note"]?.string())
        if let a = m["actual"] {
            let times = try a.mapping(allowed: ["start", "end"])
            o.actualStart = try required(times, "start", in: a).localDateTime()
            o.actualEnd = try required(times, "end", in: a).localDateTime()
        }
        for s in try m["speakers"]?.list() ?? [] {
            let sm = try s.mapping(allowed: ["person", "name", "role"])
            let person = try sm["person"]?.string()
            let name = try sm["name"]?.string()
            guard person != nil || name != nil else { throw s.error("give person: (a roster id) or name:") }
            o.speakers.append(
                Outcome.Speaker(
                    person: person.map { Spokesperson.ID($0) },
                    name: name,
                    role: try required(sm, "role", in: s).choice(Outcome.SpeakerRole.self)
                )
            )
        }
        if let a = m["attendance"] {
            let am = try a.mapping(allowed: ["agencies", "journalists", "foreign-agencies", "foreign-journalists"])
            // Below zero is allowed through here so the one rule (OutcomeCheck) says why.
            o.attendance = Outcome.Attendance(
                agencies: try required(am, "agencies", in: a).int(in: -1_000_000...1_000_000),
                journalists: try required(am, "journalists", in: a).int(in: -1_000_000...1_000_000),
                foreignAgencies: try am["foreign-agencies"]?.int(in: -1_000_000...1_000_000) ?? 0,
                foreignJournalists: try am["foreign-journalists"]?.int(in: -1_000_000...1_000_000) ?? 0
            )
        }
        if let q = m["questions"] {
            let qm = try q.mapping(allowed: ["received", "answered"])
            o.questions = Outcome.Questions(
                received: try required(qm, "received", in: q).int(in: -1_000_000...1_000_000),
                answered: try required(qm, "answered", in: q).int(in: -1_000_000...1_000_000)
            )
        }
        if let x = m["materials"] {
            let xm = try x.mapping(allowed: ["press-release", "transcript", "recording"])
            o.materials = Outcome.Materials(
                pressRelease: try xm["press-release"]?.string(),
                transcript: try xm["transcript"]?.string(),
                recording: try xm["recording"]?.string()
            )
        }
        return o
    }

    static func followUp(_ f: YAMLField) throws(PlanError) -> FollowUp {
        let m = try f.mapping(allowed: ["occurrence", "outlet", "question", "promised", "answered"])
        return FollowUp(
            occurrence: OccurrenceID(rawValue: try required(m, "occurrence", in: f).string()),
            outlet: try required(m, "outlet", in: f).string(),
            question: try required(m, "question", in: f).string(),
            promised: try required(m, "promised", in: f).date(),
            answered: try m["answered"]?.date()
        )
    }

    static func narrative(_ f: YAMLField) throws(PlanError) -> (year: Int, agency: Agency.ID?, text: ReportNarrative) {
        let m = try f.mapping(allowed: [
            "year", "agency", "number", "date", "place", "achievements", "shortcomings", "directions", "signer",
        ])
        let agency = try m["agency"]?.string()
        return (
            try required(m, "year", in: f).int(in: 1990...2200),
            agency.map { Agency.ID($0) },
            ReportNarrative(
                number: try m["number"]?.string() ?? "",
                date: try m["date"]?.date(),
                place: try m["place"]?.string() ?? "",
                achievements: try m["achievements"]?.string() ?? "",
                shortcomings: try m["shortcomings"]?.string() ?? "",
                directions: try m["directions"]?.string() ?? "",
                signer: try m["signer"]?.string() ?? ""
            )
        )
    }
}
