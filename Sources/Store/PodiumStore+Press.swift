public import Foundation
import GRDB
public import ICalendar

/// An accredited press agency: press-only briefings and embargoed ones (with their embargo
/// time) reach it through a private feed and page, while its accreditation runs.
public struct PressAgency: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var contact: String?
    public var accreditedFrom: LocalDate
    public var accreditedTo: LocalDate?

    public init(id: String, name: String, contact: String? = nil, accreditedFrom: LocalDate, accreditedTo: LocalDate?) {
        self.id = id
        self.name = name
        self.contact = contact
        self.accreditedFrom = accreditedFrom
        self.accreditedTo = accreditedTo
    }

    /// Whether the accreditation covers a day.
    public func isAccredited(on day: LocalDate) -> Bool {
        accreditedFrom <= day && (accreditedTo.map { day <= $0 } ?? true)
    }
}

extension PodiumStore {
    /// Adds (or, with `replace`, changes) a press agency in the register.
    public func savePressAgency(_ p: PressAgency, replace: Bool, actor: String, at: Date) throws(StoreError) {
        guard User.isValidName(p.id) else {
            throw .invalid("press agency id \"\(p.id)\": use 2–64 lowercase letters, digits, '.', '-' or '_'")
        }
        if let to = p.accreditedTo, to < p.accreditedFrom { throw .invalid("accreditation ends before it starts") }
        try write { db in
            let old = try Row.fetchOne(db, sql: "SELECT * FROM pressAgency WHERE id = ?", arguments: [p.id])
            if old != nil && !replace { throw StoreError.invalid("press agency \(p.id) already exists") }
            if old == nil && replace { throw StoreError.notFound(entity: "press agency", id: p.id) }
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO pressAgency (id, name, contact, accreditedFrom, accreditedTo, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [p.id, p.name, p.contact, p.accreditedFrom.description, p.accreditedTo?.description, at]
            )
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: replace ? "edit" : "accredit",
                entity: "press",
                id: p.id,
                before: nil,
                after: "\(p.name), \(p.accreditedFrom)…\(p.accreditedTo.map { "\($0)" } ?? "")"
            )
        }
    }

    public func pressAgencies() throws(StoreError) -> [PressAgency] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pressAgency ORDER BY id").compactMap(Self.pressAgency)
        }
    }

    public func pressAgency(_ id: String) throws(StoreError) -> PressAgency? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM pressAgency WHERE id = ?", arguments: [id]).flatMap(
                Self.pressAgency
            )
        }
    }

    static func pressAgency(_ row: Row) -> PressAgency? {
        guard let from = LocalDate(iso: row["accreditedFrom"] as String) else { return nil }
        return PressAgency(
            id: row["id"],
            name: row["name"],
            contact: row["contact"],
            accreditedFrom: from,
            accreditedTo: (row["accreditedTo"] as String?).flatMap { LocalDate(iso: $0) }
        )
    }
}
