public import Foundation
import ICalendar

extension YearReport {
    /// Everything the report is computed from; `occurrences` are those of the year with
    /// cancelled ones and drafts (the builder chooses), as the engine produces them.
    public struct Inputs: Sendable {
        public var year: Int
        public var agency: Agency.ID?
        public var schedule: Schedule
        public var occurrences: [Occurrence]
        public var roster: Roster
        public var outcomes: [OccurrenceID: Outcome]
        public var followUps: [FollowUp]
        public var checker: PlanChecker
        public var narrative: ReportNarrative
        /// The moment the report is made: later briefings are not yet "unrecorded", later
        /// periods not yet judged, and follow-ups are judged on the earlier of this day and
        /// 31 December.
        public var now: Date
        /// Swaps recorded per occurrence (the audit log's `swap` changes).
        public var swaps: [OccurrenceID: Int] = [:]
        /// Declines recorded per occurrence (the audit log's `decline` changes).
        public var declines: [OccurrenceID: Int] = [:]

        public init(
            year: Int,
            agency: Agency.ID?,
            schedule: Schedule,
            occurrences: [Occurrence],
            roster: Roster,
            outcomes: [OccurrenceID: Outcome],
            followUps: [FollowUp],
            checker: PlanChecker,
            narrative: ReportNarrative,
            now: Date
        ) {
            self.year = year
            self.agency = agency
            self.schedule = schedule
            self.occurrences = occurrences
            self.roster = roster
            self.outcomes = outcomes
            self.followUps = followUps
            self.checker = checker
            self.narrative = narrative
            self.now = now
        }
    }

    /// The agency and every agency under it (its departments), or every agency.
    public static func scope(_ agency: Agency.ID?, in schedule: Schedule) -> Set<Agency.ID> {
        guard let agency else { return Set(schedule.agencies.keys) }
        var out: Set<Agency.ID> = [agency]
        var grew = true
        while grew {
            grew = false
            for a in schedule.agencies.values where a.parent.map(out.contains) == true && !out.contains(a.id) {
                out.insert(a.id)
                grew = true
            }
        }
        return out
    }

    /// Computes the report. The year is the calendar year of each occurrence's (planned,
    /// moved) local start; planned = published occurrences, cancelled ones included; held =
    /// those whose outcome says so (docs/outcomes.md).
    public static func build(_ input: Inputs) throws(SchedulingError) -> YearReport {
        let scope = scope(input.agency, in: input.schedule)
        let window = try PlanWindow(
            from: LocalDate(year: input.year, month: 1, day: 1),
            to: LocalDate(year: input.year + 1, month: 1, day: 1)
        )
        let year = input.occurrences.filter {
            $0.start.date.year == input.year && scope.contains($0.organizer) && $0.status != .draft
                && !isSkippedByHolidayPolicy($0, input.schedule)
        }.sorted { $0.startOrderKey < $1.startOrderKey }
        let outcomes = input.outcomes
        let held = year.filter { outcomes[$0.id]?.wasHeld == true }
        let agencyName =
            input.agency.flatMap { input.schedule.agencies[$0]?.name }
            ?? BilingualText(vi: "Tất cả cơ quan", en: "All agencies")
        return YearReport(
            year: input.year,
            agency: input.agency?.rawValue,
            agencyName: agencyName,
            agencies: scope.map(\.rawValue).sorted(),
            narrative: input.narrative,
            summary: summary(year, outcomes, input.schedule, now: input.now),
            compliance: compliance(held, input, scope: scope, window: window),
            adHoc: adHoc(year, input),
            spokespeople: speakers(held, input),
            press: press(year, input),
            unrecorded: year.filter { isUnrecorded($0, outcomes, now: input.now) }.map(\.id.rawValue)
        )
    }

    /// An occurrence a series' `skip` policy drops on a day off: the plan never meant to hold
    /// it, so it is neither planned nor cancelled (a cancellation is an exception's).
    static func isSkippedByHolidayPolicy(_ o: Occurrence, _ schedule: Schedule) -> Bool {
        guard o.status == .cancelled, let id = o.seriesID, let original = o.originalStart else { return false }
        return schedule.series[id]?.exceptions[original]?.cancellationReason == nil
    }

    /// Took place by `now` (or should have) and has no outcome.
    static func isUnrecorded(_ o: Occurrence, _ outcomes: [OccurrenceID: Outcome], now: Date) -> Bool {
        o.isHappening && o.startInstant <= now && outcomes[o.id] == nil
    }

    static func summary(_ year: [Occurrence], _ outcomes: [OccurrenceID: Outcome], _ schedule: Schedule, now: Date)
        -> Summary
    {
        func count(_ items: [Occurrence], key: String, label: String) -> Count {
            Count(
                key: key,
                label: label,
                planned: items.count,
                held: items.filter { outcomes[$0.id]?.wasHeld == true }.count
            )
        }
        let byForm = InformationForm.allCases.compactMap { form -> Count? in
            let items = year.filter { $0.form == form }
            return items.isEmpty ? nil : count(items, key: form.rawValue, label: form.rawValue)
        }
        let byAgency = Dictionary(grouping: year, by: \.organizer).sorted { $0.key < $1.key }.map {
            count($0.value, key: $0.key.rawValue, label: schedule.agencies[$0.key]?.name.vi ?? $0.key.rawValue)
        }
        let byMonth = (1...12).map { m in count(year.filter { $0.start.date.month == m }, key: "\(m)", label: "\(m)") }
        var changes: [ChangeLine] = []
        for o in year {
            func line(_ kind: String, _ reason: String?) {
                changes.append(
                    ChangeLine(
                        occurrence: o.id.rawValue,
                        title: o.title,
                        date: o.start.date.description,
                        kind: kind,
                        reason: reason ?? ""
                    )
                )
            }
            if case .moved(let reason) = o.shift { line("moved", reason) }
            if o.status == .cancelled { line("cancelled", o.cancellationReason) }
            if let r = outcomes[o.id]?.result, !(r == .held) { line(r.name, r.reason) }
        }
        func results(_ name: String) -> Int { year.filter { outcomes[$0.id]?.result.name == name }.count }
        return Summary(
            planned: year.count,
            held: results("held"),
            notHeld: results("not-held"),
            postponed: results("postponed"),
            cancelled: year.filter { $0.status == .cancelled }.count,
            moved: year.filter { if case .moved = $0.shift { return true } else { return false } }.count,
            unrecorded: year.filter { isUnrecorded($0, outcomes, now: now) }.count,
            byForm: byForm,
            byAgency: byAgency,
            byMonth: byMonth,
            changes: changes
        )
    }

    /// Each periodic rule judged on what was held (not on what was planned).
    static func compliance(_ held: [Occurrence], _ input: Inputs, scope: Set<Agency.ID>, window: PlanWindow)
        -> [ComplianceRow]
    {
        let verdicts = input.checker.periodicVerdicts(held, input.schedule, window: window)
            .filter { scope.contains($0.agency) }
        let grouped = Dictionary(grouping: verdicts) { "\($0.rule.id)|\($0.agency.rawValue)" }
        return grouped.keys.sorted().map { key in
            let vs = grouped[key]!.sorted { $0.from < $1.from }
            let first = vs[0]
            return ComplianceRow(
                rule: first.rule.id,
                title: first.rule.title,
                basis: first.rule.citation,
                agency: first.agency.rawValue,
                agencyName: input.schedule.agencies[first.agency]?.name.vi ?? first.agency.rawValue,
                periods: vs.map { v in
                    let last = v.to.adding(days: -1)
                    let ended =
                        (try? TimeZones.instant(of: LocalDateTime(v.to, hour: 0, minute: 0), in: window.timeZone))
                        .map { $0 <= input.now } ?? true
                    let months = (v.to.year - v.from.year) * 12 + v.to.month - v.from.month
                    return PeriodCell(
                        from: v.from.description,
                        to: last.description,
                        label: months == 1
                            ? "\(v.from.month)/\(v.from.year)"
                            : months == 3 && v.from.day == 1 && (v.from.month - 1) % 3 == 0
                                ? "Q\((v.from.month - 1) / 3 + 1)/\(v.from.year)" : "\(v.from)–\(last)",
                        met: v.met,
                        pending: !ended && !v.met,
                        counted: v.counted.count,
                        finding: ended ? v.finding?.message : nil
                    )
                },
                met: vs.filter(\.met).count
            )
        }
    }

    /// Ad-hoc briefings that answered a trigger and took place: how fast, against the deadline.
    static func adHoc(_ year: [Occurrence], _ input: Inputs) -> AdHocSection {
        var lines: [AdHocLine] = []
        var exact: [Double] = []
        for o in year where o.isHappening {
            guard let b = input.schedule.adHoc[AdHocBriefing.ID(o.id.rawValue)], b.triggeredAt <= input.now else {
                continue
            }
            if let r = input.outcomes[o.id]?.result, r != .held { continue }
            let actual = input.outcomes[o.id]?.actualStart.flatMap { try? TimeZones.instant(of: $0, in: o.timeZone) }
            guard let t = input.checker.statementTiming(b, input.schedule, actualStart: actual) else { continue }
            func local(_ d: Date) -> String {
                (try? TimeZones.wallTime(of: d, in: b.timeZone)).map { "\($0)" } ?? "\(d)"
            }
            lines.append(
                AdHocLine(
                    briefing: b.id.rawValue,
                    title: b.title,
                    trigger: b.trigger.rawValue,
                    triggeredAt: local(b.triggeredAt),
                    firstStatementAt: local(t.firstStatement),
                    hours: (t.hours * 10).rounded() / 10,
                    deadlineHours: t.deadlineHours,
                    met: t.met,
                    basis: t.basis
                )
            )
            exact.append(t.hours)
        }
        let bounds = [6, 12, 24, 48]
        var buckets = bounds.map { Bucket(label: "≤ \($0) h", upTo: $0, count: 0) }
        buckets.append(Bucket(label: "> 48 h", upTo: nil, count: 0))
        // Bucketed by the exact time (24 h 02 min is past 24 h), not the rounded one shown.
        for hours in exact {
            let i = bounds.firstIndex { hours <= Double($0) } ?? bounds.count
            buckets[i].count += 1
        }
        return AdHocSection(briefings: lines, distribution: buckets, met: lines.filter(\.met).count)
    }

    /// Who spoke, in which role, how often and for how long (the actual times when recorded).
    static func speakers(_ held: [Occurrence], _ input: Inputs) -> SpeakerSection {
        struct Key: Hashable {
            var person: String?
            var name: String
            var role: String
        }
        var load: [Key: (count: Int, minutes: Int)] = [:]
        var backups: [BackupLine] = []
        for o in held {
            guard let outcome = input.outcomes[o.id] else { continue }
            var minutes = Int(o.endInstant.timeIntervalSince(o.startInstant) / 60)
            if let s = outcome.actualStart, let e = outcome.actualEnd,
                let s0 = try? TimeZones.instant(of: s, in: o.timeZone),
                let e0 = try? TimeZones.instant(of: e, in: o.timeZone)
            {
                minutes = Int(e0.timeIntervalSince(s0) / 60)
            }
            for s in outcome.speakers {
                let name = s.person.flatMap { input.roster.people[$0]?.name } ?? s.name ?? s.person?.rawValue ?? "?"
                let key = Key(person: s.person?.rawValue, name: name, role: s.role.rawValue)
                load[key, default: (0, 0)].count += 1
                load[key, default: (0, 0)].minutes += minutes
            }
            if let a = input.roster.assignments[o.id], let primary = a.primary?.person {
                let spoke = Set(outcome.speakers.compactMap(\.person))
                if !spoke.contains(primary), let backup = a.backups.first(where: { spoke.contains($0.person) }) {
                    backups.append(
                        BackupLine(
                            occurrence: o.id.rawValue,
                            assigned: primary.rawValue,
                            spoke: backup.person.rawValue
                        )
                    )
                }
            }
        }
        let rows = load.map {
            SpeakerLoad(
                person: $0.key.person,
                name: $0.key.name,
                role: $0.key.role,
                count: $0.value.count,
                minutes: $0.value.minutes
            )
        }.sorted { ($1.count, $0.name, $0.role) < ($0.count, $1.name, $1.role) }
        let swapped = held.filter { (input.swaps[$0.id] ?? 0) > 0 }
        let declined = held.filter { (input.declines[$0.id] ?? 0) > 0 }
        return SpeakerSection(
            load: rows,
            backupsUsed: backups,
            swaps: swapped.reduce(0) { $0 + (input.swaps[$1.id] ?? 0) },
            swapped: swapped.map(\.id.rawValue),
            declines: declined.reduce(0) { $0 + (input.declines[$1.id] ?? 0) }
        )
    }

    /// Attendance and questions per month, and the follow-ups as at the end of the year.
    static func press(_ year: [Occurrence], _ input: Inputs) -> PressSection {
        func empty(_ m: Int) -> PressMonth {
            PressMonth(
                month: m,
                briefings: 0,
                agencies: 0,
                journalists: 0,
                foreignAgencies: 0,
                foreignJournalists: 0,
                questionsReceived: 0,
                questionsAnswered: 0
            )
        }
        var months = (1...12).map(empty)
        var total = empty(0)
        for o in year {
            guard let outcome = input.outcomes[o.id], outcome.wasHeld else { continue }
            for i in [o.start.date.month - 1] {
                if let a = outcome.attendance {
                    for target in [i, -1] {
                        var m = target < 0 ? total : months[target]
                        m.briefings += 1
                        m.agencies += a.agencies
                        m.journalists += a.journalists
                        m.foreignAgencies += a.foreignAgencies
                        m.foreignJournalists += a.foreignJournalists
                        if target < 0 { total = m } else { months[target] = m }
                    }
                }
                if let q = outcome.questions {
                    months[i].questionsReceived += q.received
                    months[i].questionsAnswered += q.answered
                    total.questionsReceived += q.received
                    total.questionsAnswered += q.answered
                }
            }
        }
        let ids = Set(year.map(\.id))
        let today =
            (try? TimeZones.wallTime(of: input.now, in: RegularSeries.defaultTimeZone).date)
            ?? LocalDate(year: input.year, month: 12, day: 31)
        let yearEnd = min(LocalDate(year: input.year, month: 12, day: 31), today)
        let mine = input.followUps.filter { ids.contains($0.occurrence) }.sorted {
            ($0.promised, $0.occurrence, $0.id) < ($1.promised, $1.occurrence, $1.id)
        }
        var onTime = 0
        var late = 0
        var open = 0
        var attention: [FollowUpLine] = []
        for f in mine {
            let status: String
            switch f.status(on: yearEnd) {
            case .answered where f.answeredLate:
                late += 1
                status = "answered-late"
            case .answered:
                onTime += 1
                continue
            case .overdue:
                open += 1
                status = "overdue"
            case .open:
                open += 1
                status = "open"
            }
            attention.append(
                FollowUpLine(
                    occurrence: f.occurrence.rawValue,
                    outlet: f.outlet,
                    question: f.question,
                    promised: f.promised.description,
                    answered: f.answered.flatMap { $0 <= yearEnd ? $0.description : nil },
                    status: status
                )
            )
        }
        return PressSection(
            judgedOn: yearEnd.description,
            byMonth: months,
            total: total,
            followUps: mine.count,
            answeredOnTime: onTime,
            answeredLate: late,
            stillOpen: open,
            attention: attention
        )
    }
}
