import Foundation
import ICalendar

/// The outcome of automatic assignment: assignments, why each choice was made, what could
/// not be covered and why, and kept assignments a hard constraint forced to move.
public struct AssignmentOutcome: Sendable {
    public struct Explanation: Hashable, Sendable {
        public var chosen: String
        /// Every other person considered, with why not.
        public var others: [Spokesperson.ID: String]
    }

    public var assignments: [OccurrenceID: Assignment]
    public var explanations: [OccurrenceID: Explanation]
    /// Occurrences with no valid primary, and each person's reason.
    public var uncovered: [OccurrenceID: [Spokesperson.ID: String]]
    /// Locked or published assignments that had to move, and the constraint that forced it.
    public var forced: [OccurrenceID: String]
}

/// Automatic assignment over a window.
///
/// Hard constraints (never violated): entitled to speak for the organiser on that matter
/// and date, the briefing's languages, available, not double-booked (buffer included),
/// within the weekly maximum. Goals: fair weighted load, continuity within a series, and
/// stability — locked, published or manual assignments stay unless a hard constraint
/// forces a move, which is reported. Completeness: the greedy pass (most constrained
/// occurrence first, lightest-loaded person) is followed, when something is left
/// uncovered, by an exact backtracking search over the open occurrences (bounded by
/// `searchLimit` nodes); uncovered occurrences are reported only when the search proves
/// no cover exists or the bound is reached (then said so).
public struct AutoAssigner: Sendable {
    public var weights: LoadWeights
    public var backups: Int
    public var searchLimit: Int

    public init(weights: LoadWeights = LoadWeights(), backups: Int = 1, searchLimit: Int = 200_000) {
        self.weights = weights
        self.backups = backups
        self.searchLimit = searchLimit
    }

    public func assign(_ occurrences: [Occurrence], roster: Roster) -> AssignmentOutcome {
        let happening = occurrences.filter(\.isHappening).sorted { ($0.startInstant, $0.id) < ($1.startInstant, $1.id) }
        let people = roster.people.values.sorted { $0.id < $1.id }
        var bookings = Bookings()
        var result: [OccurrenceID: Assignment] = [:]
        var explanations: [OccurrenceID: AssignmentOutcome.Explanation] = [:]
        var forced: [OccurrenceID: String] = [:]
        var candidates: [OccurrenceID: [Spokesperson]] = [:]
        var staticReasons: [OccurrenceID: [Spokesperson.ID: String]] = [:]
        for o in happening {
            var ok: [Spokesperson] = []
            for p in people {
                if let r = StaticConstraints.refusal(p, for: o) {
                    staticReasons[o.id, default: [:]][p.id] = r.description
                } else {
                    ok.append(p)
                }
            }
            candidates[o.id] = ok
        }
        // 1. Keep locked, published and manual assignments that still satisfy every hard constraint.
        var open: [Occurrence] = []
        for o in happening {
            let existing = roster.assignments[o.id]
            if let existing, let primary = existing.primary,
                existing.locked || existing.published || primary.source == .manual
            {
                if let p = roster.people[primary.person] {
                    if let r = StaticConstraints.refusal(p, for: o) ?? bookings.refusal(p, for: o) {
                        forced[o.id] = "\(p.name): \(r)"
                    } else {
                        bookings.book(p.id, o, weight: weights.weight(o))
                        result[o.id] = existing
                        explanations[o.id] = .init(
                            chosen:
                                "kept (\(existing.locked ? "locked" : existing.published ? "published" : "manual"))",
                            others: [:]
                        )
                        continue
                    }
                } else {
                    forced[o.id] = "\(primary.person) is no longer on the roster"
                }
            }
            open.append(o)
        }
        // 2. Greedy: most constrained first; lightest weighted load, then continuity, stability.
        var previousInSeries: [RegularSeries.ID: Spokesperson.ID] = [:]
        open.sort {
            (candidates[$0.id]!.count, $0.startInstant, $0.id) < (candidates[$1.id]!.count, $1.startInstant, $1.id)
        }
        var unresolved: [Occurrence] = []
        for o in open {
            let feasible = candidates[o.id]!.filter { bookings.refusal($0, for: o) == nil }
            guard !feasible.isEmpty else {
                unresolved.append(o)
                continue
            }
            let chosen = best(feasible, o, bookings, roster.assignments[o.id], previousInSeries)
            bookings.book(chosen.id, o, weight: weights.weight(o))
            if let s = o.seriesID { previousInSeries[s] = chosen.id }
            result[o.id] = Assignment(
                occurrence: o.id,
                primary: .init(person: chosen.id, source: .automatic),
                revision: roster.assignments[o.id]?.revision ?? 0
            )
        }
        // 3. Exact search when the greedy pass left something open.
        var searchExhausted = true
        if !unresolved.isEmpty {
            let (solution, complete) = exactCover(
                open,
                candidates: candidates,
                bookings: bookingsWithout(open, from: bookings, result)
            )
            searchExhausted = complete
            if let solution {
                bookings = bookingsWithout(open, from: bookings, result)
                for o in open {
                    let p = solution[o.id]!
                    bookings.book(p, o, weight: weights.weight(o))
                    result[o.id] = Assignment(
                        occurrence: o.id,
                        primary: .init(person: p, source: .automatic),
                        revision: roster.assignments[o.id]?.revision ?? 0
                    )
                }
                unresolved = []
            }
        }
        var uncovered: [OccurrenceID: [Spokesperson.ID: String]] = [:]
        for o in unresolved {
            var reasons = staticReasons[o.id] ?? [:]
            for p in candidates[o.id]! {
                reasons[p.id] = bookings.refusal(p, for: o)?.description ?? "free, but no complete cover was found"
            }
            if !searchExhausted {
                reasons[Spokesperson.ID("(search)")] = "search bound of \(searchLimit) nodes reached"
            }
            uncovered[o.id] = reasons
        }
        // 4. Backups and explanations.
        var backupLoad: [Spokesperson.ID: Int] = [:]
        for o in happening {
            guard var a = result[o.id] else { continue }
            if a.backups.isEmpty || !(a.locked || a.published) {
                let pool = candidates[o.id]!.filter {
                    $0.id != a.primary?.person && bookings.refusal($0, for: o) == nil
                }
                .sorted { (backupLoad[$0.id] ?? 0, $0.id) < (backupLoad[$1.id] ?? 0, $1.id) }
                a.backups = pool.prefix(backups).map { .init(person: $0.id, source: .automatic) }
                for b in a.backups { backupLoad[b.person, default: 0] += 1 }
                result[o.id] = a
            }
            if explanations[o.id] == nil, let chosen = a.primary?.person {
                var others = staticReasons[o.id] ?? [:]
                for p in candidates[o.id]! where p.id != chosen {
                    others[p.id] =
                        "eligible; weighted load \(format(bookings.load[p.id] ?? 0)) vs \(format(bookings.load[chosen] ?? 0)) for the chosen person"
                }
                explanations[o.id] = .init(
                    chosen:
                        "\(roster.people[chosen]?.name ?? chosen.rawValue): eligible (\(candidates[o.id]!.count) of \(people.count)), lowest weighted load",
                    others: others
                )
            }
        }
        return AssignmentOutcome(assignments: result, explanations: explanations, uncovered: uncovered, forced: forced)
    }

    private func format(_ x: Double) -> String { String(format: "%.1f", x) }

    private func best(
        _ feasible: [Spokesperson],
        _ o: Occurrence,
        _ bookings: Bookings,
        _ existing: Assignment?,
        _ previous: [RegularSeries.ID: Spokesperson.ID]
    ) -> Spokesperson {
        func score(_ p: Spokesperson) -> Double {
            var s = bookings.load[p.id] ?? 0
            if let series = o.seriesID, previous[series] == p.id { s -= 0.5 }  // continuity
            if existing?.primary?.person == p.id { s -= 1.0 }  // stability across re-runs
            return s
        }
        return feasible.min { (score($0), $0.id) < (score($1), $1.id) }!
    }

    private func bookingsWithout(_ open: [Occurrence], from bookings: Bookings, _ result: [OccurrenceID: Assignment])
        -> Bookings
    {
        var b = bookings
        for o in open { if let p = result[o.id]?.primary?.person { b.unbook(p, o, weight: weights.weight(o)) } }
        return b
    }

    /// Depth-first search for a primary for every open occurrence (most constrained first),
    /// returning a solution if one exists and whether the search ran to completion.
    private func exactCover(
        _ open: [Occurrence],
        candidates: [OccurrenceID: [Spokesperson]],
        bookings: Bookings
    ) -> ([OccurrenceID: Spokesperson.ID]?, Bool) {
        let order = open.sorted {
            (candidates[$0.id]!.count, $0.startInstant) < (candidates[$1.id]!.count, $1.startInstant)
        }
        var state = bookings
        var chosen: [OccurrenceID: Spokesperson.ID] = [:]
        var nodes = 0
        func search(_ i: Int) -> Bool {
            if i == order.count { return true }
            nodes += 1
            if nodes > searchLimit { return false }
            let o = order[i]
            let options = candidates[o.id]!.filter { state.refusal($0, for: o) == nil }
                .sorted { (state.load[$0.id] ?? 0, $0.id) < (state.load[$1.id] ?? 0, $1.id) }
            for p in options {
                state.book(p.id, o, weight: 1)
                chosen[o.id] = p.id
                if search(i + 1) { return true }
                state.unbook(p.id, o, weight: 1)
                chosen[o.id] = nil
                if nodes > searchLimit { return false }
            }
            return false
        }
        let found = search(0)
        return (found ? chosen : nil, nodes <= searchLimit)
    }
}
