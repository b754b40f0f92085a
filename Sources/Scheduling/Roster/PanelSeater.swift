import Foundation
import ICalendar

/// Seats the panels briefings declare (`PanelNeeds`) during automatic assignment, after the
/// spokespeople are chosen: each seat by its role's rule (`StaticConstraints.refusal(_:as:)`),
/// panelists by the matter they answer on (it is among their topics, or they were authorised
/// for it), moderators and interpreters among those who serve as such, never two places at
/// once, one role per person (the chair may also speak or stand by), the fewest seats so far
/// first. Seats that still hold are kept;
/// a locked assignment keeps its panel as it is, open seats and all.
struct PanelSeater {
    let people: [Spokesperson]
    let occurrences: [Occurrence]
    let personIndex: [Spokesperson.ID: Int]
    let spans: BookingRule.Spans
    /// Per person, the occurrences (by index) where they sit on a panel in this run.
    private var seated: [[Int]]
    /// Per person, how many seats they hold in this run (spreads the seats).
    private var seatCount: [Int]

    init(people: [Spokesperson], occurrences: [Occurrence], personIndex: [Spokesperson.ID: Int]) {
        self.people = people
        self.occurrences = occurrences
        self.personIndex = personIndex
        spans = BookingRule.Spans(occurrences)
        seated = Array(repeating: [], count: people.count)
        seatCount = Array(repeating: 0, count: people.count)
    }

    /// The panel of occurrence `i`, whose spokesperson is person `speaker`; `speaking(k)` says
    /// whether person `k` speaks at a briefing that clashes with it.
    mutating func panel(
        _ i: Int,
        existing: Assignment?,
        speaker: Int,
        backups: [Spokesperson.ID],
        speaking: (Int) -> Bool
    ) -> [PanelSeat] {
        let o = occurrences[i]
        if let existing, existing.locked {
            for seat in existing.panel { if let k = personIndex[seat.person] { book(k, i) } }
            return existing.panel
        }
        var panel: [PanelSeat] = []
        var taken: Set<Int> = []
        // One person, one role: the speaker and the backups sit nowhere but in the chair (its
        // holder speaks for the organiser anyway).
        let standingBy = Set(backups.compactMap { personIndex[$0] })
        func free(_ k: Int, _ role: PanelRole) -> Bool {
            !taken.contains(k) && (role == .chair || (k != speaker && !standingBy.contains(k)))
        }
        for seat in existing?.panel ?? [] {
            guard let k = personIndex[seat.person], free(k, seat.role), fits(k, seat.role, seat.matter, i, speaking)
            else { continue }
            panel.append(seat)
            taken.insert(k)
        }
        var needed = o.panel.open(in: Assignment(occurrence: o.id, primary: nil, panel: panel))
        // The most constrained seat first (the fewest people who may take it), so a moderator
        // does not take the only person who could interpret.
        func pool(_ need: (role: PanelRole, matter: String?)) -> [Int] {
            people.indices.filter { k in
                free(k, need.role) && fits(k, need.role, need.matter, i, speaking)
                    && answers(k, need.role, need.matter, o)
            }
        }
        while !needed.isEmpty {
            let pools = needed.map(pool)
            let n = pools.indices.min { (pools[$0].count, $0) < (pools[$1].count, $1) }!
            let need = needed.remove(at: n)
            // The spokesperson chairs only when nobody else may.
            guard
                let k = pools[n].min(by: {
                    ($0 == speaker ? 1 : 0, seatCount[$0], $0) < ($1 == speaker ? 1 : 0, seatCount[$1], $1)
                })
            else { continue }
            panel.append(PanelSeat(role: need.role, person: people[k].id, matter: need.matter, source: .automatic))
            taken.insert(k)
        }
        panel = PanelSeat.reading(panel, matters: o.panel.matters)
        for seat in panel { if let k = personIndex[seat.person] { book(k, i) } }
        return panel
    }

    /// Whether person `k` may take the seat at occurrence `i`: the role's rule, and free then
    /// (not speaking or seated at a briefing that meets it, the person's buffer included).
    private func fits(_ k: Int, _ role: PanelRole, _ matter: String?, _ i: Int, _ speaking: (Int) -> Bool) -> Bool {
        let o = occurrences[i]
        guard StaticConstraints.refusal(people[k], as: role, matter: matter, for: o) == nil, !speaking(k) else {
            return false
        }
        let buffer = TimeInterval(people[k].bufferMinutes * 60)
        return BookingRule.firstClash(with: i, among: seated[k], spans, buffer: buffer) == nil
    }

    /// A panelist is chosen for the matter: it is one of their topics, or they were authorised
    /// in writing for it by the organiser. Other roles take anyone the rule allows.
    private func answers(_ k: Int, _ role: PanelRole, _ matter: String?, _ o: Occurrence) -> Bool {
        let p = people[k]
        if role == .moderator || role == .interpreter { return p.serves.contains(role) }
        guard role == .panelist, let matter else { return true }
        return p.topics.contains(matter)
            || p.entitlements.contains {
                !$0.speaksForAll && $0.covers(agency: o.organizer, topic: matter, on: o.start.date)
            }
    }

    private mutating func book(_ k: Int, _ i: Int) {
        seated[k].append(i)
        seatCount[k] += 1
    }
}
