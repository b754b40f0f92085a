public import Scheduling

extension SpokespersonFeed {
    /// A person's feed: their assignments (as primary, backup or on the panel), with the
    /// reason as a preparation note and the other speakers named (the panel is in every
    /// event's description, `FeedPeople`).
    public init?(roster: Roster, person id: Spokesperson.ID) {
        guard let person = roster.people[id] else { return nil }
        var roles: [OccurrenceID: Role] = [:]
        var notes: [OccurrenceID: String] = [:]
        var others: [OccurrenceID: [String]] = [:]
        var revisions: [OccurrenceID: Int] = [:]
        for (occurrence, a) in roster.assignments {
            guard a.people.contains(id) else { continue }
            revisions[occurrence] = a.revision
            roles[occurrence] = a.role(of: id)
            if let reason = a.reason { notes[occurrence] = reason }
            var lines: [String] = []
            if let p = a.primary?.person, p != id {
                lines.append("Người phát ngôn chính: \(roster.people[p]?.name ?? p.rawValue)")
            }
            for b in a.backups where b.person != id {
                lines.append("Dự phòng: \(roster.people[b.person]?.name ?? b.person.rawValue)")
            }
            others[occurrence] = lines
        }
        self.init(name: person.name, email: person.contact.email, roles: roles, notes: notes, others: others)
        self.revisions = revisions
    }
}

/// Who each occurrence's event names: the spokesperson's published details for CONTACT, and
/// the panel in the reader's language (name, title in that language, the matter a panelist
/// answers on). Only published details: no phone or e-mail for the panel.
public struct FeedPeople: Sendable {
    public struct Member: Hashable, Sendable {
        public var role: PanelRole
        public var name: String
        public var title: BilingualText
        public var matter: String?

        /// "Chủ trì: Lê Văn Cường, Phó Chủ tịch UBND tỉnh" / "Chair: Lê Văn Cường, Vice Chairman …".
        public func line(_ language: Language) -> String {
            "\(role.name(language)): \(name), \(title.text(language))" + (matter.map { " (\($0))" } ?? "")
        }
    }

    /// The CONTACT line per occurrence: the primary spokesperson's published details only
    /// (name, title, phone, e-mail; R-SPOKES-PUBLISHED), the title in each language.
    public var contacts: [OccurrenceID: BilingualText] = [:]
    public var panels: [OccurrenceID: [Member]] = [:]

    public init() {}

    /// The people of every assigned occurrence, or of one (`only`, for a page).
    public init(_ roster: Roster, only: OccurrenceID? = nil) {
        let assignments = only.map { id in roster.assignments[id].map { [id: $0] } ?? [:] } ?? roster.assignments
        for (id, a) in assignments {
            if let p = a.primary.flatMap({ roster.people[$0.person] }) {
                contacts[id] = BilingualText(vi: p.publishedLine(.vi), en: p.titleEn.map { _ in p.publishedLine(.en) })
            }
            let members = PanelSeat.reading(a.panel).compactMap { s in
                roster.people[s.person].map {
                    Member(
                        role: s.role,
                        name: $0.name,
                        title: BilingualText(vi: $0.title, en: $0.titleEn),
                        matter: s.matter
                    )
                }
            }
            if !members.isEmpty { panels[id] = members }
        }
    }
}
