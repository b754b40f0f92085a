import Foundation
import GRDB
import Scheduling

/// Venues, with their coordinates (GEO in feeds) and capacity.
enum VenueTable: PlanTable {
    static let name = "venue"
    static let entity = "venue"

    static func create(_ db: Database) throws {
        try db.create(table: name) { t in
            t.primaryKey("id", .text)
            t.column("nameVi", .text).notNull()
            t.column("nameEn", .text)
            t.column("address", .text).notNull()
            t.column("latitude", .double)
            t.column("longitude", .double)
            t.column("capacity", .integer)
            t.column("onlineLink", .text)
            t.column("revision", .integer).notNull()
        }
    }

    static func fetch(_ db: Database, _ selection: Selection) throws -> [Stored<VenueBody>] {
        return try rows(db, selection).map {
            r in
            let body = VenueBody(
                name: BilingualText(vi: r["nameVi"], en: r["nameEn"]),
                address: r["address"],
                latitude: r["latitude"],
                longitude: r["longitude"],
                capacity: r["capacity"],
                onlineLink: r["onlineLink"]
            )
            return Stored(id: r["id"], body: body, revision: r["revision"])
        }
    }

    static func save(_ db: Database, _ item: Stored<VenueBody>) throws {
        let b = item.body
        try upsert(
            db,
            name,
            key: ["id"],
            [
                "id": item.id, "nameVi": b.name.vi, "nameEn": b.name.en, "address": b.address,
                "latitude": b.latitude, "longitude": b.longitude, "capacity": b.capacity,
                "onlineLink": b.onlineLink, "revision": item.revision,
            ]
        )
    }
}
