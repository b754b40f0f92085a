import Foundation
import GRDB
import Scheduling

/// Ad-hoc and planned one-off briefings, findable by start (an index on the local start,
/// whose ISO text sorts as time does within one zone).
enum AdHocTable: PlanTable {
    static let name = "adHoc"
    static let entity = "adhoc"

    static func create(_ db: Database) throws {
        try db.create(table: name) { t in
            t.primaryKey("id", .text)
            BriefingColumns.define(t)
            t.column("trigger", .text).notNull()
            t.column("triggeredAt", .datetime).notNull()
            t.column("deadlineHours", .integer).notNull()
            t.column("deadlineBasis", .text).notNull()
            t.column("start", .text).notNull().indexed()
            t.column("cancellationReason", .text)
            t.column("relatedOccurrence", .text)
            t.column("relation", .text)
            t.column("firstStatementAt", .datetime)
            t.column("revision", .integer).notNull()
        }
    }

    static func fetch(_ db: Database, _ selection: Selection) throws -> [Stored<AdHocBody>] {
        return try rows(db, selection).map {
            r in
            let id: String = r["id"]
            let body = AdHocBody(
                title: BilingualText(vi: r["titleVi"], en: r["titleEn"]),
                description: text(r, "description"),
                organizer: r["organizer"],
                topic: r["topic"],
                trigger: try value(r, "trigger", id),
                triggeredAt: r["triggeredAt"],
                deadline: StatementDeadline(hours: r["deadlineHours"], legalBasis: r["deadlineBasis"]),
                start: r["start"],
                duration: r["duration"],
                timeZone: r["timeZone"],
                venue: r["venue"],
                form: try value(r, "form", id),
                access: try value(r, "access", id),
                attribution: try value(r, "attribution", id),
                visibility: try value(r, "visibility", id),
                status: try value(r, "status", id),
                cancellationReason: r["cancellationReason"],
                embargoUntil: r["embargoUntil"],
                languages: ListColumn.split(r["languages"]),
                interpretation: r["interpretation"],
                relatedOccurrence: r["relatedOccurrence"],
                relation: try (r["relation"] as String?).map { _ in try value(r, "relation", id) },
                firstStatementAt: r["firstStatementAt"],
                panel: PanelColumns.needs(r)
            )
            return Stored(id: id, body: body, revision: r["revision"])
        }
    }

    static func save(_ db: Database, _ item: Stored<AdHocBody>) throws {
        let b = item.body
        try upsert(
            db,
            name,
            key: ["id"],
            [
                "id": item.id, "titleVi": b.title.vi, "titleEn": b.title.en, "descriptionVi": b.description?.vi,
                "descriptionEn": b.description?.en, "organizer": b.organizer, "topic": b.topic,
                "trigger": b.trigger.rawValue, "triggeredAt": b.triggeredAt, "deadlineHours": b.deadline.hours,
                "deadlineBasis": b.deadline.legalBasis, "start": b.start, "duration": b.duration,
                "timeZone": b.timeZone, "venue": b.venue, "form": b.form.rawValue, "access": b.access.rawValue,
                "attribution": b.attribution.rawValue, "visibility": b.visibility.rawValue,
                "status": b.status.rawValue, "cancellationReason": b.cancellationReason,
                "embargoUntil": b.embargoUntil, "languages": ListColumn.join(b.languages),
                "interpretation": b.interpretation, "relatedOccurrence": b.relatedOccurrence,
                "relation": b.relation?.rawValue, "firstStatementAt": b.firstStatementAt, "revision": item.revision,
            ]
        )
        try PanelColumns.save(db, name, id: item.id, b.panel)
    }
}
