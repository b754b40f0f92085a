import Foundation
import ICalendar

extension OccurrenceEngine {
    /// Checks a series can be expanded as written, throwing the first problem found:
    /// a usable rule, a positive duration, a known zone, a start that is an occurrence of the
    /// rule (RFC 5545 §3.8.5.3), exceptions that name real occurrences, and no move that lands
    /// on another occurrence of the same series.
    public func validate(_ series: RegularSeries) throws(SchedulingError) {
        let item = "series \(series.id)"
        guard series.duration > 0 else { throw .endBeforeStart(item: item) }
        guard series.start.isValid else { throw .invalidTime(item: item, time: series.start.description) }
        guard TimeZones.isKnown(series.timeZone) else { throw .unknownTimeZone(item: item, tzid: series.timeZone) }
        // A COUNT beyond the engine's bound is a typo, not a plan (a billion briefings).
        if let count = series.rule.count, count > Self.maximumOccurrences {
            throw .tooManyOccurrences(item: item, limit: Self.maximumOccurrences)
        }
        do {
            try series.rule.checkUntil(against: .zoned(series.start, tzid: series.timeZone))
            // What is accepted must be publishable: a feed writes a bounded series whole (its
            // overrides and holiday moves over its entire span), so the whole set must fit the
            // engine's bound — else every feed would fail later (a daily rule until 2080).
            if series.rule.count != nil || series.rule.until != nil {
                let first = try TimeZones.instant(of: series.start, in: series.timeZone)
                _ = try series.recurrenceSet.instances(
                    from: first,
                    to: first.addingTimeInterval(60 * 366 * 86_400),
                    limit: Self.maximumOccurrences
                )
            }
            guard try isInstance(series.start, of: series) else {
                throw SchedulingError.startNotInRule(series: series.id.rawValue, start: series.start.description)
            }
            // Every instance up to the last date an exception names, expanded once: checking
            // each exception by its own expansion from DTSTART made thousands of overrides
            // quadratic (8,000 took 22 s).
            let named = series.exceptions.flatMap { [$0.key] + ($0.value.newStart.map { [$0] } ?? []) }
                .filter(\.isValid)
            var instances: Set<LocalDateTime> = []
            if let last = named.max() {
                let first = try TimeZones.instant(of: series.start, in: series.timeZone)
                let end = try TimeZones.instant(of: last, in: series.timeZone).addingTimeInterval(1)
                if end > first {
                    instances = Set(
                        try series.recurrenceSet.instances(from: first, to: end, limit: Self.maximumOccurrences)
                            .map(\.start.wallTime)
                    )
                }
            }
            for (original, exception) in series.exceptions.sorted(by: { $0.key < $1.key }) where !exception.isEmpty {
                guard original.isValid, instances.contains(original) else {
                    throw SchedulingError.noSuchOccurrence(
                        series: series.id.rawValue,
                        originalStart: original.description
                    )
                }
                if let target = exception.newStart {
                    guard target.isValid else {
                        throw SchedulingError.invalidTime(item: item, time: target.description)
                    }
                    if target != original, instances.contains(target) {
                        throw SchedulingError.moveOntoOccurrence(
                            series: series.id.rawValue,
                            originalStart: original.description,
                            target: target.description
                        )
                    }
                }
            }
        } catch let error as SchedulingError {
            throw error
        } catch let error as ICalendarError {
            throw SchedulingError.wrap(error, series: series.id)
        } catch {
            throw .invalidRule(series: series.id.rawValue, reason: "\(error)")
        }
    }

    /// Every problem in a schedule (each series validated, references resolved).
    public func problems(in schedule: Schedule) -> [SchedulingError] {
        var out: [SchedulingError] = []
        for id in schedule.series.keys.sorted() {
            let s = schedule.series[id]!
            do { try validate(s) } catch { out.append(error) }
            if schedule.agencies[s.organizer] == nil {
                out.append(.unknownReference(item: "series \(id)", kind: "agency", id: s.organizer.rawValue))
            }
            let venues = [s.venue] + s.exceptions.values.map(\.newVenue)
            for case let v? in venues where schedule.venues[v] == nil {
                out.append(.unknownReference(item: "series \(id)", kind: "venue", id: v.rawValue))
            }
        }
        for id in schedule.adHoc.keys.sorted() {
            let b = schedule.adHoc[id]!
            do { _ = try occurrence(of: b) } catch { out.append(error) }
            if schedule.agencies[b.organizer] == nil {
                out.append(.unknownReference(item: "ad-hoc \(id)", kind: "agency", id: b.organizer.rawValue))
            }
            if let v = b.venue, schedule.venues[v] == nil {
                out.append(.unknownReference(item: "ad-hoc \(id)", kind: "venue", id: v.rawValue))
            }
        }
        return out
    }

    /// Whether the rule produces an occurrence starting exactly at `local`.
    func isInstance(_ local: LocalDateTime, of series: RegularSeries) throws -> Bool {
        let instant = try TimeZones.instant(of: local, in: series.timeZone)
        return try series.recurrenceSet.instances(from: instant, to: instant.addingTimeInterval(1))
            .contains { $0.start.wallTime == local }
    }
}
