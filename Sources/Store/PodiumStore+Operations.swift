public import Foundation
import GRDB
public import ICalendar
public import Scheduling

/// The secretariat's changes, each one transaction with its audit entry, validated by the
/// engine before anything is written, and refused when based on a stale revision.
extension PodiumStore {
    /// The engine used to validate changes (validation does not depend on holidays).
    static let validator = OccurrenceEngine(calendar: WorkingCalendar(years: 2000...2000, pending: []))

    /// Loads a series, checks `expectedRevision`, applies `change`, validates and stores it.
    /// - Returns: the revision of this change.
    @discardableResult
    public func updateSeries(
        _ id: RegularSeries.ID,
        expectedRevision: Int?,
        actor: String,
        at: Date,
        action: String,
        _ change: (inout RegularSeries) throws(SchedulingError) -> Void
    ) throws(StoreError) -> Int {
        try write { db in
            var series = try Self.series(db, id)
            let current = try Self.checkRevision(db, series, expected: expectedRevision)
            do {
                try change(&series)
                try Self.validator.validate(series)
            } catch {
                throw StoreError.invalid("\(error)")
            }
            guard let revision = try Self.upsertSeries(db, series, at: at, actor: actor, action: action) else {
                return current
            }
            return revision
        }
    }

    /// The revision a client must quote to change a series: the newest of the series and its
    /// exceptions (the ETag of the API).
    static func currentRevision(_ db: Database, _ s: RegularSeries) throws -> Int {
        max(s.revision, s.exceptions.values.map(\.revision).max() ?? 0)
    }

    public func seriesRevision(_ id: RegularSeries.ID) throws(StoreError) -> Int {
        try read { db in try Self.currentRevision(db, try Self.series(db, id)) }
    }

    static func series(_ db: Database, _ id: RegularSeries.ID) throws -> RegularSeries {
        guard let row = try SeriesTable.one(db, id.rawValue) else {
            throw StoreError.notFound(entity: "series", id: id.rawValue)
        }
        return try row.body.series(id: row.id, revision: row.revision)
    }

    /// The current revision of a series, refusing a change based on another one.
    static func checkRevision(_ db: Database, _ s: RegularSeries, expected: Int?) throws -> Int {
        let current = try currentRevision(db, s)
        if let expected, expected != current {
            throw StoreError.conflict(entity: "series", id: s.id.rawValue, expected: expected, current: current)
        }
        return current
    }

    public func cancelOccurrence(
        series: RegularSeries.ID,
        original: LocalDateTime,
        reason: String,
        expectedRevision: Int?,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int {
        try refuseCancellingHeld(OccurrenceID(series: series, originalStart: original))
        return try updateSeries(
            series,
            expectedRevision: expectedRevision,
            actor: actor,
            at: at,
            action: "cancel-occurrence"
        ) { s in
            var e = s.exceptions[original] ?? OccurrenceException(originalStart: original, revision: 0)
            e.cancellationReason = reason
            e.newStart = nil
            s.exceptions[original] = e
        }
    }

    /// A briefing whose recorded outcome says it was held cannot be cancelled afterwards: the
    /// yearly report would count a cancelled briefing as held (docs/outcomes.md). The
    /// outcome is changed first (not held, with the reason).
    func refuseCancellingHeld(_ id: OccurrenceID) throws(StoreError) {
        if try outcome(id)?.wasHeld == true {
            throw .invalid(
                "\(id) was held (its outcome is recorded); record it as not held instead: podium outcome record \(id) --result not-held --reason …"
            )
        }
    }

    public func moveOccurrence(
        series: RegularSeries.ID,
        original: LocalDateTime,
        to newStart: LocalDateTime?,
        venue: Venue.ID?,
        reason: String,
        expectedRevision: Int?,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int {
        try updateSeries(series, expectedRevision: expectedRevision, actor: actor, at: at, action: "move-occurrence") {
            s in
            var e = s.exceptions[original] ?? OccurrenceException(originalStart: original, revision: 0)
            e.cancellationReason = nil
            if let newStart { e.newStart = newStart }
            if let venue { e.newVenue = venue }
            e.reason = reason
            s.exceptions[original] = e
        }
    }

    /// Splits a series ("this and following") in one transaction: the old series ends, the
    /// new one continues, both linked.
    public func split(
        series id: RegularSeries.ID,
        at original: LocalDateTime,
        newID: RegularSeries.ID,
        expectedRevision: Int?,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int {
        try write { db in
            let series = try Self.series(db, id)
            guard try !SeriesTable.exists(db, newID.rawValue) else {
                throw StoreError.invalid("series \(newID) already exists")
            }
            let current = try Self.checkRevision(db, series, expected: expectedRevision)
            let (ended, next): (RegularSeries, RegularSeries)
            do {
                (ended, next) = try Self.validator.split(series, at: original, newID: newID, revision: current + 1)
                try Self.validator.validate(ended)
                try Self.validator.validate(next)
            } catch {
                throw StoreError.invalid("\(error)")
            }
            _ = try Self.upsertSeries(db, ended, at: at, actor: actor, action: "split")
            return try Self.upsertSeries(db, next, at: at, actor: actor, action: "split") ?? current
        }
    }

    /// Creates or replaces an ad-hoc briefing (a new one needs `expectedRevision` nil).
    @discardableResult
    public func saveAdHoc(_ b: AdHocBriefing, expectedRevision: Int?, actor: String, at: Date) throws(StoreError) -> Int
    {
        do { _ = try Self.validator.occurrence(of: b) } catch { throw StoreError.invalid(error.description) }
        if b.status == .cancelled { try refuseCancellingHeld(OccurrenceID(adHoc: b.id)) }
        return try write { db in
            try Self.checkIDFree(db, b.id.rawValue, for: AdHocTable.self)
            let old = try AdHocTable.one(db, b.id.rawValue)
            if let expectedRevision, let old, old.revision != expectedRevision {
                throw StoreError.conflict(
                    entity: "adhoc",
                    id: b.id.rawValue,
                    expected: expectedRevision,
                    current: old.revision
                )
            }
            if expectedRevision == nil, old != nil {
                throw StoreError.invalid("ad-hoc briefing \(b.id) already exists; quote its revision to change it")
            }
            guard
                let revision = try Self.upsert(
                    db,
                    AdHocTable.self,
                    id: b.id.rawValue,
                    body: AdHocBody(b),
                    at: at,
                    actor: actor,
                    action: "update"
                )
            else { return old?.revision ?? 0 }
            return revision
        }
    }

    public func adHoc(_ id: AdHocBriefing.ID) throws(StoreError) -> AdHocBriefing {
        try read { db in
            guard let row = try AdHocTable.one(db, id.rawValue) else {
                throw StoreError.notFound(entity: "adhoc", id: id.rawValue)
            }
            return try row.body.briefing(id: row.id, revision: row.revision)
        }
    }
}

extension PodiumStore {
    /// Creates a regular series, validated by the engine; refused if the id exists.
    @discardableResult
    public func createSeries(_ s: RegularSeries, actor: String, at: Date) throws(StoreError) -> Int {
        do { try Self.validator.validate(s) } catch { throw StoreError.invalid("\(error)") }
        return try write { db in
            guard try !SeriesTable.exists(db, s.id.rawValue) else {
                throw StoreError.invalid("series \(s.id) already exists")
            }
            return try Self.upsertSeries(db, s, at: at, actor: actor, action: "create") ?? 0
        }
    }
}

extension PodiumStore {
    /// An approver returns a draft to its editors with a comment: the draft stays a draft,
    /// and the comment is kept in the history of that item (entity `review`), where the
    /// approvals queue and the item's page show it.
    @discardableResult
    public func returnDraft(_ id: String, kind: String, comment: String, actor: String, at: Date) throws(StoreError)
        -> Int
    {
        let text = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StoreError.invalid("comment: say what to change before it can be approved") }
        return try write { db in
            let after = String(
                decoding: try Self.encoder.encode(["comment": text, "item": "\(kind) \(id)"]),
                as: UTF8.self
            )
            return try Self.record(
                db,
                at: at,
                actor: actor,
                action: "return",
                entity: "review",
                id: id,
                before: nil,
                after: after
            )
        }
    }

    /// The latest comment an approver returned a draft with, if any since it was last saved.
    public func returnComment(_ id: String) throws(StoreError) -> (comment: String, actor: String)? {
        let recent = try history(limit: 20, entityID: id)
        guard let newest = recent.max(by: { $0.revision < $1.revision }), newest.action == "return",
            let data = newest.after?.data(using: .utf8),
            let fields = try? Self.decoder.decode([String: String].self, from: data),
            let comment = fields["comment"]
        else { return nil }
        return (comment, newest.actor)
    }
}
