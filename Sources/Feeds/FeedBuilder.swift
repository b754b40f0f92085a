import Foundation
public import ICalendar
public import Scheduling

/// Builds the iCalendar feed of one audience from the schedule — the one place where the
/// engine meets iCalendar.
///
/// Shape (icalendar.md §0–§1): a regular series is one master VEVENT with its RRULE;
/// a cancelled occurrence is an EXDATE on the master; a moved or changed occurrence is a
/// full-copy RECURRENCE-ID override — or, when it jumps past a neighbouring occurrence
/// (which Outlook mishandles), an EXDATE plus a standalone event with its own stable UID;
/// a split is two series with their own UIDs (no RANGE=THISANDFUTURE); ad-hoc briefings are
/// standalone events. SEQUENCE is the engine's revision; DTSTAMP and LAST-MODIFIED are the
/// time of that revision, so the same schedule always gives the same bytes.
public struct FeedBuilder: Sendable {
    public var engine: OccurrenceEngine

    public init(engine: OccurrenceEngine) { self.engine = engine }

    /// The calendar value of a feed.
    /// - Parameter people: who speaks and who sits on the panel of each occurrence
    ///   (`FeedPeople(roster)`); none by default.
    public func calendar(
        for schedule: Schedule,
        audience: FeedAudience,
        options: FeedOptions,
        people: FeedPeople = FeedPeople()
    ) throws(SchedulingError) -> ICalCalendar {
        let context = Context(schedule: schedule, audience: audience, options: options, people: people)
        var events: [ICalEvent] = []
        if case .spokesperson(let person) = audience {
            events = try personalEvents(context, person)
        } else {
            for id in schedule.series.keys.sorted() {
                events += try seriesEvents(schedule.series[id]!, context)
            }
            for id in schedule.adHoc.keys.sorted() {
                if let e = try adHocEvent(schedule.adHoc[id]!, context) { events.append(e) }
            }
        }
        return ICalCalendar(
            productID: "-//Podium//Press Briefings//\(audience.language.rawValue.uppercased())",
            method: audience.method,
            names: [ICalendar.LocalizedText(language: audience.language.rawValue, text: context.feedName)],
            legacyName: context.feedName,
            description: context.feedDescription,
            timeZoneHint: RegularSeries.defaultTimeZone,
            refreshInterval: options.refreshInterval,
            // A personal feed's address holds its token, which the builder does not know.
            source: context.fileName.isEmpty ? nil : options.baseURL.map { "\($0)/feeds/\(context.fileName)" },
            events: events
        )
    }

    /// The feed as RFC 5545 text.
    public func render(
        _ schedule: Schedule,
        audience: FeedAudience,
        options: FeedOptions,
        people: FeedPeople = FeedPeople()
    ) throws -> String {
        try ICalendarWriter.serialise(calendar(for: schedule, audience: audience, options: options, people: people))
    }

    // MARK: - series

    func seriesEvents(_ series: RegularSeries, _ c: Context) throws(SchedulingError) -> [ICalEvent] {
        guard c.includes(series: series) else { return [] }
        let occurrences = try expansion(of: series, c)
        // A series that ended before the window drops out whole.
        guard let last = occurrences.last, last.endInstant >= c.options.now.addingTimeInterval(-c.options.pastWindow)
        else { return [] }
        var master = try c.event(
            uid: c.uid(series.id.rawValue),
            start: .zoned(series.start, tzid: series.timeZone),
            end: .zoned(series.start.adding(seconds: series.duration), tzid: series.timeZone),
            title: series.title,
            description: series.description,
            venue: series.venue,
            form: series.form,
            access: series.access,
            attribution: series.attribution,
            visibility: series.visibility,
            status: series.status,
            link: "series/\(series.id.rawValue)",
            contact: nil,
            revision: max(series.revision, occurrences.map(\.revision).max() ?? 0)
        )
        master.recurrenceRule = series.rule
        var extra: [ICalEvent] = []
        // Neighbours are judged in the rule's own order: a moved occurrence "jumps" when its
        // new start is not strictly between the original starts of the occurrences before
        // and after it.
        let originals = occurrences.map { $0.originalStart! }.sorted()
        for o in occurrences {
            let original = ICalDateTime.zoned(o.originalStart!, tzid: series.timeZone)
            if o.status == .cancelled && series.status != .cancelled {
                master.exceptionDates.append(original)
                continue
            }
            let changed =
                o.start != o.originalStart || o.title != series.title || o.description != series.description
                || o.venue != series.venue || o.end != o.start.adding(seconds: series.duration)
            guard changed || c.people.contacts[o.id] != nil || c.people.panels[o.id] != nil else { continue }
            var copy = try c.event(for: o, uid: master.uid, link: "briefings/\(o.id.rawValue)")
            if o.start != o.originalStart, Self.jumps(o, originals) {
                master.exceptionDates.append(original)
                copy.uid = c.uid(o.id.rawValue.replacingOccurrences(of: "@", with: "-"))
            } else {
                copy.recurrenceID = original
            }
            extra.append(copy)
        }
        return [master] + extra
    }

    /// Whether a moved occurrence lands on or past a neighbouring occurrence's original start
    /// (Outlook mishandles such overrides; icalendar.md §1.4).
    static func jumps(_ o: Occurrence, _ sortedOriginals: [LocalDateTime]) -> Bool {
        guard let original = o.originalStart, let i = sortedOriginals.firstIndex(of: original) else { return false }
        let previous = i > 0 ? sortedOriginals[i - 1] : nil
        let next = i + 1 < sortedOriginals.count ? sortedOriginals[i + 1] : nil
        return (previous.map { o.start <= $0 } ?? false) || (next.map { o.start >= $0 } ?? false)
    }

    /// Every occurrence of a series from its start to its end, or to the horizon for a rule
    /// without one.
    func expansion(of series: RegularSeries, _ c: Context) throws(SchedulingError) -> [Occurrence] {
        let start: Date
        do {
            start = try TimeZones.instant(of: series.start, in: series.timeZone)
        } catch {
            throw .unknownTimeZone(item: "series \(series.id)", tzid: series.timeZone)
        }
        let bounded = series.rule.count != nil || series.rule.until != nil
        let end =
            bounded ? start.addingTimeInterval(60 * 366 * 86_400) : c.options.now.addingTimeInterval(c.options.horizon)
        return try engine.occurrences(
            of: series,
            from: start.addingTimeInterval(-40 * 86_400),
            to: max(end, start.addingTimeInterval(86_400))
        )
    }

    // MARK: - ad-hoc

    func adHocEvent(_ b: AdHocBriefing, _ c: Context) throws(SchedulingError) -> ICalEvent? {
        let o = try engine.occurrence(of: b)
        guard o.endInstant >= c.options.now.addingTimeInterval(-c.options.pastWindow) else { return nil }
        if o.status == .cancelled {
            // Kept visible as cancelled for a grace period, then dropped (icalendar.md §1.4).
            let cancelledAt = c.options.changeTime(o.revision)
            guard c.options.now.timeIntervalSince(cancelledAt) <= c.options.cancelledGracePeriod else { return nil }
            guard
                c.includes(
                    visibility: o.visibility,
                    status: .scheduled,
                    organizer: o.organizer,
                    embargo: o.embargoUntil
                )
            else { return nil }
        } else {
            guard
                c.includes(visibility: o.visibility, status: o.status, organizer: o.organizer, embargo: o.embargoUntil)
            else { return nil }
        }
        return try c.event(for: o, uid: c.uid(b.id.rawValue), link: "briefings/\(o.id.rawValue)")
    }

    // MARK: - personal

    func personalEvents(_ c: Context, _ person: SpokespersonFeed) throws(SchedulingError) -> [ICalEvent] {
        var out: [ICalEvent] = []
        let wanted = Set(person.roles.keys)
        var occurrences: [Occurrence] = []
        for id in c.schedule.series.keys.sorted() {
            let s = c.schedule.series[id]!
            occurrences += try expansion(of: s, c).filter { wanted.contains($0.id) }
        }
        for b in c.schedule.adHoc.values where wanted.contains(OccurrenceID(adHoc: b.id)) {
            occurrences.append(try engine.occurrence(of: b))
        }
        for o in occurrences.sorted(by: { ($0.startInstant, $0.id) < ($1.startInstant, $1.id) }) {
            guard o.endInstant >= c.options.now.addingTimeInterval(-c.options.pastWindow) else { continue }
            var e = try c.event(
                for: o,
                uid: Invitation.uid(o.id, domain: c.options.uidDomain),
                link: "briefings/\(o.id.rawValue)"
            )
            e.sequence = max(o.revision, person.revisions[o.id] ?? 0)
            let role = person.roles[o.id]!
            let label = role.phrase(.vi).prefix(1).uppercased() + role.phrase(.vi).dropFirst()
            e.summary = "[\(role.name(.vi))] \(e.summary ?? "")"
            var lines = ["Vai trò: \(label)"]
            if let others = person.others[o.id] { lines += others }
            if let note = person.notes[o.id] { lines.append("Chuẩn bị: \(note)") }
            if let d = e.description { lines.append(d) }
            e.description = lines.joined(separator: "\n")
            if let email = person.email {
                e.attendees = [
                    CalendarUser(
                        address: "mailto:\(email)",
                        commonName: person.name,
                        role: Invitation.participantRole(role)
                    )
                ]
            }
            out.append(e)
        }
        return out
    }
}
