import Foundation
import ICalendar

/// The outcome of automatic assignment: assignments, why each choice was made, what could
/// not be covered and why, and kept assignments a hard constraint forced to move.
public struct AssignmentOutcome: Sendable {
    /// Why a person was chosen, or not. Kept as values and rendered on demand, so a
    /// national run does not format millions of sentences nobody reads.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        case refused(Refusal)
        /// Eligible, but the chosen person had the lighter weighted load.
        case heavierLoad(theirs: Double, chosen: Double)
        case lightestLoad(eligible: Int, of: Int, load: Double)
        case kept(String)
        case noCompleteCover
        case searchNotRun(open: Int, limit: Int)
        case searchBound(Int)

        public var description: String {
            switch self {
            case .refused(let r): return r.description
            case .heavierLoad(let theirs, let chosen):
                return "eligible; weighted load \(Self.format(theirs)) vs \(Self.format(chosen)) for the chosen person"
            case .lightestLoad(let eligible, let total, let load):
                return "eligible (\(eligible) of \(total) people), lowest weighted load (\(Self.format(load)))"
            case .kept(let why): return "kept (\(why))"
            case .noCompleteCover: return "free, but no complete cover was found"
            case .searchNotRun(let open, let limit):
                return "exact search not run: \(open) open briefings (more than \(limit))"
            case .searchBound(let nodes): return "search bound of \(nodes) nodes reached"
            }
        }

        static func format(_ x: Double) -> String { String((x * 10).rounded() / 10) }
    }

    public struct Explanation: Hashable, Sendable {
        public var chosen: Spokesperson.ID?
        public var why: Reason
        /// Every other person entitled for the organiser, with why not.
        public var others: [Spokesperson.ID: Reason]
    }

    public var assignments: [OccurrenceID: Assignment]
    public var explanations: [OccurrenceID: Explanation]
    /// Occurrences with no valid primary, and each person's reason.
    public var uncovered: [OccurrenceID: [Spokesperson.ID: Reason]]
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
        // Internally everything is by index (occurrences, people): a national run has ~150,000
        // briefings, and hashing string ids or copying large structs dominated the time.
        let occ = occurrences.filter(\.isHappening)
        let order = occ.indices.sorted { (occ[$0].startInstant, occ[$0].id) < (occ[$1].startInstant, occ[$1].id) }
        let people = roster.people.values.sorted { $0.id < $1.id }
        let personIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.id, $0) })
        let weight = occ.map(weights.weight)
        var pools: [Agency.ID: [Int]] = [:]
        for (k, p) in people.enumerated() {
            for agency in Set(p.entitlements.map(\.agency)) { pools[agency, default: []].append(k) }
        }
        var candidates = [[Int]](repeating: [], count: occ.count)
        var staticReasons = [[(Int, Refusal)]](repeating: [], count: occ.count)
        for i in occ.indices {
            for k in pools[occ[i].organizer] ?? [] {
                if let r = StaticConstraints.refusal(people[k], for: occ[i]) {
                    staticReasons[i].append((k, r))
                } else {
                    candidates[i].append(k)
                }
            }
        }
        var load = LoadState(people: people, occurrences: occ)
        var primary = [Int?](repeating: nil, count: occ.count)
        var kept = [Bool](repeating: false, count: occ.count)
        var forced: [OccurrenceID: String] = [:]
        // 1. Keep locked, published and manual assignments that still satisfy every hard constraint.
        var open: [Int] = []
        for i in order {
            let o = occ[i]
            if let existing = roster.assignments[o.id], let slot = existing.primary,
                existing.locked || existing.published || slot.source == .manual
            {
                if let k = personIndex[slot.person] {
                    if let r = StaticConstraints.refusal(people[k], for: o) ?? load.refusal(k, i) {
                        forced[o.id] = "\(people[k].name): \(r)"
                    } else {
                        load.book(k, i, weight: weight[i])
                        primary[i] = k
                        kept[i] = true
                        continue
                    }
                } else {
                    forced[o.id] = "\(slot.person) is no longer on the roster"
                }
            }
            open.append(i)
        }
        // 2. Greedy: most constrained first; lightest weighted load, then continuity, stability.
        var previousInSeries: [RegularSeries.ID: Int] = [:]
        let byConstraint = open.sorted { (candidates[$0].count, $0) < (candidates[$1].count, $1) }
        var unresolved: [Int] = []
        for i in byConstraint {
            let o = occ[i]
            let stable = roster.assignments[o.id]?.primary.flatMap { personIndex[$0.person] }
            let previous = o.seriesID.flatMap { previousInSeries[$0] }
            var best: (score: Double, k: Int)?
            for k in candidates[i] where load.refusal(k, i) == nil {
                var score = load.load[k]
                if k == previous { score -= 0.5 }  // continuity
                if k == stable { score -= 1.0 }  // stability across re-runs
                if best == nil || (score, k) < (best!.score, best!.k) { best = (score, k) }
            }
            guard let chosen = best?.k else {
                unresolved.append(i)
                continue
            }
            load.book(chosen, i, weight: weight[i])
            primary[i] = chosen
            if let s = o.seriesID { previousInSeries[s] = chosen }
        }
        // 3. Repair: free a blocked candidate by moving their conflicting briefing to someone else.
        unresolved = unresolved.filter { i in !repair(i, candidates, kept, weight, &load, &primary) }
        // 4. Exact search when something is still open and the instance is small enough.
        var searchExhausted = true
        if !unresolved.isEmpty && open.count > Self.exactSearchSize {
            searchExhausted = false
        } else if !unresolved.isEmpty {
            for i in open { if let k = primary[i] { load.unbook(k, i, weight: weight[i]) } }
            let (solution, complete) = exactCover(open, candidates, load)
            searchExhausted = complete
            if let solution {
                for (i, k) in solution {
                    primary[i] = k
                    load.book(k, i, weight: weight[i])
                }
                unresolved = []
            } else {
                for i in open { if let k = primary[i] { load.book(k, i, weight: weight[i]) } }
            }
        }
        // 5. Results, backups and explanations.
        var result: [OccurrenceID: Assignment] = [:]
        var explanations: [OccurrenceID: AssignmentOutcome.Explanation] = [:]
        result.reserveCapacity(occ.count)
        explanations.reserveCapacity(occ.count)
        var backupLoad = [Int](repeating: 0, count: people.count)
        for i in order {
            let o = occ[i]
            guard let k = primary[i] else { continue }
            let existing = roster.assignments[o.id]
            var a: Assignment
            if kept[i], let existing {
                a = existing
            } else {
                a = Assignment(
                    occurrence: o.id,
                    primary: .init(person: people[k].id, source: .automatic),
                    revision: existing?.revision ?? 0
                )
            }
            if a.backups.isEmpty || !(a.locked || a.published) {
                let pool = candidates[i].filter { $0 != k && load.refusal($0, i) == nil }.sorted {
                    (backupLoad[$0], $0) < (backupLoad[$1], $1)
                }
                a.backups = pool.prefix(backups).map { .init(person: people[$0].id, source: .automatic) }
                for b in pool.prefix(backups) { backupLoad[b] += 1 }
            }
            result[o.id] = a
            var others: [Spokesperson.ID: AssignmentOutcome.Reason] = [:]
            for (j, r) in staticReasons[i] { others[people[j].id] = .refused(r) }
            if kept[i] {
                explanations[o.id] = .init(
                    chosen: people[k].id,
                    why: .kept(a.locked ? "locked" : a.published ? "published" : "manual"),
                    others: others
                )
                continue
            }
            // Why not the others: everyone entitled for the organiser, with the reason.
            for j in candidates[i] where j != k {
                others[people[j].id] =
                    load.refusal(j, i).map { .refused($0) } ?? .heavierLoad(theirs: load.load[j], chosen: load.load[k])
            }
            explanations[o.id] = .init(
                chosen: people[k].id,
                why: .lightestLoad(eligible: candidates[i].count, of: people.count, load: load.load[k]),
                others: others
            )
        }
        var uncovered: [OccurrenceID: [Spokesperson.ID: AssignmentOutcome.Reason]] = [:]
        for i in unresolved {
            // Every person is accounted for: the pool with its reasons, everyone else as not entitled.
            var reasons: [Spokesperson.ID: AssignmentOutcome.Reason] = [:]
            for p in people { reasons[p.id] = .refused(.notEntitled(agency: occ[i].organizer.rawValue)) }
            for (j, r) in staticReasons[i] { reasons[people[j].id] = .refused(r) }
            for j in candidates[i] {
                reasons[people[j].id] = load.refusal(j, i).map { .refused($0) } ?? .noCompleteCover
            }
            if !searchExhausted {
                reasons[Spokesperson.ID("(search)")] =
                    open.count > Self.exactSearchSize
                    ? .searchNotRun(open: open.count, limit: Self.exactSearchSize) : .searchBound(searchLimit)
            }
            uncovered[occ[i].id] = reasons
        }
        return AssignmentOutcome(assignments: result, explanations: explanations, uncovered: uncovered, forced: forced)
    }

    /// Beyond this many open briefings the exact search is not attempted (its depth is the
    /// number of briefings); repair by reassignment is used instead.
    static let exactSearchSize = 400

    /// Tries to cover briefing `i` by moving one conflicting briefing of a blocked candidate
    /// to another free candidate (an augmenting path of length two).
    private func repair(
        _ i: Int,
        _ candidates: [[Int]],
        _ kept: [Bool],
        _ weight: [Double],
        _ load: inout LoadState,
        _ primary: inout [Int?]
    ) -> Bool {
        for k in candidates[i] {
            guard case .doubleBooked? = load.refusal(k, i), let other = load.blocking(k, i), !kept[other] else {
                continue
            }
            load.unbook(k, other, weight: weight[other])
            if load.refusal(k, i) == nil,
                let substitute = candidates[other].first(where: { $0 != k && load.refusal($0, other) == nil })
            {
                load.book(substitute, other, weight: weight[other])
                load.book(k, i, weight: weight[i])
                primary[other] = substitute
                primary[i] = k
                return true
            }
            load.book(k, other, weight: weight[other])
        }
        return false
    }

    /// Depth-first search for a primary for every open briefing (most constrained first),
    /// returning a solution if one exists and whether the search ran to completion.
    private func exactCover(_ open: [Int], _ candidates: [[Int]], _ start: LoadState) -> ([Int: Int]?, Bool) {
        let order = open.sorted { (candidates[$0].count, $0) < (candidates[$1].count, $1) }
        var state = start
        var chosen: [Int: Int] = [:]
        var nodes = 0
        func search(_ n: Int) -> Bool {
            if n == order.count { return true }
            nodes += 1
            if nodes > searchLimit { return false }
            let i = order[n]
            for k in candidates[i].filter({ state.refusal($0, i) == nil }).sorted(by: {
                (state.load[$0], $0) < (state.load[$1], $1)
            }) {
                state.book(k, i, weight: 1)
                chosen[i] = k
                if search(n + 1) { return true }
                state.unbook(k, i, weight: 1)
                chosen[i] = nil
                if nodes > searchLimit { return false }
            }
            return false
        }
        let found = search(0)
        return (found ? chosen : nil, nodes <= searchLimit)
    }
}

/// Who speaks when during one run, by index: intervals with buffers, weekly counts and
/// weighted load per person.
struct LoadState {
    let people: [Spokesperson]
    let occurrences: [Occurrence]
    let buffer: [TimeInterval]
    let week: [Int]
    var booked: [[Int]]
    var weekly: [[Int: Int]]
    var load: [Double]

    init(people: [Spokesperson], occurrences: [Occurrence]) {
        self.people = people
        self.occurrences = occurrences
        buffer = people.map { TimeInterval($0.bufferMinutes * 60) }
        week = occurrences.map { Bookings.week($0.start.date) }
        booked = Array(repeating: [], count: people.count)
        weekly = Array(repeating: [:], count: people.count)
        load = Array(repeating: 0, count: people.count)
    }

    /// The briefing that blocks person `k` from briefing `i`, if any.
    func blocking(_ k: Int, _ i: Int) -> Int? {
        let o = occurrences[i]
        let b = buffer[k]
        return booked[k].first { j in
            j != i && occurrences[j].startInstant < o.endInstant + b && o.startInstant - b < occurrences[j].endInstant
        }
    }

    func refusal(_ k: Int, _ i: Int) -> Refusal? {
        if let j = blocking(k, i) { return .doubleBooked(occurrences[j].id) }
        if (weekly[k][week[i]] ?? 0) >= people[k].maxPerWeek { return .weeklyMaximum(limit: people[k].maxPerWeek) }
        return nil
    }

    mutating func book(_ k: Int, _ i: Int, weight: Double) {
        booked[k].append(i)
        weekly[k][week[i], default: 0] += 1
        load[k] += weight
    }

    mutating func unbook(_ k: Int, _ i: Int, weight: Double) {
        booked[k].removeAll { $0 == i }
        weekly[k][week[i], default: 1] -= 1
        load[k] -= weight
    }
}
