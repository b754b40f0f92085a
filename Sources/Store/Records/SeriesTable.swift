import Foundation
import GRDB
import ICalendar
import Scheduling

/// Regular series, and their exceptions as rows keyed by (series, original start): each
/// exception keeps its own revision (its SEQUENCE in feeds, RFC 5545 §3.8.7.4), and a removed
/// one stays as a cleared tombstone so revisions never go down.
enum SeriesTable: PlanTable {
    static let name = "series"
    static let entity = "series"

    static func create(_ db: Database) throws {
        try db.create(table: name) { t in
            t.primaryKey("id", .text)
            BriefingColumns.define(t)
            t.column("rrule", .text).notNull()
            t.column("start", .text).notNull()
            t.column("holidayPolicy", .text).notNull()
            t.column("continues", .text).references(name, deferred: true)
            t.column("continuedBy", .text).references(name, deferred: true)
            // The local dates its occurrences can fall on (`RegularSeries.span`): a window
            // reads only the series that can meet it. `lastDate` is NULL for a rule that
            // never ends.
            t.column("firstDate", .text).notNull()
            t.column("lastDate", .text).indexed()
            t.column("revision", .integer).notNull()
        }
        try db.create(table: "seriesException") { t in
            t.column("series", .text).notNull().references(name, onDelete: .cascade, deferred: true)
            t.column("original", .text).notNull()
            t.column("cancel", .text)
            t.column("moveTo", .text)
            t.column("duration", .integer)
            t.column("venue", .text).references(VenueTable.name, deferred: true)
            t.column("titleVi", .text)
            t.column("titleEn", .text)
            t.column("descriptionVi", .text)
            t.column("descriptionEn", .text)
            t.column("reason", .text)
            t.column("revision", .integer).notNull()
            t.primaryKey(["series", "original"])
        }
    }

    static func fetch(_ db: Database, _ selection: Selection) throws -> [Stored<SeriesBody>] {
        let exceptions = try children(db, "seriesException", parent: "series", selection, order: "original")
        return try rows(db, selection).map {
            r in
            let id: String = r["id"]
            let body = SeriesBody(
                title: BilingualText(vi: r["titleVi"], en: r["titleEn"]),
                description: text(r, "description"),
                organizer: r["organizer"],
                topic: r["topic"],
                rrule: r["rrule"],
                start: r["start"],
                duration: r["duration"],
                timeZone: r["timeZone"],
                venue: r["venue"],
                form: try value(r, "form", id),
                access: try value(r, "access", id),
                attribution: try value(r, "attribution", id),
                visibility: try value(r, "visibility", id),
                status: try value(r, "status", id),
                embargoUntil: r["embargoUntil"],
                holidayPolicy: try value(r, "holidayPolicy", id),
                languages: ListColumn.split(r["languages"]),
                interpretation: r["interpretation"],
                exceptions: (exceptions[id] ?? []).map { e in
                    SeriesBody.ExceptionBody(
                        original: e["original"],
                        cancel: e["cancel"],
                        moveTo: e["moveTo"],
                        duration: e["duration"],
                        venue: e["venue"],
                        title: text(e, "title"),
                        description: text(e, "description"),
                        reason: e["reason"],
                        revision: e["revision"]
                    )
                },
                continues: r["continues"],
                continuedBy: r["continuedBy"],
                panel: PanelColumns.needs(r)
            )
            return Stored(id: id, body: body, revision: r["revision"])
        }
    }

    static func save(_ db: Database, _ item: Stored<SeriesBody>) throws {
        let b = item.body
        let span = try b.series(id: item.id, revision: item.revision).span()
        try upsert(
            db,
            name,
            key: ["id"],
            [
                "id": item.id, "titleVi": b.title.vi, "titleEn": b.title.en, "descriptionVi": b.description?.vi,
                "descriptionEn": b.description?.en, "organizer": b.organizer, "topic": b.topic, "rrule": b.rrule,
                "start": b.start, "duration": b.duration, "timeZone": b.timeZone, "venue": b.venue,
                "form": b.form.rawValue, "access": b.access.rawValue, "attribution": b.attribution.rawValue,
                "visibility": b.visibility.rawValue, "status": b.status.rawValue, "embargoUntil": b.embargoUntil,
                "holidayPolicy": b.holidayPolicy.rawValue, "languages": ListColumn.join(b.languages),
                "interpretation": b.interpretation, "continues": b.continues, "continuedBy": b.continuedBy,
                "firstDate": span.first.description, "lastDate": span.last?.description, "revision": item.revision,
            ]
        )
        try PanelColumns.save(db, name, id: item.id, b.panel)
        try db.execute(sql: "DELETE FROM seriesException WHERE series = ?", arguments: [item.id])
        for e in b.exceptions {
            try insert(
                db,
                "seriesException",
                [
                    "series": item.id, "original": e.original, "cancel": e.cancel, "moveTo": e.moveTo,
                    "duration": e.duration, "venue": e.venue, "titleVi": e.title?.vi, "titleEn": e.title?.en,
                    "descriptionVi": e.description?.vi, "descriptionEn": e.description?.en, "reason": e.reason,
                    "revision": e.revision,
                ]
            )
        }
    }
}

/// An optional bilingual text kept as `<prefix>Vi` and `<prefix>En` (absent when `Vi` is NULL).
func text(_ row: NamedRow, _ prefix: String) -> BilingualText? {
    (row[prefix + "Vi"] as String?).map { BilingualText(vi: $0, en: row[prefix + "En"]) }
}

/// An enum column; an unknown value is a corrupt row, named, not a silent default.
func value<T: RawRepresentable>(_ row: NamedRow, _ column: String, _ id: String) throws -> T
where T.RawValue == String {
    guard let v = T(rawValue: row[column]) else {
        throw StoreError.corrupt(entity: column, id: id, reason: "unknown value \"\(row[column] as String)\"")
    }
    return v
}
