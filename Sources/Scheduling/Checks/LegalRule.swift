public import ICalendar

/// A rule the checks apply, as effective-dated data (R-LEGAL-VERSIONING, docs/law.md): what
/// it requires, where the law says so, when it is in force and for which levels. The rules
/// live in `calendars/rules/vietnam.yaml`, and a province adds its own stricter ones in its
/// plan (`local-rules:`), so nothing needs a rebuild when the law changes.
public struct LegalRule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What the checks measure for the rule.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A press conference at least every `months` months (regular or planned ones count).
        case periodicConference = "periodic-conference"
        /// Press information (any form) at least every `months` months.
        case periodicInformation = "periodic-information"
        /// A first statement within `hours` of the trigger.
        case adhocDeadline = "adhoc-deadline"
        /// Only the head, the spokesperson or an authorised person speaks.
        case speakerRoles = "speaker-roles"
        /// The spokesperson's name, title, phone and e-mail are published.
        case contactPublished = "contact-published"
        /// No regular briefing on a day off.
        case noDayOff = "no-day-off"
        /// Regular briefings within office hours.
        case officeHours = "office-hours"
    }

    /// Whether the text was checked, or only the date of a change is known (the content of a
    /// successor text is then not invented: the previous parameters stand as placeholders).
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case inForce = "in-force"
        case toConfirm = "to-confirm"
    }

    /// Where the law says so: document number, article, clause, point.
    public struct Basis: Hashable, Sendable, Codable, CustomStringConvertible {
        public var document: String
        public var article: String?
        public var clause: String?
        public var point: String?

        public init(document: String, article: String? = nil, clause: String? = nil, point: String? = nil) {
            self.document = document
            self.article = article
            self.clause = clause
            self.point = point
        }

        /// "Nghị định 09/2017/NĐ-CP Art. 5(2)(b)".
        public var description: String {
            guard let article else { return document }
            return "\(document) Art. \(article)" + (clause.map { "(\($0))" } ?? "") + (point.map { "(\($0))" } ?? "")
        }
    }

    public var id: String
    public var kind: Kind
    public var title: BilingualText
    public var basis: Basis
    public var validFrom: LocalDate
    public var validTo: LocalDate?
    public var status: Status
    /// The agency levels it binds.
    public var levels: Set<Agency.Level>
    /// The numbers the rule names (`months`, `hours`).
    public var parameters: [String: Int]
    /// For a province's local rule: the agencies it binds (and those under them); nil for a
    /// national rule.
    public var scope: [Agency.ID]?

    public init(
        id: String,
        kind: Kind,
        title: BilingualText,
        basis: Basis,
        validFrom: LocalDate,
        validTo: LocalDate? = nil,
        status: Status = .inForce,
        levels: Set<Agency.Level>,
        parameters: [String: Int] = [:],
        scope: [Agency.ID]? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.basis = basis
        self.validFrom = validFrom
        self.validTo = validTo
        self.status = status
        self.levels = levels
        self.parameters = parameters
        self.scope = scope
    }

    public func isInForce(on date: LocalDate) -> Bool { validFrom <= date && (validTo.map { date <= $0 } ?? true) }

    /// The basis as findings show it, with the version (its first day) and, when the content
    /// is not confirmed, a warning saying so.
    public var citation: String {
        "\(basis) (version of \(validFrom))"
            + (status == .toConfirm ? " — to confirm: the text is not verified" : "")
    }

    public var description: String {
        "\(id) [\(kind.rawValue)] \(validFrom)…\(validTo.map { "\($0)" } ?? "") \(status.rawValue): \(basis)"
            + (parameters.isEmpty
                ? "" : " " + parameters.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: ","))
    }
}

extension Array where Element == LegalRule {
    /// The rules in force on a date, of a kind.
    public func inForce(_ kind: LegalRule.Kind, on date: LocalDate) -> [LegalRule] {
        filter { $0.kind == kind && $0.isInForce(on: date) }
    }
}

extension Array where Element == LegalRule {
    /// Why these local rules may not be taken, or nil: a province may add rules stricter
    /// than the national ones, never laxer (a monthly conference where the law says at least
    /// one every three months is stricter; one every six months is not) — Decree 09/2017
    /// Art. 5 sets the minimum. Every door that takes local rules (plan import, upload) asks
    /// this.
    public func laxer(than national: [LegalRule]) -> String? {
        for r in self {
            for n in national.inForce(r.kind, on: r.validFrom) where n.scope == nil {
                for (name, value) in r.parameters.sorted(by: { $0.key < $1.key }) {
                    if let limit = n.parameters[name], value > limit {
                        return
                            "local rule \(r.id): \(name) \(value) is laxer than \(n.id)'s \(limit); a province may only be stricter"
                    }
                }
            }
        }
        return nil
    }
}
