import Foundation
public import ICalendar
public import Scheduling

/// Turns an .ics file read by `ICalendarParser` into Podium values, with a report of what
/// was taken and what was skipped and why. The caller stores the result in one transaction,
/// so an import is all or nothing.
public enum CalendarImport {
    public struct Report: Sendable {
        public var taken: [String] = []
        public var skipped: [String] = []
    }

    /// A holiday calendar: every all-day event's days become days off.
    public static func holidays(_ c: ICalCalendar, source: String) -> ([Holiday], Report) {
        var report = Report(skipped: c.skipped.map(\.description))
        var out: [Holiday] = []
        for e in c.events {
            guard case .date(let first) = e.start else {
                report.skipped.append("\(e.uid): not an all-day event")
                continue
            }
            var last = first
            if case .date(let end)? = e.end { last = end.adding(days: -1) }
            var day = first
            while day <= last && day.daysSinceEpoch - first.daysSinceEpoch < 60 {
                out.append(
                    Holiday(
                        date: day,
                        name: BilingualText(vi: e.summary ?? "Ngày nghỉ"),
                        kind: .imported,
                        legalBasis: "imported from \(source)"
                    )
                )
                day = day.adding(days: 1)
            }
            report.taken.append("\(e.uid): \(first)…\(last) \(e.summary ?? "")")
        }
        return (out, report)
    }

    /// What a schedule import makes.
    public struct Schedule: Sendable {
        public var series: [RegularSeries]
        public var adHoc: [AdHocBriefing]
        /// A venue for each distinct LOCATION, so no field is lost.
        public var venues: [Venue]
        public var report: Report
    }

    /// The language of an imported text: given, or Vietnamese when it has Vietnamese letters
    /// (or any letter outside ASCII), else English.
    static func language(of text: String, given: Language?) -> Language {
        if let given { return given }
        return text.unicodeScalars.contains { $0.value > 0x7F && $0.properties.isAlphabetic } ? .vi : .en
    }

    /// Text in the language it is written in. The model's Vietnamese text is required, so an
    /// English-only text serves as both until someone translates it; its English is marked.
    static func text(_ s: String, given: Language?) -> BilingualText {
        language(of: s, given: given) == .vi ? BilingualText(vi: s) : BilingualText(vi: s, en: s)
    }

    /// A schedule exported by another tool: recurring events become regular series (EXDATEs
    /// as cancellations, RECURRENCE-ID overrides as moves), single events ad-hoc briefings.
    /// UTC times are read in `timeZone`; all-day and floating events are skipped. Everything
    /// arrives as a draft unless `status` says otherwise (nothing reaches a public feed
    /// unreviewed), each LOCATION becomes a venue, and texts keep their language.
    public static func schedule(
        _ c: ICalCalendar,
        organizer: Agency.ID,
        timeZone: String = RegularSeries.defaultTimeZone,
        status: BriefingStatus = .draft,
        language: Language? = nil,
        existingVenues: [Venue.ID: Venue] = [:]
    )
        throws -> Schedule
    {
        var report = Report(skipped: c.skipped.map(\.description))
        var series: [String: RegularSeries] = [:]
        var adHoc: [AdHocBriefing] = []
        var venues: [String: Venue] = [:]
        var used: Set<String> = []
        /// The venue of a LOCATION text: an existing venue with that name or address, else a new one.
        func venue(_ location: String?) -> Venue.ID? {
            guard let location, !location.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            if let known = existingVenues.values.first(where: {
                $0.name.vi == location || $0.address == location || "\($0.name.vi), \($0.address)" == location
            }) {
                return known.id
            }
            if let v = venues[location] { return v.id }
            let name = location.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) }
            let v = Venue(
                id: Venue.ID(slug("dia-diem-" + Slug.make(name ?? location, maxLength: 40))),
                name: BilingualText(vi: name ?? location),
                address: location
            )
            venues[location] = v
            return v.id
        }
        func slug(_ uid: String) -> String {
            var s = String(
                uid.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" }.prefix(60)
            )
            if s.isEmpty { s = "imported" }
            var candidate = s
            var n = 2
            while used.contains(candidate) {
                candidate = "\(s)-\(n)"
                n += 1
            }
            used.insert(candidate)
            return candidate
        }
        func local(_ v: ICalDateTime) throws -> (LocalDateTime, String)? {
            switch v {
            case .zoned(let t, let tzid): return (t, tzid)
            case .utc(let t): return (try TimeZones.wallTime(of: t.asUTCDate, in: timeZone), timeZone)
            case .floating, .date: return nil
            }
        }
        func length(_ e: ICalEvent) throws -> Int {
            if let end = e.end {
                return Int(try TimeZones.instant(of: end).timeIntervalSince(try TimeZones.instant(of: e.start)))
            }
            return e.duration ?? 3600
        }
        var ids: [String: String] = [:]
        for e in c.events where e.recurrenceID == nil {
            guard let (start, tzid) = try local(e.start) else {
                report.skipped.append("\(e.uid): all-day or floating time, not a briefing")
                continue
            }
            let minutes = try length(e)
            guard minutes > 0 else {
                report.skipped.append("\(e.uid): ends before it starts")
                continue
            }
            let id = slug(e.uid)
            ids[e.uid] = id
            let title = text(e.summary ?? "(không tên)", given: language)
            if let rule = e.recurrenceRule {
                var s = RegularSeries(
                    id: RegularSeries.ID(id),
                    title: title,
                    organizer: organizer,
                    rule: rule,
                    start: start,
                    duration: minutes,
                    timeZone: tzid,
                    holidayPolicy: .keep
                )
                s.description = e.description.map { text($0, given: language) }
                s.venue = venue(e.location)
                s.status = status
                for x in e.exceptionDates {
                    if let (t, _) = try local(x) { s.exceptions[t] = .cancel(t, reason: "EXDATE", revision: 1) }
                }
                series[e.uid] = s
                report.taken.append("\(e.uid): series \(id) (\(rule.text))")
            } else {
                var b = AdHocBriefing(
                    id: AdHocBriefing.ID(id),
                    title: title,
                    organizer: organizer,
                    trigger: .pressRequest,
                    triggeredAt: try TimeZones.instant(of: e.start),
                    start: start,
                    duration: minutes,
                    timeZone: tzid
                )
                b.description = e.description.map { text($0, given: language) }
                b.venue = venue(e.location)
                b.status = e.status == .cancelled ? .cancelled : status
                adHoc.append(b)
                report.taken.append("\(e.uid): ad-hoc briefing \(id)")
            }
        }
        for e in c.events {
            guard let rid = e.recurrenceID else { continue }
            // Only what is needed is read, so no copy of the series (and its exceptions) stays
            // alive while its exceptions are added to in place.
            guard let (seriesTitle, seriesVenue) = series[e.uid].map({ ($0.title.vi, $0.venue) }),
                let (original, _) = try local(rid), let (moved, _) = try local(e.start)
            else {
                report.skipped.append("\(e.uid): override without a usable series")
                continue
            }
            var x = OccurrenceException.move(
                original,
                to: moved == original ? nil : moved,
                reason: "imported override",
                revision: 1
            )
            if e.summary != nil && e.summary != seriesTitle { x.title = text(e.summary!, given: language) }
            if let v = venue(e.location), v != seriesVenue { x.newVenue = v }
            if e.status == .cancelled { x = .cancel(original, reason: "cancelled override", revision: 1) }
            // In place: copying the series out and back copied its growing exceptions each
            // time (thousands of overrides were quadratic).
            series[e.uid]?.exceptions[original] = x
            report.taken.append("\(e.uid): override of \(original)")
        }
        return Schedule(
            series: series.values.sorted { $0.id < $1.id },
            adHoc: adHoc.sorted { $0.id < $1.id },
            venues: venues.values.sorted { $0.id < $1.id },
            report: report
        )
    }
}
