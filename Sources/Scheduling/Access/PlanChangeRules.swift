/// What a whole plan coming in (an import or an upload) may change, for someone who may or
/// may not approve and administer: the same rules as the workspace's forms, so a file is not
/// a way around them.
///
/// - An agency is created or changed (name, place, dates, whether its items need approval)
///   only by someone who administers it: otherwise an editor could switch approval off for
///   their own agency.
/// - Where an agency's new items wait for approval and the author may not approve, a new
///   series or briefing is stored as a draft whatever the file says, and an existing one's
///   status may not change (publishing and cancelling are the approver's), except a draft
///   withdrawn (cancelled) by its editor.
public enum PlanChangeRules {
    public struct Outcome: Sendable {
        /// The schedule to store: the incoming one, new items of approval-bound agencies as drafts.
        public var schedule: Schedule
        /// Items stored as drafts instead of the status the file gave.
        public var drafted: [String]
        /// Why the plan may not be stored, one line per item.
        public var refusals: [String]
    }

    public static func check(
        _ incoming: Schedule,
        against stored: Schedule,
        mayApprove: (Agency.ID) -> Bool,
        mayAdminister: (Agency.ID) -> Bool
    ) -> Outcome {
        var out = Outcome(schedule: incoming, drafted: [], refusals: [])
        for a in incoming.agencies.values.sorted(by: { $0.id < $1.id }) where stored.agencies[a.id] != a {
            if !mayAdminister(a.id) {
                out.refusals.append(
                    "agency \(a.id): only an administrator may \(stored.agencies[a.id] == nil ? "create" : "change") an agency (its name, place, dates or whether its items need approval)"
                )
            }
        }
        // Whether items need approval is judged on the agencies as stored where they exist,
        // so a file cannot lift the requirement it is itself subject to.
        var agencies = incoming
        for (id, a) in stored.agencies { agencies.agencies[id] = a }
        func bound(_ organizer: Agency.ID) -> Bool {
            agencies.requiresApproval(organizer) && !mayApprove(organizer)
        }
        func statusChange(_ kind: String, _ id: String, from old: BriefingStatus, to new: BriefingStatus) -> String? {
            if old == new || (old == .draft && new == .cancelled) { return nil }
            return
                "\(kind) \(id): status \(old.rawValue) → \(new.rawValue): only an approver may publish or cancel it"
        }
        for s in incoming.series.values.sorted(by: { $0.id < $1.id }) where bound(s.organizer) {
            if let old = stored.series[s.id] {
                if let why = statusChange("series", s.id.rawValue, from: old.status, to: s.status) {
                    out.refusals.append(why)
                }
            } else if s.status != .draft {
                out.schedule.series[s.id]?.status = .draft
                out.drafted.append("series \(s.id)")
            }
        }
        for b in incoming.adHoc.values.sorted(by: { $0.id < $1.id }) where bound(b.organizer) {
            if let old = stored.adHoc[b.id] {
                if let why = statusChange("ad-hoc briefing", b.id.rawValue, from: old.status, to: b.status) {
                    out.refusals.append(why)
                }
            } else if b.status != .draft {
                out.schedule.adHoc[b.id]?.status = .draft
                out.drafted.append("ad-hoc briefing \(b.id)")
            }
        }
        return out
    }
}
