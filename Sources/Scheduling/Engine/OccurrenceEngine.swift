public import Foundation
public import ICalendar

/// Answers "what briefings happen between A and B, and on which working days".
///
/// Pure: no I/O of its own, no clock (every "now" is a parameter). Recurrence comes from
/// the libical wrapper, so RRULE semantics have one truth shared with the feeds.
public struct OccurrenceEngine: Sendable {
    public var calendar: WorkingCalendar

    /// The bound on occurrences of one series in one expansion.
    public static let maximumOccurrences = 20_000
    /// How far a holiday policy can push an occurrence (a nine-day Tết block plus weekends).
    public static let holidayMarginDays = 16
    static let holidayMargin: TimeInterval = TimeInterval(holidayMarginDays) * 86_400

    public init(calendar: WorkingCalendar) { self.calendar = calendar }

    /// Every occurrence of the schedule starting in `[from, to)`, cancelled ones included
    /// (feeds need them as EXDATEs), ordered by start and then identity.
    ///
    /// A large schedule's series are expanded in two halves at once (`Parallel`); a failure
    /// is reported as a single thread would: the first series in id order, then ad-hoc ones.
    public func occurrences(in schedule: Schedule, from: Date, to: Date) throws(SchedulingError) -> [Occurrence] {
        let ids = schedule.series.keys.sorted()
        let half = ids.count / 2
        let ((first, adHoc), second) = Parallel.both(when: ids.count >= Self.parallelSeries) {
            (expand(ids[..<half], of: schedule, from: from, to: to), expandAdHoc(schedule, from: from, to: to))
        } _: { [self] in
            expand(ids[half...], of: schedule, from: from, to: to)
        }
        var out = try first.get()
        out += try second.get()
        out += try adHoc.get()
        out.sort(byKey: { $0.startOrderKey }, <)
        return out
    }

    /// From this many series on, expansion uses a second thread.
    static let parallelSeries = 200

    private func expand(_ ids: ArraySlice<RegularSeries.ID>, of schedule: Schedule, from: Date, to: Date)
        -> Result<[Occurrence], SchedulingError>
    {
        Result { () throws(SchedulingError) in
            var out: [Occurrence] = []
            for id in ids { out += try occurrences(of: schedule.series[id]!, from: from, to: to) }
            return out
        }
    }

    private func expandAdHoc(_ schedule: Schedule, from: Date, to: Date) -> Result<[Occurrence], SchedulingError> {
        Result { () throws(SchedulingError) in
            var out: [Occurrence] = []
            for id in schedule.adHoc.keys.sorted() {
                let o = try occurrence(of: schedule.adHoc[id]!)
                if o.startInstant >= from && o.startInstant < to { out.append(o) }
            }
            return out
        }
    }

    /// The occurrences of one series starting in `[from, to)`, exceptions and holiday policy
    /// applied.
    public func occurrences(of series: RegularSeries, from: Date, to: Date) throws(SchedulingError) -> [Occurrence] {
        guard series.duration > 0 else { throw .endBeforeStart(item: "series \(series.id)") }
        var originals: [RecurrenceInstance]
        do {
            originals = try series.recurrenceSet.instances(
                from: from.addingTimeInterval(-Self.holidayMargin),
                to: to.addingTimeInterval(Self.holidayMargin),
                limit: Self.maximumOccurrences
            )
            // Occurrences moved into the window from far away.
            let covered = Set(originals.map { $0.start.wallTime })
            for (original, exception) in series.exceptions
            where exception.newStart != nil && !covered.contains(original) {
                let instant = try TimeZones.instant(of: original, in: series.timeZone)
                if let hit = try series.recurrenceSet.instances(from: instant, to: instant.addingTimeInterval(1)).first
                {
                    originals.append(hit)
                }
            }
        } catch {
            throw SchedulingError.wrap(error, series: series.id)
        }
        var out: [Occurrence] = []
        for instance in originals {
            let o = try occurrence(of: series, original: instance.start.wallTime)
            if o.startInstant >= from && o.startInstant < to { out.append(o) }
        }
        return out.sorted { $0.startInstant < $1.startInstant }
    }

    /// One occurrence of a series, from the original start its rule produced.
    public func occurrence(of series: RegularSeries, original: LocalDateTime) throws(SchedulingError) -> Occurrence {
        let exception = series.exceptions[original].flatMap { $0.isEmpty ? nil : $0 }
        var start = original
        var shift: Occurrence.Shift?
        var status = series.status
        var cancellation: String?
        var revision = max(series.revision, series.exceptions[original]?.revision ?? 0)
        if let newStart = exception?.newStart {
            start = newStart
            shift = .moved(reason: exception?.reason)
        } else if series.holidayPolicy != .keep {
            // The holiday data is part of what decides this occurrence's date, so its
            // revision is part of the occurrence's (R-HOLIDAYS; feeds' SEQUENCE).
            revision = max(revision, calendar.revision)
            if !calendar.isWorkingDay(original.date) {
                let reason = calendar.reasonOff(original.date) ?? "day off"
                switch series.holidayPolicy {
                case .skip:
                    status = .cancelled
                    cancellation = "Nghỉ: \(reason)"
                case .nextWorkingDay:
                    start.date = calendar.workingDay(onOrAfter: original.date)
                    shift = .holiday(from: original.date, holiday: reason)
                case .previousWorkingDay:
                    start.date = calendar.workingDay(onOrBefore: original.date)
                    shift = .holiday(from: original.date, holiday: reason)
                case .keep:
                    break
                }
            }
        }
        if let reason = exception?.cancellationReason {
            status = .cancelled
            cancellation = reason
        }
        let duration = exception?.newDuration ?? series.duration
        guard duration > 0 else { throw .endBeforeStart(item: "series \(series.id) at \(original)") }
        let end = start.adding(seconds: duration)
        let startInstant: Date
        let endInstant: Date
        do {
            startInstant = try TimeZones.instant(of: start, in: series.timeZone)
            endInstant = try TimeZones.instant(of: end, in: series.timeZone)
        } catch {
            throw SchedulingError.wrap(error, series: series.id)
        }
        return Occurrence(
            id: OccurrenceID(series: series.id, originalStart: original),
            source: .series(series.id, originalStart: original),
            title: exception?.title ?? series.title,
            description: exception?.description ?? series.description,
            organizer: series.organizer,
            topic: series.topic,
            start: start,
            end: end,
            timeZone: series.timeZone,
            startInstant: startInstant,
            endInstant: endInstant,
            venue: exception?.newVenue ?? series.venue,
            form: series.form,
            access: series.access,
            attribution: series.attribution,
            visibility: series.visibility,
            status: status,
            cancellationReason: cancellation,
            shift: shift,
            embargoUntil: series.embargoUntil,
            languages: series.languages,
            interpretation: series.interpretation,
            panel: series.panel,
            revision: revision
        )
    }

    /// The occurrence of an ad-hoc briefing.
    public func occurrence(of b: AdHocBriefing) throws(SchedulingError) -> Occurrence {
        guard b.duration > 0 else { throw .endBeforeStart(item: "ad-hoc \(b.id)") }
        guard b.start.isValid else { throw .invalidTime(item: "ad-hoc \(b.id)", time: b.start.description) }
        let end = b.start.adding(seconds: b.duration)
        let startInstant: Date
        let endInstant: Date
        do {
            startInstant = try TimeZones.instant(of: b.start, in: b.timeZone)
            endInstant = try TimeZones.instant(of: end, in: b.timeZone)
        } catch {
            throw .unknownTimeZone(item: "ad-hoc \(b.id)", tzid: b.timeZone)
        }
        return Occurrence(
            id: OccurrenceID(adHoc: b.id),
            source: .adHoc(b.id),
            title: b.title,
            description: b.description,
            organizer: b.organizer,
            topic: b.topic,
            start: b.start,
            end: end,
            timeZone: b.timeZone,
            startInstant: startInstant,
            endInstant: endInstant,
            venue: b.venue,
            form: b.form,
            access: b.access,
            attribution: b.attribution,
            visibility: b.visibility,
            status: b.status,
            cancellationReason: b.cancellationReason,
            shift: nil,
            embargoUntil: b.embargoUntil,
            languages: b.languages,
            interpretation: b.interpretation,
            panel: b.panel,
            revision: b.revision
        )
    }
}
