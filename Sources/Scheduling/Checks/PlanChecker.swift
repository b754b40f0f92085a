public import Foundation
public import ICalendar

/// One problem found before publishing.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case error, warning, info
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    }

    public var rule: String
    public var severity: Severity
    public var occurrences: [OccurrenceID]
    public var message: String
    public var suggestion: String
    public var legalBasis: String?
    /// The agency a rule about a period is judged for (the periodic rules); nil when the
    /// finding is about its occurrences.
    public var agency: Agency.ID? = nil

    /// Whether the finding is within `scope`: about an occurrence of an agency in it, or
    /// about an agency in it. Lets each user see the findings of their own agencies, from a
    /// check run over the whole plan (so a department never sees the province as empty).
    public func concerns(_ scope: Set<Agency.ID>, organizers: [OccurrenceID: Agency.ID]) -> Bool {
        if let agency { return scope.contains(agency) }
        return occurrences.contains { organizers[$0].map(scope.contains) ?? false }
    }

    public var description: String {
        "\(severity.rawValue) \(rule): \(message)"
            + (occurrences.isEmpty ? "" : " [\(occurrences.map(\.rawValue).joined(separator: ", "))]")
            + " — \(suggestion)" + (legalBasis.map { " (\($0))" } ?? "")
    }
}

/// The checks run before anything is published: people, venues, days, deadlines and the law.
public struct PlanChecker: Sendable {
    public var calendar: WorkingCalendar
    public var officeHours: [OfficeHours]
    public var rules: [LegalRule]

    /// - Parameter rules: the legal rules (national and the province's local ones), read from
    ///   `calendars/rules/` and the plan; the checker knows no rule of its own.
    public init(calendar: WorkingCalendar, officeHours: [OfficeHours] = [], rules: [LegalRule]) {
        self.calendar = calendar
        self.officeHours = officeHours
        self.rules = rules
    }

    /// The rule of a kind in force on a date (a national one; local rules are for the
    /// periodic checks, which look at every rule that binds an agency).
    func rule(_ kind: LegalRule.Kind, on date: LocalDate) -> LegalRule? {
        rules.inForce(kind, on: date).first { $0.scope == nil }
    }

    public func check(_ occurrences: [Occurrence], schedule: Schedule, roster: Roster, window: PlanWindow)
        -> [Finding]
    {
        let happening = occurrences.happeningInStartOrder()
        // The people pass and the rest share nothing but their input: on two cores a large
        // plan checks in about half the time (issue 17, P2).
        var (out, rest) = Parallel.both(when: happening.count >= Parallel.manyBriefings) {
            people(happening, roster)
        } _: { [self] in
            venues(happening) + days(happening) + deadlines(schedule, window: window)
                + law(happening, schedule, window: window)
        }
        out += rest
        out.sort(byKey: { ($0.severity, $0.rule, $0.occurrences.first ?? OccurrenceID(rawValue: "")) }, <)
        return out
    }

    func people(_ happening: [Occurrence], _ roster: Roster) -> [Finding] {
        var out: [Finding] = []
        var bookings = Bookings(happening)
        var mentioned: Set<Spokesperson.ID> = []
        for (i, o) in happening.enumerated() {
            guard let a = roster.assignments[o.id], let primary = a.primary else {
                let basis = rule(.speakerRoles, on: o.start.date)?.citation
                out.append(
                    Finding(
                        rule: "UNCOVERED",
                        severity: .error,
                        occurrences: [o.id],
                        message: "\(o.title.vi) on \(o.start) has no spokesperson",
                        suggestion: "assign one (podium assign) or run podium auto-assign",
                        legalBasis: basis
                    )
                )
                continue
            }
            if a.backups.isEmpty {
                out.append(
                    Finding(
                        rule: "NO-BACKUP",
                        severity: .warning,
                        occurrences: [o.id],
                        message: "\(o.title.vi) on \(o.start) has no backup",
                        suggestion: "add a backup spokesperson",
                        legalBasis: nil
                    )
                )
            }
            guard let p = roster.people[primary.person] else {
                out.append(unknown(primary.person, as: "assigned", o, suggestion: "assign someone on the roster"))
                continue
            }
            if let r = StaticConstraints.refusal(p, for: o) {
                out.append(refusalFinding(r, person: p, occurrence: o, role: nil))
            }
            // Backups must be able to step in: the same static rules apply to them.
            for backup in a.backups {
                guard let b = roster.people[backup.person] else {
                    out.append(unknown(backup.person, as: "backup", o, suggestion: "choose a backup on the roster"))
                    continue
                }
                if let r = StaticConstraints.refusal(b, for: o) {
                    out.append(refusalFinding(r, person: b, occurrence: o, role: "backup"))
                }
            }
            out += panel(o, a, roster)
            if let r = bookings.refusal(p, for: i) {
                var ids = [o.id]
                if case .doubleBooked(let other) = r { ids.insert(other, at: 0) }
                out.append(
                    Finding(
                        rule: r.description.hasPrefix("already speaking") ? "DOUBLE-BOOKED" : "WEEKLY-MAXIMUM",
                        severity: .error,
                        occurrences: ids,
                        message: "\(p.name) \(r)",
                        suggestion: "move one briefing or swap the spokesperson",
                        legalBasis: nil
                    )
                )
            }
            bookings.book(p.id, i)
            if !mentioned.contains(p.id), !p.contact.missing.isEmpty,
                let basis = rule(.contactPublished, on: o.start.date)
            {
                mentioned.insert(p.id)
                out.append(
                    Finding(
                        rule: basis.id,
                        severity: .warning,
                        occurrences: [o.id],
                        message: "\(p.name): missing \(p.contact.missing.joined(separator: ", "))",
                        suggestion: "publish the contact details and record the dates",
                        legalBasis: basis.citation
                    )
                )
            }
        }
        return out
    }

    /// The panel of `o`: every seat it declares is taken (PANEL-SEAT), and everyone seated
    /// may sit in that role (CHAIR-…, PANELIST-…, MODERATOR-…, INTERPRETER-… findings).
    func panel(_ o: Occurrence, _ a: Assignment, _ roster: Roster) -> [Finding] {
        var out: [Finding] = []
        for need in o.panel.open(in: a) {
            let what = need.matter.map { "no \(need.role.rawValue) for \"\($0)\"" } ?? "no \(need.role.rawValue)"
            out.append(
                Finding(
                    rule: "PANEL-SEAT",
                    severity: .warning,
                    occurrences: [o.id],
                    message: "\(o.title.vi) on \(o.start) has \(what)",
                    suggestion: "seat someone (podium assign --panel) or run podium auto-assign",
                    legalBasis: nil
                )
            )
        }
        for twice in AssignmentCheck.alsoNamed(a) {
            out.append(
                Finding(
                    rule: "NAMED-TWICE",
                    severity: .error,
                    occurrences: [o.id],
                    message:
                        "\(twice.person) is named as \(twice.first) and as \(twice.role) (\(o.title.vi), \(o.start))",
                    suggestion: "one person, one role: seat someone else",
                    legalBasis: nil
                )
            )
        }
        for seat in a.panel {
            guard let p = roster.people[seat.person] else {
                out.append(unknown(seat.person, as: seat.role.rawValue, o, suggestion: "seat someone on the roster"))
                continue
            }
            if let r = StaticConstraints.refusal(p, as: seat.role, matter: seat.matter, for: o) {
                out.append(refusalFinding(r, person: p, occurrence: o, role: seat.role.rawValue))
            }
        }
        return out
    }

    /// Someone an assignment names who is not on the roster (`named`: how it names them).
    func unknown(_ person: Spokesperson.ID, as named: String, _ o: Occurrence, suggestion: String) -> Finding {
        Finding(
            rule: "UNKNOWN-PERSON",
            severity: .error,
            occurrences: [o.id],
            message: "\(named) \(person) is not on the roster",
            suggestion: suggestion,
            legalBasis: nil
        )
    }

    /// A finding for a static refusal of a primary (`role` nil), a backup or a panel seat
    /// (`role` names it: "backup", "chair", "panelist", …).
    func refusalFinding(_ r: Refusal, person p: Spokesperson, occurrence o: Occurrence, role: String?) -> Finding {
        let id: String
        switch r {
        case .notEntitled: id = "NOT-ENTITLED"
        case .unavailable: id = "UNAVAILABLE"
        case .language: id = "LANGUAGE"
        default: id = "INACTIVE"
        }
        return Finding(
            rule: role.map { $0.uppercased() + "-" + id } ?? id,
            severity: role == nil || id == "NOT-ENTITLED" ? .error : .warning,
            occurrences: [o.id],
            message: "\(role.map { $0 + " " } ?? "")\(p.name) \(r) (\(o.title.vi), \(o.start))",
            suggestion: role.map { "choose another \($0)" } ?? "assign another eligible person",
            legalBasis: id == "NOT-ENTITLED" ? rule(.speakerRoles, on: o.start.date)?.citation : nil
        )
    }

    func venues(_ happening: [Occurrence]) -> [Finding] {
        var out: [Finding] = []
        // By index: grouping the values would copy every occurrence.
        var byVenue: [Venue.ID: [Int]] = [:]
        for i in happening.indices { if let v = happening[i].venue { byVenue[v, default: []].append(i) } }
        for (venue, list) in byVenue.sorted(by: { $0.key < $1.key }) {
            for (i, j) in zip(list, list.dropFirst()) where happening[j].startInstant < happening[i].endInstant {
                let (a, b) = (happening[i], happening[j])
                out.append(
                    Finding(
                        rule: "VENUE-CLASH",
                        severity: .error,
                        occurrences: [a.id, b.id],
                        message: "\(venue) is booked twice: \(a.start) and \(b.start)",
                        suggestion: "move one briefing or change its venue",
                        legalBasis: nil
                    )
                )
            }
        }
        return out
    }

    func days(_ happening: [Occurrence]) -> [Finding] {
        var out: [Finding] = []
        for o in happening where !o.isAdHoc {
            if !calendar.isWorkingDay(o.start.date), let r = rule(.noDayOff, on: o.start.date) {
                out.append(
                    Finding(
                        rule: r.id,
                        severity: .error,
                        occurrences: [o.id],
                        message:
                            "\(o.title.vi) on \(o.start.date) falls on a day off (\(calendar.reasonOff(o.start.date) ?? ""))",
                        suggestion: "move it to a working day or set the holiday policy",
                        legalBasis: r.citation
                    )
                )
            }
            if let hours = OfficeHours.applicable(officeHours, on: o.start.date),
                !hours.contains(start: o.start, end: o.end),
                let r = rule(.officeHours, on: o.start.date)
            {
                out.append(
                    Finding(
                        rule: r.id,
                        severity: .warning,
                        occurrences: [o.id],
                        message: "\(o.title.vi) \(o.start)–\(o.end) is outside office hours",
                        suggestion: "hold it within a session",
                        legalBasis: r.citation
                    )
                )
            }
        }
        return out
    }

    /// Ad-hoc briefings in the window whose first statement — the briefing itself, or an
    /// earlier statement in any form (a press release) — came after the deadline.
    func deadlines(_ schedule: Schedule, window: PlanWindow) -> [Finding] {
        var out: [Finding] = []
        for b in schedule.adHoc.values.sorted(by: { $0.id < $1.id })
        where (b.status == .scheduled || b.status == .held) && b.trigger != .planned {
            guard let start = try? TimeZones.instant(of: b.start, in: b.timeZone), start >= window.start,
                start < window.end
            else { continue }
            guard let t = statementTiming(b, schedule, actualStart: nil), !t.met else { continue }
            let dueText = (try? TimeZones.wallTime(of: t.due, in: b.timeZone)).map { "\($0)" } ?? "\(t.due)"
            let statement = b.firstStatementAt.map { _ in "first statement" } ?? "starts \(b.start) (\(b.timeZone)),"
            out.append(
                Finding(
                    rule: t.rule,
                    severity: .error,
                    occurrences: [OccurrenceID(adHoc: b.id)],
                    message:
                        "\(b.title.vi) \(statement) \(Int(t.hours.rounded())) h after its trigger; the deadline was \(dueText) (\(t.deadlineHours) h)",
                    suggestion: "hold it earlier, or give a first statement by other means (press release) in time",
                    legalBasis: t.basis
                )
            )
        }
        return out
    }

    /// How fast an ad-hoc briefing answered its trigger: the first statement is the earliest
    /// of a statement by other means, the actual start (when known) and the planned start;
    /// the deadline is the briefing's own, or a stricter one a rule in force on the trigger
    /// day sets in hours (Decree 09/2017 Art. 6; R-ADHOC-DEADLINE). Nil for a planned one-off.
    public func statementTiming(_ b: AdHocBriefing, _ schedule: Schedule, actualStart: Date?) -> StatementTiming? {
        guard b.trigger != .planned, let start = try? TimeZones.instant(of: b.start, in: b.timeZone) else {
            return nil
        }
        let triggered = (try? TimeZones.wallTime(of: b.triggeredAt, in: b.timeZone))?.date ?? b.start.date
        let applicable = rules.inForce(.adhocDeadline, on: triggered).filter { r in
            r.scope.map { scopes in scopes.contains { covers($0, b.organizer, schedule) } } ?? true
        }
        let ruleHours = applicable.compactMap { $0.parameters["hours"] }.min()
        let hours = min(b.deadline.hours, ruleHours ?? b.deadline.hours)
        let due = b.triggeredAt.addingTimeInterval(TimeInterval(hours * 3600))
        let first = [start, b.firstStatementAt, actualStart].compactMap { $0 }.min()!
        let rule = applicable.first { $0.parameters["hours"] == hours } ?? applicable.first
        return StatementTiming(
            briefing: b.id,
            firstStatement: first,
            hours: first.timeIntervalSince(b.triggeredAt) / 3600,
            deadlineHours: hours,
            due: due,
            rule: rule?.id ?? "R-ADHOC-DEADLINE",
            basis: ruleHours == hours ? rule?.citation : b.deadline.legalBasis
        )
    }

    /// Whether `scope` is `agency` or one of its parents in the schedule.
    func covers(_ scope: Agency.ID, _ agency: Agency.ID, _ schedule: Schedule) -> Bool {
        var current: Agency.ID? = agency
        var steps = 0
        while let c = current, steps < 64 {
            if c == scope { return true }
            current = schedule.agencies[c]?.parent
            steps += 1
        }
        return false
    }

    /// The periodic rules as findings: one for each period a rule was not met.
    func law(_ happening: [Occurrence], _ schedule: Schedule, window: PlanWindow) -> [Finding] {
        periodicVerdicts(happening, schedule, window: window).compactMap(\.finding)
    }

    /// The periodic rules, for every agency a rule binds (its level, or a local rule's
    /// scope): each period of the rule's `months` that lies wholly inside both the window and
    /// the days the agency exists needs a press conference (regular or planned; ad-hoc ones
    /// are reported separately) or, for press information, any statement. A window spanning
    /// a change of the rule judges each period by the version in force on its first day.
    /// The yearly report passes only what was held; the plan check, what is planned.
    public func periodicVerdicts(_ happening: [Occurrence], _ schedule: Schedule, window: PlanWindow)
        -> [PeriodVerdict]
    {
        var out: [PeriodVerdict] = []
        let periodic = rules.filter { $0.kind == .periodicConference || $0.kind == .periodicInformation }
        // By index: grouping the values would copy every occurrence.
        var byOrganizer: [Agency.ID: [Int]] = [:]
        for i in happening.indices { byOrganizer[happening[i].organizer, default: []].append(i) }
        for agency in schedule.agencies.values.sorted(by: { $0.id < $1.id }) {
            // Judged only for the days it exists; a successor inherits nothing it did not hold.
            let from = max(window.from, agency.validFrom ?? window.from)
            let to = min(window.to, agency.validTo.map { $0.adding(days: 1) } ?? window.to)
            guard from < to else { continue }
            let mine = byOrganizer[agency.id] ?? []
            for ruleID in Set(periodic.map(\.id)).sorted() {
                let versions = periodic.filter { r in
                    r.id == ruleID
                        && r.levels.contains(agency.level)
                        && (r.scope.map { $0.contains { covers($0, agency.id, schedule) } } ?? true)
                }
                for version in versions {
                    let months = version.parameters["months"] ?? 1
                    for (a, b) in PlanWindow.periods(months: months, from: from, to: to)
                    where version.isInForce(on: a) {
                        let counted = mine.filter { i in
                            let date = happening[i].start.date
                            guard date >= a, date < b else { return false }
                            guard version.kind == .periodicConference else { return true }
                            return happening[i].form == .pressConference && !isUnplannedAdHoc(happening[i], schedule)
                        }
                        var verdict = PeriodVerdict(
                            rule: version,
                            agency: agency.id,
                            from: a,
                            to: b,
                            counted: counted.map { happening[$0].id },
                            finding: nil
                        )
                        if counted.isEmpty {
                            let adHocConferences = mine.filter {
                                happening[$0].start.date >= a && happening[$0].start.date < b
                                    && happening[$0].form == .pressConference
                                    && isUnplannedAdHoc(happening[$0], schedule)
                            }
                            let period = months == 1 ? "\(a.month)/\(a.year)" : "\(a)…\(b.adding(days: -1))"
                            let what =
                                version.kind == .periodicConference
                                ? "no regular press conference" : "no press information"
                            let note =
                                adHocConferences.isEmpty
                                ? "" : " (an ad-hoc briefing was held; it does not stand for the periodic one)"
                            verdict.finding = Finding(
                                rule: version.id,
                                severity: .error,
                                occurrences: adHocConferences.map { happening[$0].id },
                                message: "\(agency.name.vi): \(what) in \(period)\(note)",
                                suggestion:
                                    version.kind == .periodicConference
                                    ? "hold the periodic press conference in that period"
                                    : "publish the periodic press information",
                                legalBasis: version.citation,
                                agency: agency.id
                            )
                        }
                        out.append(verdict)
                    }
                }
            }
        }
        return out
    }

    /// An ad-hoc briefing called by an event (not a planned one-off).
    func isUnplannedAdHoc(_ o: Occurrence, _ schedule: Schedule) -> Bool {
        guard o.isAdHoc else { return false }
        return schedule.adHoc[AdHocBriefing.ID(o.id.rawValue)]?.trigger != .planned
    }
}

/// One period of a periodic rule for one agency: met when something counted.
public struct PeriodVerdict: Hashable, Sendable {
    public var rule: LegalRule
    public var agency: Agency.ID
    /// The period, `from` inclusive, `to` exclusive.
    public var from: LocalDate
    public var to: LocalDate
    public var counted: [OccurrenceID]
    /// Why it was not met; nil when met.
    public var finding: Finding?

    public var met: Bool { finding == nil }
}

/// How fast an ad-hoc briefing answered its trigger.
public struct StatementTiming: Hashable, Sendable {
    public var briefing: AdHocBriefing.ID
    public var firstStatement: Date
    /// Hours from the trigger to the first statement.
    public var hours: Double
    public var deadlineHours: Int
    public var due: Date
    public var rule: String
    public var basis: String?

    public var met: Bool { firstStatement <= due }
}
