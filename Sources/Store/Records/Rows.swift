import Foundation
import GRDB

/// One stored document (a setting, a year's holiday decision): configuration kept whole as
/// JSON, an id and the revision of its last change. Table names are singular camelCase
/// (GRDB's schema recommendations).
struct DocumentRow: Codable, FetchableRecord, PersistableRecord {
    var id: String
    var body: String
    var revision: Int
}

/// One entry of the audit log. Its id is the store-wide change number, which is the
/// revision every change publishes (feeds turn it into SEQUENCE).
struct ChangeRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "change"
    var id: Int64?
    var at: Date
    var actor: String
    var action: String
    var entity: String
    var entityID: String
    var before: String?
    var after: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The tables that keep documents; the plan's own tables are the `PlanTable`s.
enum Tables {
    static let decision = "holidayDecision"
    static let setting = "setting"
}
