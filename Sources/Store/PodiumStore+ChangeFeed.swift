public import Foundation
import GRDB
import ICalendar
public import Scheduling

/// A change a subscriber would want to hear about, read back from the audit log: a briefing
/// moved, cancelled, or newly published.
public struct ScheduleChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case added, moved, cancelled
    }

    public var revision: Int
    public var at: Date
    public var kind: Kind
    public var occurrence: OccurrenceID
    public var reason: String?
}

extension PodiumStore {
    /// The latest changes to series occurrences and ad-hoc briefings, newest first (the
    /// journalists' Atom feed; the caller keeps only what its audience may see).
    public func scheduleChanges(limit: Int = 200) throws(StoreError) -> [ScheduleChange] {
        try read { db in
            var out: [ScheduleChange] = []
            let rows = try ChangeRow.fetchAll(
                db,
                sql: "SELECT * FROM change WHERE entity IN ('series', 'adhoc') ORDER BY id DESC LIMIT ?",
                arguments: [limit * 4]
            )
            for r in rows {
                guard let id = r.id else { continue }
                let revision = Int(id)
                if r.entity == "series" {
                    let before = try r.before.map { try Self.decoder.decode(SeriesBody.self, from: Data($0.utf8)) }
                    guard let after = try r.after.map({ try Self.decoder.decode(SeriesBody.self, from: Data($0.utf8)) })
                    else { continue }
                    let old = Dictionary(
                        (before?.exceptions ?? []).map { ($0.original, $0) },
                        uniquingKeysWith: { a, _ in a }
                    )
                    for e in after.exceptions
                    where old[e.original].map({ $0.cancel != e.cancel || $0.moveTo != e.moveTo }) ?? true {
                        guard let original = LocalDateTime(iso: e.original) else { continue }
                        let occurrence = OccurrenceID(series: RegularSeries.ID(r.entityID), originalStart: original)
                        if let cancel = e.cancel {
                            out.append(
                                ScheduleChange(
                                    revision: revision,
                                    at: r.at,
                                    kind: .cancelled,
                                    occurrence: occurrence,
                                    reason: cancel
                                )
                            )
                        } else if e.moveTo != nil {
                            out.append(
                                ScheduleChange(
                                    revision: revision,
                                    at: r.at,
                                    kind: .moved,
                                    occurrence: occurrence,
                                    reason: e.reason
                                )
                            )
                        }
                    }
                    if before?.status != .scheduled && after.status == .scheduled {
                        out.append(
                            ScheduleChange(
                                revision: revision,
                                at: r.at,
                                kind: .added,
                                occurrence: OccurrenceID(rawValue: r.entityID),
                                reason: nil
                            )
                        )
                    }
                } else {
                    let before = try r.before.map { try Self.decoder.decode(AdHocBody.self, from: Data($0.utf8)) }
                    guard let after = try r.after.map({ try Self.decoder.decode(AdHocBody.self, from: Data($0.utf8)) })
                    else { continue }
                    let occurrence = OccurrenceID(rawValue: r.entityID)
                    if after.status == .cancelled && before?.status != .cancelled {
                        out.append(
                            ScheduleChange(
                                revision: revision,
                                at: r.at,
                                kind: .cancelled,
                                occurrence: occurrence,
                                reason: after.cancellationReason
                            )
                        )
                    } else if after.status == .scheduled && before?.status != .scheduled {
                        out.append(
                            ScheduleChange(
                                revision: revision,
                                at: r.at,
                                kind: .added,
                                occurrence: occurrence,
                                reason: nil
                            )
                        )
                    } else if after.status == .scheduled, let before, before.start != after.start {
                        out.append(
                            ScheduleChange(
                                revision: revision,
                                at: r.at,
                                kind: .moved,
                                occurrence: occurrence,
                                reason: nil
                            )
                        )
                    }
                }
                if out.count >= limit { break }
            }
            return Array(out.prefix(limit))
        }
    }
}
