/// Who speaks at one occurrence: a primary and ordered backups, each with where the choice
/// came from, plus a lock and the reason; changes are kept as history.
public struct Assignment: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable, Codable, CaseIterable {
        case manual, rotation, automatic
    }

    public struct Slot: Hashable, Sendable {
        public var person: Spokesperson.ID
        public var source: Source
        public init(person: Spokesperson.ID, source: Source) {
            self.person = person
            self.source = source
        }
    }

    public var occurrence: OccurrenceID
    public var primary: Slot?
    public var backups: [Slot]
    /// The panel besides the spokesperson (chair, panelists, moderator, interpreter).
    public var panel: [PanelSeat]
    /// A locked assignment is never moved by automatic assignment unless a hard constraint forces it.
    public var locked: Bool
    public var reason: String?
    public var revision: Int

    public init(
        occurrence: OccurrenceID,
        primary: Slot?,
        backups: [Slot] = [],
        panel: [PanelSeat] = [],
        locked: Bool = false,
        reason: String? = nil,
        revision: Int = 0
    ) {
        self.occurrence = occurrence
        self.primary = primary
        self.backups = backups
        self.panel = panel
        self.locked = locked
        self.reason = reason
        self.revision = revision
    }

    /// What `person` is at the briefing: the spokesperson, a panel seat (the first one they
    /// hold), or a backup; nil when the assignment does not name them.
    public func role(of person: Spokesperson.ID) -> AssignmentView.Role? {
        if primary?.person == person { return .primary }
        if let seat = panel.first(where: { $0.person == person }) { return AssignmentView.Role(seat.role) }
        return backups.contains { $0.person == person } ? .backup : nil
    }

    /// Everyone the assignment names, each once: the spokesperson, the panel, the backups.
    /// They all see the briefing in their own feed, answer it and are told of its changes.
    public var people: [Spokesperson.ID] {
        var seen = Set<Spokesperson.ID>()
        return ((primary.map { [$0.person] } ?? []) + panel.map(\.person) + backups.map(\.person)).filter {
            seen.insert($0).inserted
        }
    }
}

/// The roster: people and their assignments.
public struct Roster: Sendable {
    public var people: [Spokesperson.ID: Spokesperson]
    public var assignments: [OccurrenceID: Assignment]

    public init(people: [Spokesperson] = [], assignments: [Assignment] = []) {
        self.people = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        self.assignments = Dictionary(assignments.map { ($0.occurrence, $0) }, uniquingKeysWith: { _, b in b })
    }
}
