import Foundation
import ICalendar

/// The outcome of automatic assignment: assignments, why each choice was made, what could
/// not be covered and why, and kept assignments a hard constraint forced to move.
public struct AssignmentOutcome: Sendable {
    /// Why a person was chosen, or not. Kept as values and rendered on demand, so a
    /// national run does not format millions of sentences nobody reads.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        case refused(Refusal)
        /// Eligible, but had more weighted load than the chosen person when the choice was made.
        case heavierLoad(theirs: Double, chosen: Double)
        /// Eligible with the same weighted load; the other was preferred (continuity in the
        /// series, else roster order).
        case tie(load: Double, continuity: Bool)
        /// Chosen: the lowest weighted load among the eligible at the moment of the choice.
        case lightestLoad(eligible: Int, of: Int, load: Double)
        /// Chosen although another had up to half a briefing less load: the same person as
        /// the previous occurrence of the series.
        case continuity(load: Double, lowest: Double)
        /// Chosen when a conflicting briefing was handed to someone else (repair), or by the
        /// exact search; load was not the deciding reason.
        case rearranged(exact: Bool)
        /// Chosen when the loads were evened out after the first pass (a briefing moved, or two
        /// swapped, from a heavier person to a lighter one); the weighted load after it.
        case balanced(load: Double)
        /// Eligible and free; the arrangement that covers every briefing used someone else.
        case otherArrangement
        /// An earlier choice that still satisfies every hard constraint.
        case kept(KeptBecause)
        case noCompleteCover
        case searchNotRun(open: Int, limit: Int)
        case searchBound(Int)

        public enum KeptBecause: String, Hashable, Sendable {
            case locked, manual, earlierChoice
        }

        public var description: String { text(.en) }

        /// The reason in one language, so a run's explanation never mixes Vietnamese and English.
        public func text(_ language: Language) -> String {
            let vi = language == .vi
            switch self {
            case .refused(let r): return r.text(language)
            case .heavierLoad(let theirs, let chosen):
                return vi
                    ? "đủ điều kiện; tải \(Self.format(theirs)) so với \(Self.format(chosen)) của người được chọn"
                    : "eligible; weighted load \(Self.format(theirs)) vs \(Self.format(chosen)) for the chosen person"
            case .tie(let load, let continuity):
                let why =
                    continuity
                    ? (vi
                        ? "ưu tiên người phụ trách buổi trước của chuỗi" : "the series' previous speaker was preferred")
                    : (vi ? "chọn theo thứ tự danh sách" : "roster order decided")
                return vi
                    ? "đủ điều kiện; cùng tải \(Self.format(load)); \(why)"
                    : "eligible; same weighted load \(Self.format(load)); \(why)"
            case .lightestLoad(let eligible, let total, let load):
                return vi
                    ? "đủ điều kiện (\(eligible)/\(total) người), tải thấp nhất lúc chọn (\(Self.format(load)))"
                    : "eligible (\(eligible) of \(total) people), lowest weighted load when chosen (\(Self.format(load)))"
            case .continuity(let load, let lowest):
                return vi
                    ? "nói ở buổi trước của chuỗi; tải \(Self.format(load)), thấp nhất \(Self.format(lowest))"
                    : "spoke at the series' previous occurrence; load \(Self.format(load)), lowest \(Self.format(lowest))"
            case .rearranged(let exact):
                return exact
                    ? (vi
                        ? "do tìm kiếm đầy đủ để phủ mọi buổi"
                        : "chosen by the exact search so every briefing is covered")
                    : (vi
                        ? "nhường một buổi trùng giờ cho người khác để phủ buổi này"
                        : "freed by handing a clashing briefing to someone else")
            case .balanced(let load):
                return vi
                    ? "được giao khi cân bằng tải sau lượt đầu (tải sau đó \(Self.format(load)))"
                    : "given when the loads were evened out after the first pass (load then \(Self.format(load)))"
            case .otherArrangement:
                return vi
                    ? "đủ điều kiện; cách phân công phủ đủ mọi buổi đã chọn người khác"
                    : "eligible; the arrangement covering every briefing chose someone else"
            case .kept(let why):
                switch why {
                case .locked: return vi ? "giữ nguyên (đã khóa)" : "kept (locked)"
                case .manual: return vi ? "giữ nguyên (phân công thủ công)" : "kept (manual)"
                case .earlierChoice:
                    return vi ? "giữ nguyên (lựa chọn trước đó vẫn hợp lệ)" : "kept (earlier choice still valid)"
                }
            case .noCompleteCover:
                return vi ? "rảnh, nhưng không tìm được cách phủ đủ" : "free, but no complete cover was found"
            case .searchNotRun(let open, let limit):
                return vi
                    ? "không chạy tìm kiếm đầy đủ: \(open) buổi chưa phủ (quá \(limit))"
                    : "exact search not run: \(open) open briefings (more than \(limit))"
            case .searchBound(let nodes):
                return vi ? "đạt giới hạn tìm kiếm \(nodes) nút" : "search bound of \(nodes) nodes reached"
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
    /// Occurrences with no valid primary: each person of the organiser's pool with their
    /// reason, and everyone else as one entry (`everyoneElse`).
    public var uncovered: [OccurrenceID: [Spokesperson.ID: Reason]]
    /// The entry of `uncovered` that stands for everyone outside the organiser's pool (not
    /// entitled to speak for it): one line, not one per person on the roster.
    public static let everyoneElse = Spokesperson.ID("(everyone else)")
    /// Earlier assignments that had to change, and the constraint that forced it.
    public var forced: [OccurrenceID: String]
}

/// Automatic assignment over a window.
///
/// Hard constraints (never violated): entitled to speak for the organiser on that matter
/// and date, the briefing's languages, available, not double-booked (buffer included),
/// within the weekly maximum. Goals: fair weighted load, continuity within a series, and
/// stability — every earlier assignment (locked, manual or automatic) stays unless a hard
/// constraint forces a change, which is reported with the constraint. Completeness: the greedy pass (most constrained
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
        // Filtering copies every occurrence (a national run's largest values): only when
        // needed. (Iterating an array yields copies of its elements; its indices do not.)
        let allHappening = occurrences.indices.allSatisfy { occurrences[$0].isHappening }
        let occ = allHappening ? occurrences : occurrences.filter { $0.isHappening }
        let order =
            occ.isInStartOrder
            ? Array(occ.indices)
            : occ.indices.sorted { occ[$0].startOrderKey < occ[$1].startOrderKey }
        let people = roster.people.values.sorted { $0.id < $1.id }
        let personIndex = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.id, $0) })
        let weight = occ.map { weights.weight($0) }
        var pools: [Agency.ID: [Int]] = [:]
        for (k, p) in people.enumerated() {
            for agency in Set(p.entitlements.map(\.agency)) { pools[agency, default: []].append(k) }
        }
        // Who may speak at each briefing at all, and why not the others: each briefing on its
        // own, so a large run does it in two halves at once.
        let entitled = pools
        @Sendable func sift(_ range: Range<Int>) -> (candidates: [[Int]], refused: [[(Int, Refusal)]]) {
            var candidates = [[Int]](repeating: [], count: range.count)
            var refused = [[(Int, Refusal)]](repeating: [], count: range.count)
            for i in range {
                for k in entitled[occ[i].organizer] ?? [] {
                    if let r = StaticConstraints.refusal(people[k], for: occ[i]) {
                        refused[i - range.lowerBound].append((k, r))
                    } else {
                        candidates[i - range.lowerBound].append(k)
                    }
                }
            }
            return (candidates, refused)
        }
        let middle = occ.count / 2
        let (early, late) = Parallel.both(when: occ.count >= Parallel.manyBriefings) {
            sift(0..<middle)
        } _: {
            sift(middle..<occ.count)
        }
        let candidates = early.candidates + late.candidates
        let staticReasons = early.refused + late.refused
        var load = LoadState(people: people, occurrences: occ)
        var primary = [Int?](repeating: nil, count: occ.count)
        var kept = [Bool](repeating: false, count: occ.count)
        var forced: [OccurrenceID: String] = [:]
        // 1. Keep every earlier primary that still satisfies every hard constraint.
        var open: [Int] = []
        for i in order {
            let id = occ[i].id  // the id, not the whole value: no copy
            if let existing = roster.assignments[id], let slot = existing.primary {
                if let k = personIndex[slot.person] {
                    if let r = StaticConstraints.refusal(people[k], for: occ[i]) ?? load.refusal(k, i) {
                        forced[id] = "\(people[k].name): \(r)"
                    } else {
                        load.book(k, i, weight: weight[i])
                        primary[i] = k
                        kept[i] = true
                        continue
                    }
                } else {
                    forced[id] = "\(slot.person) is no longer on the roster"
                }
            }
            open.append(i)
        }
        // 2. Greedy: most constrained first; lightest weighted load, then continuity, stability.
        var previousInSeries: [RegularSeries.ID: Int] = [:]
        let byConstraint = open.sorted { (candidates[$0].count, $0) < (candidates[$1].count, $1) }
        var unresolved: [Int] = []
        // The loads as they were when each choice was made: explanations must be true of
        // the moment of choice, not of the end of the run.
        // By occurrence index, arrays rather than dictionaries: one entry per briefing of a
        // national run (perf: hashing these was 9 % of assignment, issue 17, P2).
        var loadsAtChoice = [LoadSnapshot?](repeating: nil, count: occ.count)
        var continuityChoice = Set<Int>()
        var greedyChoice = [Int?](repeating: nil, count: occ.count)
        for i in byConstraint {
            let series = occ[i].seriesID
            let previous = series.flatMap { previousInSeries[$0] }
            var best: (score: Double, k: Int)?
            var snapshot = LoadSnapshot()
            for k in candidates[i] where load.refusal(k, i) == nil {
                snapshot.entries.append((k, load.load[k]))
                var score = load.load[k]
                if k == previous { score -= 0.5 }  // continuity
                if best == nil || (score, k) < (best!.score, best!.k) { best = (score, k) }
            }
            guard let chosen = best?.k else {
                unresolved.append(i)
                continue
            }
            loadsAtChoice[i] = snapshot
            greedyChoice[i] = chosen
            if chosen == previous { continuityChoice.insert(i) }
            load.book(chosen, i, weight: weight[i])
            primary[i] = chosen
            if let s = series { previousInSeries[s] = chosen }
        }
        // 3. Repair: free a blocked candidate by moving their conflicting briefing to someone else.
        unresolved = unresolved.filter { i in !repair(i, candidates, kept, weight, &load, &primary) }
        // 4. Exact search when something is still open and the instance is small enough.
        var searchExhausted = true
        var usedExactSearch = false
        if !unresolved.isEmpty && open.count > Self.exactSearchSize {
            searchExhausted = false
        } else if !unresolved.isEmpty {
            for i in open { if let k = primary[i] { load.unbook(k, i, weight: weight[i]) } }
            let (solution, complete) = exactCover(open, candidates, load)
            searchExhausted = complete
            if let solution {
                usedExactSearch = true
                for (i, k) in solution {
                    primary[i] = k
                    load.book(k, i, weight: weight[i])
                }
                unresolved = []
            } else {
                for i in open { if let k = primary[i] { load.book(k, i, weight: weight[i]) } }
            }
        }
        // 5. Balance: even out the loads the greedy left (it never revisits a choice).
        var balanced = balance(open, candidates, weight, &load, &primary)
        if unresolved.isEmpty, open.count <= Self.fairestSearchSize {
            balanced.formUnion(fairest(open, candidates, weight, &load, &primary))
        }
        // 6. Results: backups and panels on this thread, in start order (the backup load
        // spreads as it goes), and why each choice was made on a second one — the two read
        // only what is final by now (on a national plan each took about a fifth of a second).
        let (chosen, rebalanced, exact) = (primary, balanced, usedExactSearch)
        let final = load
        let (result, explanations) = Parallel.both(when: occ.count >= Parallel.manyBriefings) {
            var result: [OccurrenceID: Assignment] = [:]
            result.reserveCapacity(occ.count)
            var backupLoad = [Int](repeating: 0, count: people.count)
            var seater = PanelSeater(people: people, occurrences: occ, personIndex: personIndex)
            for i in order {
                let id = occ[i].id
                guard let k = chosen[i] else { continue }
                let existing = roster.assignments[id]
                var a: Assignment
                if kept[i], let existing {
                    a = existing
                } else {
                    a = Assignment(
                        occurrence: id,
                        primary: .init(person: people[k].id, source: .automatic),
                        revision: existing?.revision ?? 0
                    )
                }
                // Earlier backups stay while they are still free to step in; the list is topped up.
                let stillValid = a.backups.filter { b in
                    personIndex[b.person].map { candidates[i].contains($0) && $0 != k && final.refusal($0, i) == nil }
                        ?? false
                }
                if a.locked && !a.backups.isEmpty {
                    // A locked assignment keeps its backups as they are.
                } else if stillValid.count >= backups {
                    a.backups = stillValid
                } else {
                    let taken = Set(stillValid.map(\.person))
                    let pool = candidates[i].filter {
                        $0 != k && !taken.contains(people[$0].id) && final.refusal($0, i) == nil
                    }.sorted { (backupLoad[$0], $0) < (backupLoad[$1], $1) }
                    let added = pool.prefix(backups - stillValid.count)
                    a.backups = stillValid + added.map { .init(person: people[$0].id, source: .automatic) }
                    for b in added { backupLoad[b] += 1 }
                }
                if !occ[i].panel.isEmpty || !a.panel.isEmpty {
                    a.panel = seater.panel(i, existing: existing, speaker: k, backups: a.backups.map(\.person)) {
                        final.blocking($0, i) != nil
                    }
                }
                result[id] = a
            }
            return result
        } _: { [staticReasons, kept, candidates, greedyChoice, loadsAtChoice, continuityChoice] in
            var explanations: [OccurrenceID: AssignmentOutcome.Explanation] = [:]
            explanations.reserveCapacity(occ.count)
            for i in order {
                guard let k = chosen[i] else { continue }
                let id = occ[i].id
                var others: [Spokesperson.ID: AssignmentOutcome.Reason] = [:]
                for (j, r) in staticReasons[i] { others[people[j].id] = .refused(r) }
                if kept[i] {
                    let a = roster.assignments[id]
                    let why: AssignmentOutcome.Reason.KeptBecause =
                        a?.locked == true ? .locked : a?.primary?.source == .manual ? .manual : .earlierChoice
                    explanations[id] = .init(chosen: people[k].id, why: .kept(why), others: others)
                    continue
                }
                // Why not the others: everyone entitled for the organiser, with the reason true at
                // the moment of the choice.
                if rebalanced.contains(i) {
                    for j in candidates[i] where j != k {
                        others[people[j].id] = final.refusal(j, i).map { .refused($0) } ?? .otherArrangement
                    }
                    explanations[id] = .init(chosen: people[k].id, why: .balanced(load: final.load[k]), others: others)
                    continue
                }
                guard greedyChoice[i] == k, let snapshot = loadsAtChoice[i], let mine = snapshot[k] else {
                    // Chosen by repair or the exact search.
                    for j in candidates[i] where j != k {
                        others[people[j].id] = final.refusal(j, i).map { .refused($0) } ?? .otherArrangement
                    }
                    explanations[id] = .init(
                        chosen: people[k].id,
                        why: .rearranged(exact: exact),
                        others: others
                    )
                    continue
                }
                for j in candidates[i] where j != k {
                    if let theirs = snapshot[j] {
                        others[people[j].id] =
                            theirs > mine
                            ? .heavierLoad(theirs: theirs, chosen: mine)
                            : .tie(load: theirs, continuity: continuityChoice.contains(i))
                    } else {
                        others[people[j].id] = final.refusal(j, i).map { .refused($0) } ?? .noCompleteCover
                    }
                }
                let lowest = snapshot.entries.map(\.load).min() ?? mine
                explanations[id] = .init(
                    chosen: people[k].id,
                    why: continuityChoice.contains(i) && mine > lowest
                        ? .continuity(load: mine, lowest: lowest)
                        : .lightestLoad(eligible: snapshot.entries.count, of: people.count, load: mine),
                    others: others
                )
            }
            return explanations
        }
        var uncovered: [OccurrenceID: [Spokesperson.ID: AssignmentOutcome.Reason]] = [:]
        for i in unresolved {
            // Every person is accounted for: the organiser's pool one by one with its reasons,
            // everyone else in one entry. (One entry per person on the roster made this
            // quadratic: 24,661 uncovered × 8,000 people took 24 GB on a national plan at 4×.)
            var reasons: [Spokesperson.ID: AssignmentOutcome.Reason] = [:]
            if staticReasons[i].count + candidates[i].count < people.count {
                reasons[AssignmentOutcome.everyoneElse] = .refused(
                    .notEntitled(agency: occ[i].organizer.rawValue, matter: occ[i].topic)
                )
            }
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

    /// Up to this many briefings chosen in one run, the fairest arrangement is searched for
    /// exactly (branch and bound, at most `searchLimit` nodes).
    static let fairestSearchSize = 60

    /// Branch and bound for the smallest largest weighted load over the briefings chosen in
    /// this run (kept ones stay), starting from the balanced arrangement as the bound to beat.
    /// Heaviest and most constrained briefings first; a branch is cut when someone's load
    /// already reaches the best, or when even an even spread of what is left would. Returns
    /// the briefings it gave someone else (none when nothing fairer exists or was found in time).
    private func fairest(
        _ open: [Int],
        _ candidates: [[Int]],
        _ weight: [Double],
        _ load: inout LoadState,
        _ primary: inout [Int?]
    ) -> Set<Int> {
        let assigned = open.filter { primary[$0] != nil }
        guard assigned.count > 1 else { return [] }
        var best = load.load.max() ?? 0
        var state = load
        for i in assigned { state.unbook(primary[i]!, i, weight: weight[i]) }
        let order = assigned.sorted {
            (candidates[$0].count, -weight[$0], $0) < (candidates[$1].count, -weight[$1], $1)
        }
        // Briefings with the same candidates form a group: whatever a group has left must go
        // to its members, so their average load then is a lower bound on the largest.
        var groupOf: [[Int]: Int] = [:]
        for i in order where groupOf[candidates[i]] == nil { groupOf[candidates[i]] = groupOf.count }
        let members = groupOf.sorted { $0.value < $1.value }.map(\.key)
        var remaining = [Double](repeating: 0, count: members.count)
        for i in order { remaining[groupOf[candidates[i]]!] += weight[i] }
        // People in the same groups, not yet booked, are interchangeable: one stands for all.
        var signature = [[Int]](repeating: [], count: state.load.count)
        for (g, m) in members.enumerated() { for k in m { signature[k].append(g) } }
        for k in signature.indices {
            signature[k] += [-state.people[k].maxPerWeek, -state.people[k].bufferMinutes]
        }
        func bounded() -> Bool {
            for (g, m) in members.enumerated() where remaining[g] > 0 {
                let total = m.reduce(remaining[g]) { $0 + state.load[$1] }
                if total / Double(m.count) >= best - 1e-9 { return false }
            }
            return true
        }
        var choice: [Int: Int] = [:]
        var bestChoice: [Int: Int]?
        var nodes = 0
        func search(_ n: Int, _ heaviest: Double) {
            nodes += 1
            if nodes > searchLimit { return }
            if n == order.count {
                best = heaviest
                bestChoice = choice
                return
            }
            let i = order[n]
            let g = groupOf[candidates[i]]!
            let free = candidates[i].filter { state.refusal($0, i) == nil && state.load[$0] + weight[i] < best - 1e-9 }
            var triedEmpty = Set<[Int]>()
            for k in free.sorted(by: { (state.load[$0], $0) < (state.load[$1], $1) }) {
                if state.booked[k].isEmpty, !triedEmpty.insert(signature[k]).inserted { continue }
                // Recheck against `best`, which may have fallen in an earlier branch.
                guard state.load[k] + weight[i] < best - 1e-9 else { continue }
                state.book(k, i, weight: weight[i])
                remaining[g] -= weight[i]
                if bounded() {
                    choice[i] = k
                    search(n + 1, max(heaviest, state.load[k]))
                    choice[i] = nil
                }
                remaining[g] += weight[i]
                state.unbook(k, i, weight: weight[i])
                if nodes > searchLimit { return }
            }
        }
        if bounded() { search(0, state.load.max() ?? 0) }
        guard let bestChoice else { return [] }
        var moved = Set<Int>()
        for i in assigned where bestChoice[i] != primary[i] {
            load.unbook(primary[i]!, i, weight: weight[i])
            moved.insert(i)
        }
        for i in moved {
            load.book(bestChoice[i]!, i, weight: weight[i])
            primary[i] = bestChoice[i]
        }
        return moved
    }

    /// How many moves, swaps and chains balancing may look at: enough to settle a province's
    /// year many times over, bounded so a national run (150,000 briefings) stays in its time
    /// budget.
    static let balanceLimit = 2_000_000

    /// Local search after the greedy pass, for the fairness goal (the smallest largest
    /// weighted load). Starting from the heaviest person `a`, a briefing chosen in this run
    /// moves to someone lighter, or two swap, or a chain hands one on (a → b, b → c), whenever
    /// afterwards `a` is lighter and nobody involved reaches `a`'s old load. Every step keeps
    /// every hard constraint and lowers the loads sorted from the heaviest (lexicographically),
    /// so it ends; `balanceLimit` bounds the work. Kept (earlier, manual, locked)
    /// assignments never move. Returns the briefings it gave someone else.
    private func balance(
        _ open: [Int],
        _ candidates: [[Int]],
        _ weight: [Double],
        _ load: inout LoadState,
        _ primary: inout [Int?]
    ) -> Set<Int> {
        let movable = Set(open.filter { primary[$0] != nil })
        guard movable.count > 1 else { return [] }
        var moved = Set<Int>()
        var budget = Self.balanceLimit
        func tryMove(_ i: Int, from a: Int, to b: Int) -> Bool {
            load.unbook(a, i, weight: weight[i])
            if load.refusal(b, i) == nil {
                load.book(b, i, weight: weight[i])
                primary[i] = b
                return true
            }
            load.book(a, i, weight: weight[i])
            return false
        }
        // i goes from a to b, and j from b to c (c == a is a swap); both or neither.
        func tryChain(_ i: Int, from a: Int, to b: Int, then j: Int, to c: Int) -> Bool {
            load.unbook(a, i, weight: weight[i])
            load.unbook(b, j, weight: weight[j])
            if load.refusal(c, j) == nil {
                load.book(c, j, weight: weight[j])
                if load.refusal(b, i) == nil {
                    load.book(b, i, weight: weight[i])
                    primary[i] = b
                    primary[j] = c
                    return true
                }
                load.unbook(c, j, weight: weight[j])
            }
            load.book(a, i, weight: weight[i])
            load.book(b, j, weight: weight[j])
            return false
        }
        // Every pair, triple or chain looked at costs one step, found useful or not.
        func spend() -> Bool {
            budget -= 1
            return budget > 0
        }
        func improveHeaviest() -> Bool {
            // Each pass starts again from the heaviest person; the sort counts against the budget.
            budget -= load.load.count
            let byLoad = load.load.indices.filter { load.load[$0] > 0 }.sorted {
                (load.load[$0], $1) > (load.load[$1], $0)
            }
            for a in byLoad {
                let mine = load.booked[a].filter { movable.contains($0) }
                for i in mine {
                    for b in candidates[i] {
                        guard spend() else { return false }
                        if b != a, load.load[b] + weight[i] < load.load[a], tryMove(i, from: a, to: b) {
                            moved.insert(i)
                            return true
                        }
                    }
                }
                for i in mine {
                    for b in candidates[i] where b != a && load.load[b] < load.load[a] {
                        for j in load.booked[b] {
                            guard spend() else { return false }
                            guard movable.contains(j), weight[j] < weight[i],
                                load.load[b] + weight[i] - weight[j] < load.load[a], candidates[j].contains(a)
                            else { continue }
                            if tryChain(i, from: a, to: b, then: j, to: a) {  // a swap: the chain back to a
                                moved.formUnion([i, j])
                                return true
                            }
                        }
                    }
                }
                // A chain: i goes to b, who hands one of theirs (j) on to c.
                for i in mine {
                    for b in candidates[i] where b != a {
                        for j in load.booked[b] {
                            guard spend() else { return false }
                            guard j != i, movable.contains(j), load.load[b] + weight[i] - weight[j] < load.load[a]
                            else { continue }
                            for c in candidates[j] {
                                guard spend() else { return false }
                                if c != a, c != b, load.load[c] + weight[j] < load.load[a],
                                    tryChain(i, from: a, to: b, then: j, to: c)
                                {
                                    moved.formUnion([i, j])
                                    return true
                                }
                            }
                        }
                    }
                }
            }
            return false
        }
        while budget > 0, improveHeaviest() {}
        return moved
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

/// The weighted loads of the people who could take a briefing, as they were when the greedy
/// pass chose: a handful of entries, searched in order.
struct LoadSnapshot {
    var entries: [(person: Int, load: Double)] = []

    subscript(person: Int) -> Double? { entries.first { $0.person == person }?.load }
}

/// Who speaks when during one run, by index: intervals with buffers, weekly counts and
/// weighted load per person.
struct LoadState {
    let people: [Spokesperson]
    let occurrences: [Occurrence]
    let buffer: [TimeInterval]
    let spans: BookingRule.Spans
    let week: [Int]
    /// Per person, what they were booked for, in the order of booking.
    var booked: [[Int]]
    /// The same bookings by start, for finding a clash (`blocking`).
    var timelines: [BookingTimeline]
    /// Counts bookings, so a timeline knows which of its entries was booked first.
    var sequence = 0
    var weekly: [[Int: Int]]
    var load: [Double]

    init(people: [Spokesperson], occurrences: [Occurrence]) {
        self.people = people
        self.occurrences = occurrences
        buffer = people.map { TimeInterval($0.bufferMinutes * 60) }
        spans = BookingRule.Spans(occurrences)
        week = occurrences.map { BookingRule.week($0.start.date) }
        booked = Array(repeating: [], count: people.count)
        timelines = Array(repeating: BookingTimeline(), count: people.count)
        weekly = Array(repeating: [:], count: people.count)
        load = Array(repeating: 0, count: people.count)
    }

    /// The briefing that blocks person `k` from briefing `i`, if any.
    func blocking(_ k: Int, _ i: Int) -> Int? {
        timelines[k].firstClash(with: i, spans, buffer: buffer[k])
    }

    func refusal(_ k: Int, _ i: Int) -> Refusal? {
        BookingRule.refusal(
            clash: blocking(k, i).map { occurrences[$0].id },
            bookedThisWeek: weekly[k][week[i]] ?? 0,
            maxPerWeek: people[k].maxPerWeek
        )
    }

    mutating func book(_ k: Int, _ i: Int, weight: Double) {
        booked[k].append(i)
        timelines[k].insert(i, sequence: sequence, spans)
        sequence += 1
        weekly[k][week[i], default: 0] += 1
        load[k] += weight
    }

    mutating func unbook(_ k: Int, _ i: Int, weight: Double) {
        booked[k].removeAll { $0 == i }
        timelines[k].remove(i, spans)
        weekly[k][week[i], default: 1] -= 1
        load[k] -= weight
    }
}
