/// What is wrong with one assignment on its own: the one home of the rules an `assign`,
/// a `swap` or an API write must pass before it is stored (Decree 09/2017 Art. 3 for
/// entitlement; availability and languages as in automatic assignment).
public struct AssignmentCheck: Sendable {
    /// A person the assignment names and why they cannot take it.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var person: Spokesperson.ID
        /// "primary", "backup" or a panel role ("chair", "panelist", "moderator", "interpreter").
        public var role: String
        /// Nil when the person is not on the roster.
        public var refusal: Refusal?

        /// Refused outright: someone not on the roster, or not entitled to speak. Other
        /// problems (leave, languages) are warnings the secretariat may override.
        public var isBlocking: Bool {
            guard let refusal else { return true }
            switch refusal {
            case .notEntitled, .alsoNamed: return true
            default: return false
            }
        }

        public var description: String {
            guard let refusal else { return "\(role) \(person) is not on the roster" }
            return "\(role) \(person) is \(refusal)"
        }

        /// The problem for a page, in `language`, the person by name and the role in words.
        public func text(_ language: Language, name: (Spokesperson.ID) -> String) -> String {
            let who = (AssignmentView.Role(rawValue: role)?.phrase(language) ?? role) + " " + name(person)
            guard let refusal else {
                return who + (language == .en ? " is not on the roster" : " không có trong danh sách")
            }
            return who + (language == .en ? " is " : ": ") + refusal.text(language)
        }
    }

    public init() {}

    /// Why `p` may not take a seat of `o`'s panel (the role's rule and their presence), if
    /// anything: what a form offers for each seat.
    public func refusal(_ p: Spokesperson, as role: PanelRole, matter: String?, for o: Occurrence) -> Refusal? {
        StaticConstraints.refusal(p, as: role, matter: matter, for: o)
    }

    /// Everyone named a second time on one assignment: one person, one role — except that
    /// the chair may also be the spokesperson or a backup (the chair speaks for the organiser
    /// anyway: the usual case when few people may). In reading order: primary, panel, backups.
    public static func alsoNamed(_ a: Assignment) -> [(person: Spokesperson.ID, role: String, first: String)] {
        var seen: [Spokesperson.ID: String] = [:]
        var out: [(Spokesperson.ID, String, String)] = []
        let named =
            (a.primary.map { [($0.person, "primary")] } ?? []) + a.panel.map { ($0.person, $0.role.rawValue) }
            + a.backups.map { ($0.person, "backup") }
        for (person, role) in named {
            if let first = seen[person] {
                let chairToo = (first == "primary" && role == "chair") || (first == "chair" && role == "backup")
                if !chairToo { out.append((person, role, first)) }
            } else {
                seen[person] = role
            }
        }
        return out
    }

    /// The problems of `assignment` for occurrence `o`: primary first, then backups in order,
    /// then the panel's seats.
    public func problems(_ assignment: Assignment, for o: Occurrence, roster: Roster) -> [Problem] {
        var out: [Problem] = []
        let named =
            [assignment.primary.map { ($0.person, "primary") }].compactMap { $0 }
            + assignment.backups.map { ($0.person, "backup") }
        for (person, role) in named {
            guard let p = roster.people[person] else {
                out.append(Problem(person: person, role: role, refusal: nil))
                continue
            }
            if let r = StaticConstraints.refusal(p, for: o) {
                out.append(Problem(person: person, role: role, refusal: r))
            }
        }
        out += Self.alsoNamed(assignment).map {
            Problem(person: $0.person, role: $0.role, refusal: .alsoNamed(as: $0.first))
        }
        // Each panel seat by its own role's rule.
        for seat in assignment.panel {
            guard let p = roster.people[seat.person] else {
                out.append(Problem(person: seat.person, role: seat.role.rawValue, refusal: nil))
                continue
            }
            if let r = StaticConstraints.refusal(p, as: seat.role, matter: seat.matter, for: o) {
                out.append(Problem(person: seat.person, role: seat.role.rawValue, refusal: r))
            }
        }
        return out
    }
}
