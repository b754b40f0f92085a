public import Foundation
import ICalendar

/// One thing wrong with an outcome or follow-up, named by the field as files spell it
/// (`attendance.foreign-agencies`), so the file reader can point at the line.
public struct OutcomeProblem: Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// The rules an outcome must meet before it is stored (docs/outcomes.md). One home: the
/// store, the file reader, the page and the API all call these, so what one door refuses no
/// other door accepts.
public enum OutcomeCheck {
    /// Problems with `outcome` for `occurrence` (nil when no such occurrence exists), as of
    /// `now`; `lookup` finds other occurrences (the one a postponed briefing moved to).
    public static func problems(
        _ outcome: Outcome,
        occurrence: Occurrence?,
        roster: [Spokesperson.ID: Spokesperson],
        now: Date,
        triggeredAt: Date? = nil,
        lookup: (OccurrenceID) -> Occurrence?
    ) -> [OutcomeProblem] {
        guard let occurrence else {
            return [OutcomeProblem(field: "occurrence", message: "no occurrence \(outcome.occurrence) in the schedule")]
        }
        var out: [OutcomeProblem] = []
        func refuse(_ field: String, _ message: String) { out.append(OutcomeProblem(field: field, message: message)) }
        if occurrence.startInstant > now {
            refuse("occurrence", "\(occurrence.id) starts \(occurrence.start); an outcome is recorded after it starts")
        }
        if occurrence.status == .draft {
            refuse("occurrence", "\(occurrence.id) is a draft: it was never published, so it did not take place")
        }
        switch outcome.result {
        case .held:
            if occurrence.status == .cancelled {
                refuse("result", "\(occurrence.id) was cancelled; record it as not-held, or restore it first")
            }
        case .notHeld(let reason), .postponed(_, let reason):
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                refuse("reason", "say why it was \(outcome.result.name)")
            }
            if !outcome.speakers.isEmpty { refuse("speakers", "a briefing that was not held had no speakers") }
            if outcome.attendance != nil { refuse("attendance", "a briefing that was not held had no attendance") }
            if outcome.questions != nil { refuse("questions", "a briefing that was not held had no questions") }
            if outcome.actualStart != nil || outcome.actualEnd != nil {
                refuse("actual", "a briefing that was not held has no actual times")
            }
        }
        if case .postponed(let to, _) = outcome.result {
            if to == occurrence.id {
                refuse("postponed-to", "a briefing cannot be postponed to itself")
            } else if let target = lookup(to) {
                if target.startInstant <= occurrence.startInstant {
                    refuse("postponed-to", "\(to) starts \(target.start), not after \(occurrence.start)")
                }
            } else {
                refuse("postponed-to", "no occurrence \(to) in the schedule")
            }
        }
        switch (outcome.actualStart, outcome.actualEnd) {
        case (let s?, let e?):
            if e <= s { refuse("actual.end", "ends \(e), not after its start \(s)") }
            if let s0 = try? TimeZones.instant(of: s, in: occurrence.timeZone),
                let e0 = try? TimeZones.instant(of: e, in: occurrence.timeZone), e0.timeIntervalSince(s0) > 86_400
            {
                refuse("actual.end", "a briefing of more than a day: check the dates")
            }
            // An ad-hoc briefing answers its trigger: it cannot have started before it.
            if let triggeredAt, let s0 = try? TimeZones.instant(of: s, in: occurrence.timeZone), s0 < triggeredAt {
                refuse("actual.start", "\(s) is before the event that called the briefing")
            }
            if abs(s.date.daysSinceEpoch - occurrence.start.date.daysSinceEpoch) > 1 {
                refuse("actual.start", "\(s) is not the day of \(occurrence.id) (\(occurrence.start.date)); postponed?")
            }
        case (nil, nil): break
        default: refuse("actual", "give both start and end")
        }
        for (i, s) in outcome.speakers.enumerated() {
            switch (s.person, s.name?.trimmingCharacters(in: .whitespaces)) {
            case (let p?, _):
                if roster[p] == nil {
                    refuse("speakers[\(i)].person", "\(p) is not on the roster; use name: for a guest")
                }
            case (nil, let n?) where !n.isEmpty: break
            default: refuse("speakers[\(i)]", "name the person (person: ID) or the guest (name:)")
            }
        }
        if let a = outcome.attendance {
            for (field, value) in [
                ("agencies", a.agencies), ("journalists", a.journalists), ("foreign-agencies", a.foreignAgencies),
                ("foreign-journalists", a.foreignJournalists),
            ] where value < 0 {
                refuse("attendance.\(field)", "\(value) is below zero")
            }
            // Below zero is refused above; comparing with a negative total would say it twice.
            if a.agencies >= 0, a.foreignAgencies > a.agencies {
                refuse("attendance.foreign-agencies", "\(a.foreignAgencies) foreign of \(a.agencies) agencies in all")
            }
            if a.journalists >= 0, a.foreignJournalists > a.journalists {
                refuse(
                    "attendance.foreign-journalists",
                    "\(a.foreignJournalists) foreign of \(a.journalists) journalists in all"
                )
            }
        }
        if let q = outcome.questions {
            if q.received < 0 { refuse("questions.received", "\(q.received) is below zero") }
            if q.answered < 0 { refuse("questions.answered", "\(q.answered) is below zero") }
            if q.received >= 0, q.answered > q.received {
                refuse("questions.answered", "\(q.answered) answered of \(q.received) received")
            }
        }
        for (field, value) in [
            ("press-release", outcome.materials.pressRelease), ("transcript", outcome.materials.transcript),
            ("recording", outcome.materials.recording),
        ] {
            if let value, value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                refuse("materials.\(field)", "empty; leave it out instead")
            }
        }
        return out
    }

    /// Problems with a follow-up promised at `occurrence` (nil when it does not exist).
    public static func problems(_ f: FollowUp, occurrence: Occurrence?, outcome: Outcome?, now: Date)
        -> [OutcomeProblem]
    {
        guard let occurrence else {
            return [OutcomeProblem(field: "occurrence", message: "no occurrence \(f.occurrence) in the schedule")]
        }
        var out: [OutcomeProblem] = []
        if occurrence.startInstant > now {
            out.append(
                OutcomeProblem(
                    field: "occurrence",
                    message:
                        "\(occurrence.id) starts \(occurrence.start); answers are promised at a briefing once it is held"
                )
            )
        }
        if let outcome, !outcome.wasHeld {
            out.append(
                OutcomeProblem(
                    field: "occurrence",
                    message:
                        "\(occurrence.id) was \(outcome.result.name); answers are promised at a briefing that was held"
                )
            )
        }
        if f.outlet.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(OutcomeProblem(field: "outlet", message: "name the press agency that asked"))
        }
        if f.question.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append(OutcomeProblem(field: "question", message: "say what was asked"))
        }
        let day = outcome?.actualStart?.date ?? occurrence.start.date
        if f.promised < day {
            out.append(OutcomeProblem(field: "promised", message: "\(f.promised) is before the briefing (\(day))"))
        }
        if let a = f.answered, a < day {
            out.append(OutcomeProblem(field: "answered", message: "\(a) is before the briefing (\(day))"))
        }
        return out
    }

    /// Occurrences that have started by `now`, take place, and have no outcome yet: listed
    /// on the secretariat's page and by `podium check`, so the report is not silently short.
    public static func missing(_ occurrences: [Occurrence], outcomes: Set<OccurrenceID>, now: Date) -> [Finding] {
        occurrences.filter { $0.isHappening && $0.startInstant <= now && !outcomes.contains($0.id) }
            .sorted { $0.startOrderKey < $1.startOrderKey }
            .map {
                Finding(
                    rule: "NO-OUTCOME",
                    severity: .warning,
                    occurrences: [$0.id],
                    message: "\($0.title.vi) on \($0.start) has no recorded outcome",
                    suggestion: "record what happened: podium outcome record \($0.id) --result held …",
                    legalBasis: nil,
                    agency: $0.organizer
                )
            }
    }
}
