import Foundation
import GRDB

/// One stored entity: an id, its JSON body and the revision of its last visible change.
/// Table names are singular camelCase (GRDB's schema recommendations).
struct EntityRow: Codable, FetchableRecord, PersistableRecord {
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

enum Tables {
    static let agency = "agency"
    static let venue = "venue"
    static let series = "series"
    static let adHoc = "adHoc"
    static let decision = "holidayDecision"
    static let setting = "setting"
    static let spokesperson = "spokesperson"
    static let assignment = "assignment"
}
