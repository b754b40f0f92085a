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

/// A running observation of the store's revision; it stops when this is released.
public final class RevisionObservation: Sendable {
    let cancellable: AnyDatabaseCancellable

    init(_ cancellable: AnyDatabaseCancellable) { self.cancellable = cancellable }

    deinit { cancellable.cancel() }
}

extension PodiumStore {
    /// The whole plan at one revision, read off the caller's thread (GRDB's async read on a
    /// reader connection of the WAL pool: writers are not blocked, and a server's event
    /// loop never waits on SQLite).
    public func snapshot() async throws(StoreError) -> PlanSnapshot {
        do {
            return try await writer.read { db in
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
        } catch { throw Self.map(error, path: path) }
    }

    /// The latest revision, read off the caller's thread.
    public func currentRevision() async throws(StoreError) -> Int {
        do {
            return try await writer.read { db in try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0 }
        } catch { throw Self.map(error, path: path) }
    }

    /// Calls `onChange` with the new revision after every change committed through this store
    /// (GRDB's ValueObservation of the audit log). Changes other processes make on the same
    /// file are not seen by an observation (SQLite tells a connection only of its own
    /// process's commits): a reader that must see them also checks `currentRevision()` now
    /// and then.
    public func observeRevisions(_ onChange: @escaping @Sendable (Int) -> Void) -> RevisionObservation {
        let observation = ValueObservation.tracking { db in
            try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0
        }.removeDuplicates()
        return RevisionObservation(
            observation.start(
                in: writer,
                scheduling: .async(onQueue: DispatchQueue(label: "podium.revisions")),
                onError: { _ in },
                onChange: onChange
            )
        )
    }
}
