import Foundation
import GRDB
import ICalendar
import Scheduling

/// Memos: the secretariat told of declines, swaps to approve, near briefings whose primary has
/// not acknowledged, ad-hoc deadlines about to pass and briefings without a spokesperson; the
/// spokespeople's weekly digest (docs/notifications.md).
extension Outbox {
    struct Recipient {
        var email: String
        var name: String
        var language: String
        /// The roster person, when the memo is to a spokesperson (a digest).
        var person: Spokesperson.ID? = nil
    }

    /// The secretariat of an agency: enabled users with an address who may edit its plan
    /// (an editor or administrator of it, of an agency above it, or of everything).
    static func secretariat(_ db: Database, of agency: Agency.ID, in schedule: Schedule) throws -> [Recipient] {
        var scopes: Set<String> = [AccessPolicy.everywhere.rawValue]
        var current: Agency.ID? = agency
        var steps = 0
        while let c = current, steps < 64 {
            scopes.insert(c.rawValue)
            current = schedule.agencies[c]?.parent
            steps += 1
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT DISTINCT u.name, u.displayName, u.email, u.language FROM user u JOIN "grant" g ON g.user = u.name
                WHERE u.disabled = 0 AND u.email IS NOT NULL AND u.email != '' AND g.role IN ('editor', 'admin')
                  AND g.scope IN (\(scopes.map { _ in "?" }.joined(separator: ",")))
                ORDER BY u.name
                """,
            arguments: StatementArguments(scopes.sorted())
        ).map { Recipient(email: $0["email"], name: $0["displayName"], language: $0["language"]) }
    }

    /// Queues a memo for each recipient; with a `key`, at most once per key and recipient.
    static func insertMemo(_ db: Database, _ memo: Memo, to recipients: [Recipient], key: String?, at: Date) throws {
        let revision = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM change") ?? 0
        for r in recipients {
            let payload = String(
                decoding: try PodiumStore.encoder.encode(Payload(notice: nil, memo: memo, recipientName: r.name)),
                as: UTF8.self
            )
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO outbox (createdAt, revision, kind, person, occurrence, recipient, language,
                                                  payload, nextAttemptAt, key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    at, revision, "memo:\(memo.kind.rawValue)", r.person?.rawValue, memo.occurrence?.rawValue, r.email,
                    r.language,
                    payload, at, key.map { "\($0)|\(r.email)" },
                ]
            )
        }
    }

    static func when(_ o: Occurrence) -> BilingualText {
        let d = o.start.date
        let time = String(format: "%02d:%02d", o.start.hour, o.start.minute)
        return BilingualText(
            vi: String(format: "%@ %02d/%02d/%04d", time, d.day, d.month, d.year),
            en: String(format: "%04d-%02d-%02d %@", d.year, d.month, d.day, time)
        )
    }

    /// The clock-driven memos due at `now`, each once (by its key).
    static func queueTimed(
        _ db: Database,
        schedule: Schedule,
        roster: Roster,
        engine: OccurrenceEngine,
        now: Date,
        acknowledgeWithin: TimeInterval = 48 * 3600
    ) throws {
        let week = try engine.occurrences(in: schedule, from: now, to: now.addingTimeInterval(7 * 86_400))
            .filter(\.isHappening)
        let acks = try Row.fetchAll(db, sql: "SELECT occurrence, person, sequence FROM acknowledgement")
        var acknowledged: [String: Int] = [:]
        for a in acks { acknowledged["\(a["occurrence"] as String)|\(a["person"] as String)"] = a["sequence"] }
        for o in week {
            let title = o.title
            let when = when(o)
            guard let a = roster.assignments[o.id], let primary = a.primary?.person else {
                // Within three days and nobody to speak.
                guard o.startInstant <= now.addingTimeInterval(3 * 86_400) else { continue }
                try insertMemo(
                    db,
                    Memo(
                        kind: .uncovered,
                        occurrence: o.id,
                        subject: BilingualText(
                            vi: "Chưa có người phát ngôn: \(title.vi) — \(when.vi)",
                            en: "No spokesperson: \(title.text(.en)) — \(when.text(.en))"
                        ),
                        lines: [
                            BilingualText(
                                vi: "\(title.vi), \(when.vi), chưa được phân công người phát ngôn.",
                                en: "\(title.text(.en)), \(when.text(.en)), has no spokesperson assigned."
                            )
                        ]
                    ),
                    to: try secretariat(db, of: o.organizer, in: schedule),
                    key: "uncovered|\(o.id.rawValue)|\(o.revision)",
                    at: now
                )
                continue
            }
            let sequence = max(o.revision, a.revision)
            if o.startInstant <= now.addingTimeInterval(acknowledgeWithin),
                (acknowledged["\(o.id.rawValue)|\(primary.rawValue)"] ?? -1) < sequence
            {
                let name = roster.people[primary]?.name ?? primary.rawValue
                try insertMemo(
                    db,
                    Memo(
                        kind: .unacknowledged,
                        occurrence: o.id,
                        subject: BilingualText(
                            vi: "Chưa xác nhận: \(name), \(title.vi) — \(when.vi)",
                            en: "Not acknowledged: \(name), \(title.text(.en)) — \(when.text(.en))"
                        ),
                        lines: [
                            BilingualText(
                                vi: "\(name) chưa xác nhận phát ngôn tại \(title.vi), \(when.vi).",
                                en: "\(name) has not acknowledged speaking at \(title.text(.en)), \(when.text(.en))."
                            )
                        ]
                    ),
                    to: try secretariat(db, of: o.organizer, in: schedule),
                    key: "unacknowledged|\(o.id.rawValue)|\(sequence)",
                    at: now
                )
            }
        }
        // Ad-hoc statement deadlines passing within six hours with nothing said yet.
        for b in schedule.adHoc.values
        where b.trigger != .planned && b.status != .cancelled && b.firstStatementAt == nil {
            let due = b.triggeredAt.addingTimeInterval(TimeInterval(b.deadline.hours * 3600))
            guard due > now, due <= now.addingTimeInterval(6 * 3600),
                let start = try? TimeZones.instant(of: b.start, in: b.timeZone), start > due
            else { continue }
            let dueText = (try? TimeZones.wallTime(of: due, in: b.timeZone))?.description ?? "\(due)"
            try insertMemo(
                db,
                Memo(
                    kind: .deadline,
                    occurrence: OccurrenceID(adHoc: b.id),
                    subject: BilingualText(
                        vi: "Sắp quá hạn phát ngôn: \(b.title.vi)",
                        en: "Statement deadline close: \(b.title.text(.en))"
                    ),
                    lines: [
                        BilingualText(
                            vi:
                                "Hạn cung cấp thông tin lần đầu là \(dueText); buổi họp báo dự kiến sau thời điểm đó. Hãy họp sớm hơn hoặc phát thông cáo.",
                            en:
                                "The first statement is due by \(dueText); the briefing is planned after that. Hold it earlier or issue a press release."
                        )
                    ]
                ),
                to: try secretariat(db, of: b.organizer, in: schedule),
                key: "deadline|\(b.id.rawValue)|\(b.revision)",
                at: now
            )
        }
        try queueDigests(db, week: week, roster: roster, now: now)
    }

    /// On Mondays from 07:00 (UTC+7): each person with briefings in the coming week gets
    /// the list, once a week.
    static func queueDigests(_ db: Database, week: [Occurrence], roster: Roster, now: Date) throws {
        guard let local = try? TimeZones.wallTime(of: now, in: RegularSeries.defaultTimeZone),
            local.date.isoWeekday == 1, local.hour >= 7
        else { return }
        var mine: [Spokesperson.ID: [(Occurrence, Bool)]] = [:]
        for o in week {
            guard let a = roster.assignments[o.id] else { continue }
            for p in a.people { mine[p, default: []].append((o, a.primary?.person == p)) }
        }
        for (person, items) in mine.sorted(by: { $0.key < $1.key }) {
            let user = try Row.fetchOne(
                db,
                sql:
                    "SELECT email, language, mailOptOut FROM user WHERE person = ? AND disabled = 0 ORDER BY name LIMIT 1",
                arguments: [person.rawValue]
            )
            if ((user?["mailOptOut"] as String?) ?? "").split(separator: ",").contains("digest") { continue }
            guard let p = roster.people[person],
                let email = (user?["email"] as String?).flatMap({ $0.isEmpty ? nil : $0 }) ?? p.contact.email
            else { continue }
            let lines = items.map { o, primary in
                BilingualText(
                    vi: "- \(when(o).vi) · \(o.title.vi) · \(primary ? "chính" : "dự phòng")",
                    en: "- \(when(o).text(.en)) · \(o.title.text(.en)) · \(primary ? "primary" : "backup")"
                )
            }
            try insertMemo(
                db,
                Memo(
                    kind: .digest,
                    occurrence: nil,
                    subject: BilingualText(vi: "Lịch phát ngôn tuần này", en: "Your briefings this week"),
                    lines: lines
                ),
                to: [
                    Recipient(
                        email: email,
                        name: p.name,
                        language: (user?["language"] as String?) ?? "vi",
                        person: person
                    )
                ],
                key: "digest|\(person.rawValue)|\(local.date.adding(days: 0).description)",
                at: now
            )
        }
    }
}
