public import Foundation
import GRDB
import ICalendar
public import Scheduling

extension PodiumStore {
    /// The roster: people and assignments.
    public func roster() throws(StoreError) -> Roster {
        try read { db in try Self.roster(db) }
    }

    static func roster(_ db: Database) throws -> Roster {
        let people = try SpokespersonTable.all(db).map { $0.body.spokesperson(id: $0.id) }
        let assignments = try AssignmentTable.all(db).map { $0.body.assignment(id: $0.id, revision: $0.revision) }
        return Roster(people: people, assignments: assignments)
    }

    /// Imports people and plan assignments (part of `importPlan`'s transaction).
    static func importRoster(_ db: Database, _ roster: Roster, _ report: inout ImportReport, actor: String, at: Date)
        throws
    {
        for p in roster.people.values.sorted(by: { $0.id < $1.id }) {
            try importItem(db, SpokespersonTable.self, p.id.rawValue, SpokespersonBody(p), &report, actor, at)
        }
        for a in roster.assignments.values.sorted(by: { $0.occurrence < $1.occurrence }) {
            try importItem(db, AssignmentTable.self, a.occurrence.rawValue, AssignmentBody(a), &report, actor, at)
        }
    }

    static func note(_ report: inout ImportReport, _ label: String, _ existed: Bool, _ revision: Int?) {
        guard let revision else { return report.unchanged.append(label) }
        if existed { report.updated.append(label) } else { report.created.append(label) }
        report.revision = revision
    }

    /// Sets who speaks at an occurrence (manual assignment, swap or override), refusing a
    /// stale revision. The previous assignment stays in the history.
    @discardableResult
    public func assign(_ a: Assignment, expectedRevision: Int?, actor: String, at: Date, action: String = "assign")
        throws(StoreError) -> Int
    {
        try write { db in
            let old = try AssignmentTable.one(db, a.occurrence.rawValue)
            if let expectedRevision, (old?.revision ?? 0) != expectedRevision {
                throw StoreError.conflict(
                    entity: "assignment",
                    id: a.occurrence.rawValue,
                    expected: expectedRevision,
                    current: old?.revision ?? 0
                )
            }
            for person in a.people where try !SpokespersonTable.exists(db, person.rawValue) {
                throw StoreError.notFound(entity: "spokesperson", id: person.rawValue)
            }
            return try Self.upsert(
                db,
                AssignmentTable.self,
                id: a.occurrence.rawValue,
                body: AssignmentBody(a),
                at: at,
                actor: actor,
                action: action
            ) ?? (old?.revision ?? 0)
        }
    }

    /// Stores the outcome of automatic assignment in one transaction; unchanged ones are left.
    public func saveAssignments(_ assignments: [Assignment], actor: String, at: Date) throws(StoreError) -> Int {
        try write { db in
            var changed = 0
            for a in assignments.sorted(by: { $0.occurrence < $1.occurrence }) {
                if try Self.upsert(
                    db,
                    AssignmentTable.self,
                    id: a.occurrence.rawValue,
                    body: AssignmentBody(a),
                    at: at,
                    actor: actor,
                    action: "auto-assign"
                ) != nil {
                    changed += 1
                }
            }
            return changed
        }
    }

    /// Adds a leave, travel or busy interval to a person.
    /// Adds unavailable periods to a person. A period already recorded (same start, end and
    /// kind) is not added again, so importing the same calendar twice changes nothing.
    ///
    /// - Returns: the revision after the change and how many periods were new.
    public func addUnavailability(_ id: Spokesperson.ID, _ u: [Unavailability], actor: String, at: Date)
        throws(StoreError) -> (revision: Int, added: Int)
    {
        try write { db in
            guard let row = try SpokespersonTable.one(db, id.rawValue) else {
                throw StoreError.notFound(entity: "spokesperson", id: id.rawValue)
            }
            var p = row.body.spokesperson(id: row.id)
            var added = 0
            for period in u
            where !p.unavailable.contains(where: {
                $0.start == period.start && $0.end == period.end && $0.kind == period.kind
            }) {
                p.unavailable.append(period)
                added += 1
            }
            guard added > 0 else { return (row.revision, 0) }
            let revision =
                try Self.upsert(
                    db,
                    SpokespersonTable.self,
                    id: id.rawValue,
                    body: SpokespersonBody(p),
                    at: at,
                    actor: actor,
                    action: "unavailable"
                ) ?? row.revision
            return (revision, added)
        }
    }
}

extension PodiumStore {
    /// Creates a person (refused if the id exists) or, with `replace`, updates one.
    @discardableResult
    public func saveSpokesperson(_ p: Spokesperson, replace: Bool, actor: String, at: Date) throws(StoreError) -> Int {
        try write { db in
            let old = try SpokespersonTable.one(db, p.id.rawValue)
            if old != nil && !replace { throw StoreError.invalid("spokesperson \(p.id) already exists") }
            if old == nil && replace { throw StoreError.notFound(entity: "spokesperson", id: p.id.rawValue) }
            return try Self.upsert(
                db,
                SpokespersonTable.self,
                id: p.id.rawValue,
                body: SpokespersonBody(p),
                at: at,
                actor: actor,
                action: replace ? "edit" : "create"
            )
                ?? (old?.revision ?? 0)
        }
    }
}
