public import Foundation
import ICalendar

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

    public init(calendar: WorkingCalendar, officeHours: [OfficeHours] = [], rules: [LegalRule] = LegalRule.standard) {
        self.calendar = calendar
        self.officeHours = officeHours
        self.rules = rules
    }

    func rule(_ id: String, on date: LocalDate) -> LegalRule? { rules.first { $0.id == id && $0.isInForce(on: date) } }

    public func check(_ occurrences: [Occurrence], schedule: Schedule, roster: Roster, from: Date, to: Date)
        -> [Finding]
    {
        let happening = occurrences.filter(\.isHappening).sorted { ($0.startInstant, $0.id) < ($1.startInstant, $1.id) }
        var out: [Finding] = []
        out += people(happening, roster)
        out += venues(happening)
        out += days(happening)
        out += deadlines(schedule, from: from, to: to)
        out += law(happening, schedule, from: from, to: to)
        return out.sorted {
            ($0.severity, $0.rule, $0.occurrences.first ?? OccurrenceID(rawValue: "")) < (
                $1.severity, $1.rule, $1.occurrences.first ?? OccurrenceID(rawValue: "")
            )
        }
    }

    func people(_ happening: [Occurrence], _ roster: Roster) -> [Finding] {
        var out: [Finding] = []
        var bookings = Bookings()
        var mentioned: Set<Spokesperson.ID> = []
        for o in happening {
            guard let a = roster.assignments[o.id], let primary = a.primary else {
                let basis = rule("R-SPOKES-ROLES", on: o.start.date)?.basis
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
                out.append(
                    Finding(
                        rule: "UNKNOWN-PERSON",
                        severity: .error,
                        occurrences: [o.id],
                        message: "assigned \(primary.person) is not on the roster",
                        suggestion: "assign someone on the roster",
                        legalBasis: nil
                    )
                )
                continue
            }
            if let r = StaticConstraints.refusal(p, for: o) {
                out.append(refusalFinding(r, person: p, occurrence: o, role: nil))
            }
            // Backups must be able to step in: the same static rules apply to them.
            for backup in a.backups {
                guard let b = roster.people[backup.person] else {
                    out.append(
                        Finding(
                            rule: "UNKNOWN-PERSON",
                            severity: .error,
                            occurrences: [o.id],
                            message: "backup \(backup.person) is not on the roster",
                            suggestion: "choose a backup on the roster",
                            legalBasis: nil
                        )
                    )
                    continue
                }
                if let r = StaticConstraints.refusal(b, for: o) {
                    out.append(refusalFinding(r, person: b, occurrence: o, role: "backup"))
                }
            }
            if let r = bookings.refusal(p, for: o) {
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
            bookings.book(p.id, o)
            if !mentioned.contains(p.id), !p.contact.missing.isEmpty,
                let basis = rule("R-SPOKES-PUBLISHED", on: o.start.date)
            {
                mentioned.insert(p.id)
                out.append(
                    Finding(
                        rule: basis.id,
                        severity: .warning,
                        occurrences: [o.id],
                        message: "\(p.name): missing \(p.contact.missing.joined(separator: ", "))",
                        suggestion: "publish the contact details and record the dates",
                        legalBasis: basis.basis
                    )
                )
            }
        }
        return out
    }

    /// A finding for a static refusal of a primary (`role` nil) or a backup.
    func refusalFinding(_ r: Refusal, person p: Spokesperson, occurrence o: Occurrence, role: String?) -> Finding {
        let id: String
        switch r {
        case .notEntitled: id = "NOT-ENTITLED"
        case .unavailable: id = "UNAVAILABLE"
        case .language: id = "LANGUAGE"
        default: id = "INACTIVE"
        }
        return Finding(
            rule: role == nil ? id : "BACKUP-" + id,
            severity: role == nil || id == "NOT-ENTITLED" ? .error : .warning,
            occurrences: [o.id],
            message: "\(role == nil ? "" : "backup ")\(p.name) \(r) (\(o.title.vi), \(o.start))",
            suggestion: role == nil ? "assign another eligible person" : "choose another backup",
            legalBasis: id == "NOT-ENTITLED" ? rule("R-SPOKES-ROLES", on: o.start.date)?.basis : nil
        )
    }

    func venues(_ happening: [Occurrence]) -> [Finding] {
        var out: [Finding] = []
        var byVenue: [Venue.ID: [Occurrence]] = [:]
        for o in happening { if let v = o.venue { byVenue[v, default: []].append(o) } }
        for (venue, list) in byVenue.sorted(by: { $0.key < $1.key }) {
            for (a, b) in zip(list, list.dropFirst()) where b.startInstant < a.endInstant {
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
            if !calendar.isWorkingDay(o.start.date), let r = rule("R-HOLIDAYS", on: o.start.date) {
                out.append(
                    Finding(
                        rule: r.id,
                        severity: .error,
                        occurrences: [o.id],
                        message:
                            "\(o.title.vi) on \(o.start.date) falls on a day off (\(calendar.reasonOff(o.start.date) ?? ""))",
                        suggestion: "move it to a working day or set the holiday policy",
                        legalBasis: r.basis
                    )
                )
            }
            if let hours = OfficeHours.applicable(officeHours, on: o.start.date),
                !hours.contains(start: o.start, end: o.end),
                let r = rule("R-WORKWEEK", on: o.start.date)
            {
                out.append(
                    Finding(
                        rule: r.id,
                        severity: .warning,
                        occurrences: [o.id],
                        message: "\(o.title.vi) \(o.start)–\(o.end) is outside office hours",
                        suggestion: "hold it within a session",
                        legalBasis: r.basis
                    )
                )
            }
        }
        return out
    }

    /// Ad-hoc briefings in the window that start after their statutory deadline.
    func deadlines(_ schedule: Schedule, from: Date, to: Date) -> [Finding] {
        var out: [Finding] = []
        for b in schedule.adHoc.values.sorted(by: { $0.id < $1.id }) where b.status == .scheduled || b.status == .held {
            guard let start = try? TimeZones.instant(of: b.start, in: b.timeZone), start >= from, start < to,
                start > b.dueBy
            else { continue }
            let due = (try? TimeZones.wallTime(of: b.dueBy, in: b.timeZone)).map { "\($0)" } ?? "\(b.dueBy)"
            let date = LocalDateTime(utc: b.triggeredAt).date
            out.append(
                Finding(
                    rule: rule("R-ADHOC-DEADLINE", on: date)?.id ?? "R-ADHOC-DEADLINE",
                    severity: .error,
                    occurrences: [OccurrenceID(adHoc: b.id)],
                    message:
                        "\(b.title.vi) starts \(b.start) (\(b.timeZone)), \(Int((start.timeIntervalSince(b.triggeredAt) / 3600).rounded())) h after its trigger; the deadline was \(due) (\(b.deadline.hours) h)",
                    suggestion: "hold it earlier, or give a first statement by other means (press release) in time",
                    legalBasis: b.deadline.legalBasis
                )
            )
        }
        return out
    }

    /// R-PROV-PRESSCONF-3M and R-PROV-INFO-MONTHLY for each province-level organiser.
    func law(_ happening: [Occurrence], _ schedule: Schedule, from: Date, to: Date) -> [Finding] {
        var out: [Finding] = []
        let fromDate = LocalDateTime(utc: from).date
        let toDate = LocalDateTime(utc: to).date
        for agency in schedule.agencies.values.sorted(by: { $0.id < $1.id })
        where agency.level == .province || agency.level == .central {
            let mine = happening.filter { $0.organizer == agency.id }
            guard agency.isValid(on: fromDate) || agency.isValid(on: toDate) else { continue }
            if let r = rule("R-PROV-PRESSCONF-3M", on: toDate) {
                let months = r.parameter ?? 3
                let conferences = mine.filter { $0.form == .pressConference }.map(\.start.date)
                var marks = [fromDate] + conferences + [toDate]
                marks.sort()
                for (a, b) in zip(marks, marks.dropFirst()) where Self.months(from: a, to: b) > Double(months) {
                    let isEdge = a == fromDate || b == toDate
                    out.append(
                        Finding(
                            rule: r.id,
                            severity: isEdge ? .warning : .error,
                            occurrences: [],
                            message:
                                "\(agency.name.vi): no press conference between \(a) and \(b) (more than \(months) months)",
                            suggestion: "schedule a press conference in that gap",
                            legalBasis: r.basis,
                            agency: agency.id
                        )
                    )
                }
                // Each calendar quarter fully inside the window needs one (reported separately).
                var q = LocalDate(year: fromDate.year, month: ((fromDate.month - 1) / 3) * 3 + 1, day: 1)
                while q < toDate {
                    let next = LocalDate(
                        year: q.month >= 10 ? q.year + 1 : q.year,
                        month: q.month >= 10 ? 1 : q.month + 3,
                        day: 1
                    )
                    if q >= fromDate, next <= toDate, !conferences.contains(where: { $0 >= q && $0 < next }) {
                        out.append(
                            Finding(
                                rule: r.id,
                                severity: .warning,
                                occurrences: [],
                                message:
                                    "\(agency.name.vi): no press conference in quarter \((q.month - 1) / 3 + 1)/\(q.year)",
                                suggestion: "hold the quarterly press conference",
                                legalBasis: r.basis,
                                agency: agency.id
                            )
                        )
                    }
                    q = next
                }
            }
            if let r = rule("R-PROV-INFO-MONTHLY", on: toDate) {
                var m = LocalDate(year: fromDate.year, month: fromDate.month, day: 1)
                while m < toDate {
                    let next = LocalDate(
                        year: m.month == 12 ? m.year + 1 : m.year,
                        month: m.month == 12 ? 1 : m.month + 1,
                        day: 1
                    )
                    let informed = mine.contains { $0.start.date >= m && $0.start.date < next }
                    if m >= fromDate, next <= toDate, !informed {
                        out.append(
                            Finding(
                                rule: r.id,
                                severity: .error,
                                occurrences: [],
                                message: "\(agency.name.vi): no press information in \(m.month)/\(m.year)",
                                suggestion: "publish the monthly press information",
                                legalBasis: r.basis,
                                agency: agency.id
                            )
                        )
                    }
                    m = next
                }
            }
        }
        return out
    }

    /// Whole months from one date to another, counting a partial month as more (so 3 Jan →
    /// 4 Apr is more than 3).
    static func months(from a: LocalDate, to b: LocalDate) -> Double {
        let whole = (b.year - a.year) * 12 + (b.month - a.month)
        return Double(whole) + Double(b.day - a.day) / 31
    }
}
