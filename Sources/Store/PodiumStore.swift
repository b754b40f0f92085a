public import Foundation
import GRDB
public import ICalendar
public import Scheduling

/// The embedded store: one SQLite file (WAL) through GRDB.
///
/// Every mutation is one transaction that also appends an audit entry (who, when, what,
/// before and after); the entry's number is the revision the change publishes. A change
/// based on a stale revision is refused (`StoreError.conflict`) and writes nothing.
public final class PodiumStore: Sendable {
    let writer: any DatabaseWriter
    public let path: String

    private init(writer: any DatabaseWriter, path: String) {
        self.writer = writer
        self.path = path
    }

    /// Opens the database at `path` and brings its schema up to date.
    ///
    /// - Parameter create: make the file when it does not exist. Only `podium init` and
    ///   `podium serve --seed` create a database; every other command refuses a missing file
    ///   (`StoreError.missing`), so a typo in `--database` never yields an empty feed.
    public static func open(path: String, create: Bool = false) throws(StoreError) -> PodiumStore {
        if !create, path != ":memory:", !FileManager.default.fileExists(atPath: path) {
            throw .missing(path: path)
        }
        var config = Configuration()
        config.busyMode = .timeout(2)
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            try Migrations.migrator.migrate(pool)
            return PodiumStore(writer: pool, path: path)
        } catch {
            throw map(error, path: path)
        }
    }

    /// An in-memory store for tests (same schema, same code paths).
    public static func inMemory() throws(StoreError) -> PodiumStore {
        do {
            let queue = try DatabaseQueue()
            try Migrations.migrator.migrate(queue)
            return PodiumStore(writer: queue, path: ":memory:")
        } catch {
            throw map(error, path: ":memory:")
        }
    }

    static func map(_ error: any Error, path: String) -> StoreError {
        if let e = error as? StoreError { return e }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_NOTADB: return .notADatabase(path: path)
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
            case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: e.message ?? "cannot open")
            case .SQLITE_CONSTRAINT where e.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY:
                // The schema's foreign keys (migration v12) behind the engine's own checks: a
                // change that would leave a reference pointing nowhere is refused whole.
                return .invalid(
                    "refused: the change refers to an agency, venue, series or person that does not exist"
                )
            default: return .database(e.message ?? "\(e.resultCode)")
            }
        }
        return .database("\(error)")
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try writer.read(body) } catch { throw Self.map(error, path: path) }
    }

    /// Every write: the body, then — in the same transaction — the messages its changes cause
    /// (`Outbox.enqueue`), so a change is never stored without them, nor they without it.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write { db in
                let mark = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0
                let result = try body(db)
                try Outbox.enqueue(db, changesAfter: mark)
                return result
            }
        } catch { throw Self.map(error, path: path) }
    }

    // MARK: - reading

    /// The whole schedule as engine values.
    public func schedule() throws(StoreError) -> Schedule {
        try read { db in try Self.schedule(db) }
    }

    /// The agencies alone, keyed by id: what access decisions and agency lists need, without
    /// reading the plan's series and briefings.
    public func agencies() throws(StoreError) -> [Agency.ID: Agency] {
        try read { db in
            Dictionary(
                uniqueKeysWithValues: try AgencyTable.all(db).map { ($0.body.agency(id: $0.id)) }.map { ($0.id, $0) }
            )
        }
    }

    static func schedule(_ db: Database) throws -> Schedule {
        let agencies = try AgencyTable.all(db).map { $0.body.agency(id: $0.id) }
        let venues = try VenueTable.all(db).map { $0.body.venue(id: $0.id) }
        let series = try SeriesTable.all(db).map { try $0.body.series(id: $0.id, revision: $0.revision) }
        let adHoc = try AdHocTable.all(db).map { try $0.body.briefing(id: $0.id, revision: $0.revision) }
        return Schedule(agencies: agencies, venues: venues, series: series, adHoc: adHoc)
    }

    /// What can have an occurrence between two local dates (`to` excluded): every agency and
    /// venue, the series whose span meets the window and the ad-hoc briefings that start in
    /// it — read by date through the indexes, not the whole plan. The window is widened by
    /// the engine's own margin for holiday shifts (the days it expands beyond a window) and by
    /// a day for time zones; the engine then cuts it exactly.
    public func schedule(from: LocalDate, to: LocalDate) throws(StoreError) -> Schedule {
        let margin = OccurrenceEngine.holidayMarginDays + 1
        let seriesFrom = from.adding(days: -margin).description
        let seriesTo = to.adding(days: margin).description
        return try read { db in
            Schedule(
                agencies: try AgencyTable.all(db).map { $0.body.agency(id: $0.id) },
                venues: try VenueTable.all(db).map { $0.body.venue(id: $0.id) },
                series: try SeriesTable.fetch(
                    db,
                    Selection("firstDate < ? AND (lastDate IS NULL OR lastDate >= ?)", [seriesTo, seriesFrom])
                ).map { try $0.body.series(id: $0.id, revision: $0.revision) },
                adHoc: try AdHocTable.fetch(
                    db,
                    Selection(
                        "start >= ? AND start < ?",
                        [from.adding(days: -1).description, to.adding(days: 1).description]
                    )
                ).map { try $0.body.briefing(id: $0.id, revision: $0.revision) }
            )
        }
    }

    public func holidayDecisions() throws(StoreError) -> [HolidayDecision] {
        try read { db in try Self.holidayDecisions(db) }
    }

    static func holidayDecisions(_ db: Database) throws -> [HolidayDecision] {
        try DocumentRow.fetchAll(db, sql: "SELECT id, body, revision FROM \(Tables.decision) ORDER BY id").map {
            try PodiumStore.decoder.decode(DecisionBody.self, from: Data($0.body.utf8)).decision(
                year: Int($0.id) ?? 0
            )
        }
    }

    /// The highest revision (change number) so far; 0 for an empty store. Changes whenever
    /// anything is written, so caches keyed on it (rendered feeds) stay right.
    public func latestRevision() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0 }
    }

    /// When each revision was made: DTSTAMP and LAST-MODIFIED in feeds.
    public func changeTimes() throws(StoreError) -> [Int: Date] {
        try read { db in try Self.changeTimes(db) }
    }

    static func changeTimes(_ db: Database) throws -> [Int: Date] {
        Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, at FROM change").map {
                (($0["id"] as Int), ($0["at"] as Date))
            }
        )
    }

    /// The audit log, newest first.
    public func history(limit: Int = 50, entityID: String? = nil) throws(StoreError) -> [Change] {
        try read { db in
            var sql = "SELECT * FROM change"
            var arguments: StatementArguments = []
            if let entityID {
                sql += " WHERE entityID = ?"
                arguments = [entityID]
            }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments += [limit]
            return try ChangeRow.fetchAll(db, sql: sql, arguments: arguments).map {
                Change(
                    revision: Int($0.id ?? 0),
                    at: $0.at,
                    actor: $0.actor,
                    action: $0.action,
                    entity: $0.entity,
                    entityID: $0.entityID,
                    before: $0.before,
                    after: $0.after
                )
            }
        }
    }
}

extension PodiumStore {
    /// How many audited changes of one action each entity had (swaps per occurrence, for the
    /// yearly report).
    public func changeCounts(action: String, entity: String) throws(StoreError) -> [String: Int] {
        try read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db,
                    sql: "SELECT entityID, COUNT(*) AS n FROM change WHERE action = ? AND entity = ? GROUP BY entityID",
                    arguments: [action, entity]
                ).map { ($0["entityID"] as String, $0["n"] as Int) }
            )
        }
    }
}

/// One audit entry.
public struct Change: Hashable, Sendable, Codable {
    public var revision: Int
    public var at: Date
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: String
    public var before: String?
    public var after: String?
}
