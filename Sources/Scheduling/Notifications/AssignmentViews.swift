extension NoticePlanner {
    /// What every assigned person sees of the occurrences in `only` (all when nil), in this
    /// schedule and roster. An assignment whose occurrence no longer resolves (its series was
    /// shortened) shows nothing, so its people are told it is withdrawn.
    public static func views(
        _ schedule: Schedule,
        _ roster: Roster,
        engine: OccurrenceEngine,
        only: Set<OccurrenceID>? = nil
    ) -> [Key: AssignmentView] {
        var out: [Key: AssignmentView] = [:]
        for (id, a) in roster.assignments where only?.contains(id) ?? true {
            guard let o = try? engine.resolve(id, in: schedule).occurrence else { continue }
            let venue = o.venue.map { schedule.venues[$0]?.name.vi ?? $0.rawValue }
            let sequence = max(o.revision, a.revision)
            func view(_ person: Spokesperson.ID, _ role: AssignmentView.Role) -> AssignmentView {
                AssignmentView(
                    occurrence: o.id,
                    person: person,
                    role: role,
                    title: o.title,
                    start: o.start,
                    end: o.end,
                    timeZone: o.timeZone,
                    startInstant: o.startInstant,
                    venue: venue,
                    status: o.status,
                    sequence: sequence
                )
            }
            for p in a.people {
                if let role = a.role(of: p) { out[Key(occurrence: o.id, person: p)] = view(p, role) }
            }
        }
        return out
    }
}
