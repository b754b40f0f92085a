public import Foundation
import GRDB
import ICalendar
public import Scheduling

/// Office hours are stored as a setting (one JSON list), written by plan import.
struct OfficeHoursBody: Codable, Equatable {
    var from: String?
    var months: [Int]
    var sessions: [[Int]]

    init(_ h: OfficeHours) {
        from = h.validFrom?.description
        months = h.months.sorted()
        sessions = h.sessions.map { [$0.start, $0.end] }
    }

    var hours: OfficeHours {
        OfficeHours(
            sessions: sessions.map { OfficeHours.Session(($0[0] / 60, $0[0] % 60), ($0[1] / 60, $0[1] % 60)) },
            months: Set(months),
            validFrom: from.flatMap { LocalDate(iso: $0) }
        )
    }
}

extension PodiumStore {
    public func officeHours() throws(StoreError) -> [OfficeHours] {
        try read { db in try Self.officeHours(db) }
    }

    static func officeHours(_ db: Database) throws -> [OfficeHours] {
        guard let row = try row(db, Tables.setting, "office-hours") else { return [] }
        return try decoder.decode([OfficeHoursBody].self, from: Data(row.body.utf8)).map(\.hours)
    }

    public func saveOfficeHours(_ hours: [OfficeHours], actor: String, at: Date) throws(StoreError) -> Int? {
        try write { db in
            try Self.upsert(
                db,
                table: Tables.setting,
                entity: "setting",
                id: "office-hours",
                body: try Self.json(hours.map(OfficeHoursBody.init)),
                at: at,
                actor: actor,
                action: "import"
            )
        }
    }
}

extension PodiumStore {
    /// The province's own legal rules, stored from its plan (`local-rules:`), stricter than
    /// the national ones read from `calendars/rules/`.
    public func localRules() throws(StoreError) -> [LegalRule] {
        try read { db in try Self.localRules(db) }
    }

    static func localRules(_ db: Database) throws -> [LegalRule] {
        guard let row = try row(db, Tables.setting, "local-rules") else { return [] }
        return try decoder.decode([LegalRule].self, from: Data(row.body.utf8))
    }
}

extension PodiumStore {
    /// The agencies whose swaps go through without the secretariat's approval (a setting).
    public func swapAutoApproval() throws(StoreError) -> Set<Agency.ID> {
        try read { db in
            guard let row = try Self.row(db, Tables.setting, "swap-auto-approve") else { return [] }
            return Set(try Self.decoder.decode([String].self, from: Data(row.body.utf8)).map { Agency.ID($0) })
        }
    }

    public func setSwapAutoApproval(_ agencies: Set<Agency.ID>, actor: String, at: Date) throws(StoreError) {
        try write { db in
            _ = try Self.upsert(
                db,
                table: Tables.setting,
                entity: "setting",
                id: "swap-auto-approve",
                body: try Self.json(agencies.map(\.rawValue).sorted()),
                at: at,
                actor: actor,
                action: "edit"
            )
        }
    }
}
