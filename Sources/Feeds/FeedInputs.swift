public import Scheduling

extension SpokespersonFeed {
    /// A person's feed: their assignments as primary or backup, with the reason as a
    /// preparation note and the others on each briefing named.
    public init?(roster: Roster, person id: Spokesperson.ID) {
        guard let person = roster.people[id] else { return nil }
        var roles: [OccurrenceID: Role] = [:]
        var notes: [OccurrenceID: String] = [:]
        var others: [OccurrenceID: [String]] = [:]
        var revisions: [OccurrenceID: Int] = [:]
        for (occurrence, a) in roster.assignments {
            guard a.people.contains(id) else { continue }
            revisions[occurrence] = a.revision
            roles[occurrence] = a.primary?.person == id ? .primary : .backup
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

extension FeedBuilder {
    /// The CONTACT line of each assigned occurrence: the primary spokesperson's published
    /// details only (name, title, phone, e-mail; R-SPOKES-PUBLISHED).
    public static func contacts(from roster: Roster) -> [OccurrenceID: String] {
        var out: [OccurrenceID: String] = [:]
        for (id, a) in roster.assignments {
            if let p = a.primary.flatMap({ roster.people[$0.person] }) { out[id] = p.publishedLine }
        }
        return out
    }
}
