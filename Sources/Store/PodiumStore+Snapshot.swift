public import Foundation
import GRDB
public import Scheduling

/// Everything a reader of the plan needs (feeds, pages, checks), read in one transaction so
/// the revision and the items it stamps belong together.
public struct PlanSnapshot: Sendable {
    public var revision: Int
    public var schedule: Schedule
    public var roster: Roster
    public var decisions: [HolidayDecision]
    public var officeHours: [OfficeHours]
    public var localRules: [LegalRule]
    /// When each revision was made: DTSTAMP and LAST-MODIFIED in feeds.
    public var changeTimes: [Int: Date]

    /// When the newest change was made (Last-Modified of what is rendered from it).
    public var lastModified: Date { changeTimes[revision] ?? Date(timeIntervalSince1970: 0) }
}

/// Tells its owner of every commit that wrote to the audit log, that is of every change.
/// It stops when released.
public final class RevisionObservation: Sendable {
    let observer: CommitObserver

    init(_ observer: CommitObserver) { self.observer = observer }
}

/// GRDB's transaction observer: called on the writer's own thread right after a commit, so
/// it needs no reader connection and no other thread (a ValueObservation reads the new value
/// on a reader queue, and with the cooperative threads blocked on synchronous reads that
/// read never ran: the server hung under concurrent writers).
final class CommitObserver: TransactionObserver, Sendable {
    let onCommit: @Sendable () -> Void

    init(_ onCommit: @escaping @Sendable () -> Void) { self.onCommit = onCommit }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { eventKind.tableName == "change" }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { onCommit() }
    func databaseDidRollback(_ db: Database) {}
}

extension PodiumStore {
    /// The whole plan at one revision, read in one transaction on the caller's thread.
    ///
    /// Synchronous on purpose: GRDB's async read runs its body on a reader queue, which needs
    /// a free thread; on two cores the cooperative pool's threads were all blocked in
    /// synchronous reads waiting for a reader connection, and nothing could run the body.
    public func snapshot() throws(StoreError) -> PlanSnapshot {
        try read { db in
            PlanSnapshot(
                revision: try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0,
                schedule: try Self.schedule(db),
                roster: try Self.roster(db),
                decisions: try Self.holidayDecisions(db),
                officeHours: try Self.officeHours(db),
                localRules: try Self.localRules(db),
                changeTimes: try Self.changeTimes(db)
            )
        }
    }

    /// Calls `onCommit` after every change committed through this store (on the writer's
    /// thread, so keep it short). Changes other processes make on the same file are not seen
    /// (SQLite tells a connection only of its own process's commits): a reader that must see
    /// them also checks `latestRevision()` now and then.
    public func observeCommits(_ onCommit: @escaping @Sendable () -> Void) -> RevisionObservation {
        let observer = CommitObserver(onCommit)
        writer.add(transactionObserver: observer, extent: .observerLifetime)
        return RevisionObservation(observer)
    }
}
