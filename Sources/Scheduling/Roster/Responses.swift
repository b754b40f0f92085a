/// A spokesperson's answers to an assignment (issue: spokespeople answer — acknowledge,
/// decline, swap). The rules of who may step in are the automatic assigner's
/// (`StaticConstraints`: entitled for the organiser and the matter, active, available,
/// speaking the languages), so an answer never makes an assignment the checks would refuse.
public enum Responses {
    /// People on the roster who could take `person`'s place at `o` in `a`: not already on it,
    /// and refused by none of the static rules. Sorted by name.
    public static func candidates(
        for a: Assignment,
        replacing person: Spokesperson.ID,
        at o: Occurrence,
        roster: Roster
    )
        -> [Spokesperson.ID]
    {
        let taken = Set(a.people)
        return roster.people.values.filter { p in
            p.id != person && !taken.contains(p.id) && StaticConstraints.refusal(p, for: o) == nil
        }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map(\.id)
    }

    /// What a decline leaves: the decliner is taken off; when they were the primary, the
    /// first backup the rules still accept becomes primary — unless the assignment is
    /// locked, which only the secretariat changes (it is left without a primary, and the
    /// checks report it uncovered).
    public static func decline(_ a: Assignment, by person: Spokesperson.ID, at o: Occurrence, roster: Roster)
        -> (assignment: Assignment, promoted: Spokesperson.ID?)
    {
        var out = a
        out.backups.removeAll { $0.person == person }
        guard a.primary?.person == person else { return (out, nil) }
        out.primary = nil
        guard !a.locked,
            let next = out.backups.first(where: { b in
                roster.people[b.person].map { StaticConstraints.refusal($0, for: o) == nil } ?? false
            })
        else { return (out, nil) }
        out.backups.removeAll { $0.person == next.person }
        out.primary = next
        return (out, next.person)
    }

    /// `from`'s place (primary or backup) given to `to`.
    public static func swap(_ a: Assignment, from: Spokesperson.ID, to: Spokesperson.ID) -> Assignment {
        var out = a
        if out.primary?.person == from { out.primary = .init(person: to, source: .manual) }
        out.backups = out.backups.map { $0.person == from ? .init(person: to, source: .manual) : $0 }
        return out
    }
}
