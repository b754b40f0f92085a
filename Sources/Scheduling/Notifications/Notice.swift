public import Foundation
public import ICalendar

/// What one person sees of one occurrence they are assigned to: everything a message about
/// it says, so a notice composed later (or again, after a crash) reads the same.
public struct AssignmentView: Hashable, Sendable, Codable {
    /// What the person is at the briefing: its spokesperson, a backup, or a seat of its panel.
    public enum Role: String, Hashable, Sendable, Codable {
        case primary, backup, chair, panelist, moderator, interpreter

        public init(_ seat: PanelRole) {
            switch seat {
            case .chair: self = .chair
            case .panelist: self = .panelist
            case .moderator: self = .moderator
            case .interpreter: self = .interpreter
            }
        }

        /// The role's short name in `language` (a feed's summary prefix, a page's "role").
        public func name(_ language: Language) -> String {
            switch self {
            case .primary: return language == .en ? "Primary" : "Chính"
            case .backup: return language == .en ? "Backup" : "Dự phòng"
            case .chair: return PanelRole.chair.name(language)
            case .panelist: return PanelRole.panelist.name(language)
            case .moderator: return PanelRole.moderator.name(language)
            case .interpreter: return PanelRole.interpreter.name(language)
            }
        }

        /// As a sentence says it ("You are assigned as …").
        public func phrase(_ language: Language) -> String {
            let en = language == .en
            switch self {
            case .primary: return en ? "primary spokesperson" : "người phát ngôn chính"
            case .backup: return en ? "backup" : "người phát ngôn dự phòng"
            case .chair: return en ? "chair" : "người chủ trì"
            case .panelist: return en ? "panelist" : "thành viên trả lời"
            case .moderator: return en ? "moderator" : "người điều hành"
            case .interpreter: return en ? "interpreter" : "người phiên dịch"
            }
        }
    }

    public var occurrence: OccurrenceID
    public var person: Spokesperson.ID
    public var role: Role
    public var title: BilingualText
    public var start: LocalDateTime
    public var end: LocalDateTime
    public var timeZone: String
    public var startInstant: Date
    public var venue: String?
    public var status: BriefingStatus
    /// Grows with every change of the occurrence or of the assignment (both are store-wide
    /// change numbers): the SEQUENCE of the person's private feed and invitations
    /// (RFC 5545 §3.8.7.4).
    public var sequence: Int

    public init(
        occurrence: OccurrenceID,
        person: Spokesperson.ID,
        role: Role,
        title: BilingualText,
        start: LocalDateTime,
        end: LocalDateTime,
        timeZone: String,
        startInstant: Date,
        venue: String?,
        status: BriefingStatus,
        sequence: Int
    ) {
        self.occurrence = occurrence
        self.person = person
        self.role = role
        self.title = title
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.startInstant = startInstant
        self.venue = venue
        self.status = status
        self.sequence = sequence
    }

    public var isHappening: Bool { status == .scheduled || status == .held }
}

/// A message a change causes for one person about one occurrence (issue: spokespeople are
/// told of every change, in their own calendar).
public struct Notice: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Newly assigned (or the occurrence came back from cancelled): an invitation.
        case assigned
        /// Time, venue, title or role changed: an updated invitation.
        case changed
        /// The occurrence was cancelled: a cancellation.
        case cancelled
        /// No longer assigned: a cancellation for this person.
        case unassigned
        /// The day before: a reminder, with the invitation as it stands.
        case reminder
    }

    /// What changed, for the message text.
    public enum Change: String, Hashable, Sendable, Codable, CaseIterable {
        case time, venue, role, title
    }

    public var kind: Kind
    public var person: Spokesperson.ID
    /// The view after the change (for `unassigned` and `cancelled`, the last one the person had,
    /// with the new sequence).
    public var view: AssignmentView
    /// The view before, when there was one.
    public var before: AssignmentView?
    public var changes: [Change]

    public init(
        kind: Kind,
        person: Spokesperson.ID,
        view: AssignmentView,
        before: AssignmentView?,
        changes: [Change] = []
    ) {
        self.kind = kind
        self.person = person
        self.view = view
        self.before = before
        self.changes = changes
    }

    /// RFC 5546 §3.2: REQUEST publishes or updates an invitation, CANCEL withdraws it.
    public var method: String { kind == .cancelled || kind == .unassigned ? "CANCEL" : "REQUEST" }
}

/// Who is told what when the schedule or the roster changes: the difference between what
/// each person saw before and after, nothing else. Pure, so the property test can hold it to
/// a second, simple statement of the rule.
public enum NoticePlanner {
    public struct Key: Hashable, Sendable, Comparable {
        public var occurrence: OccurrenceID
        public var person: Spokesperson.ID

        public init(occurrence: OccurrenceID, person: Spokesperson.ID) {
            self.occurrence = occurrence
            self.person = person
        }

        public static func < (a: Key, b: Key) -> Bool { (a.occurrence, a.person) < (b.occurrence, b.person) }
    }

    /// The notices for one change. `before` and `after` hold every (occurrence, person) pair
    /// the change may concern; `sequence` is the change's number, which a withdrawn view takes
    /// so its cancellation outranks the invitation it withdraws. Occurrences that ended before
    /// `now` are history: nobody is told about them.
    public static func notices(
        before: [Key: AssignmentView],
        after: [Key: AssignmentView],
        sequence: Int,
        now: Date
    ) -> [Notice] {
        var out: [Notice] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let old = before[key]
            let new = after[key]
            switch (old, new) {
            case (nil, let n?):
                guard n.isHappening, isAhead(n, now) else { continue }
                out.append(Notice(kind: .assigned, person: key.person, view: n, before: nil))
            case (let o?, nil):
                guard o.isHappening, isAhead(o, now) else { continue }
                var withdrawn = o
                withdrawn.sequence = max(o.sequence + 1, sequence)
                out.append(Notice(kind: .unassigned, person: key.person, view: withdrawn, before: o))
            case (let o?, let n?):
                guard isAhead(n, now) || isAhead(o, now) else { continue }
                switch (o.isHappening, n.isHappening) {
                case (true, false):
                    // What the person had in their calendar (a moved briefing at its new
                    // time), now cancelled.
                    var cancelled = o
                    cancelled.status = n.status
                    cancelled.sequence = max(n.sequence, o.sequence + 1)
                    out.append(Notice(kind: .cancelled, person: key.person, view: cancelled, before: o))
                case (false, true):
                    out.append(Notice(kind: .assigned, person: key.person, view: n, before: o))
                case (true, true):
                    let changes = differences(o, n)
                    guard !changes.isEmpty else { continue }
                    var changed = n
                    changed.sequence = max(n.sequence, o.sequence + 1)
                    out.append(Notice(kind: .changed, person: key.person, view: changed, before: o, changes: changes))
                case (false, false):
                    continue
                }
            case (nil, nil):
                continue
            }
        }
        return out
    }

    /// What a person would notice: when, where, what, and in which role.
    public static func differences(_ a: AssignmentView, _ b: AssignmentView) -> [Notice.Change] {
        var out: [Notice.Change] = []
        if a.start != b.start || a.end != b.end || a.timeZone != b.timeZone { out.append(.time) }
        if a.venue != b.venue { out.append(.venue) }
        if a.role != b.role { out.append(.role) }
        if a.title != b.title { out.append(.title) }
        return out
    }

    static func isAhead(_ v: AssignmentView, _ now: Date) -> Bool { v.startInstant >= now }

    /// Reminders due at `now`: each scheduled briefing starting within `lead` seconds, for
    /// each person on it, unless `sent` already holds that (occurrence, person, sequence) —
    /// a reminder is sent once per version of the assignment.
    public static func reminders(
        _ views: [Key: AssignmentView],
        now: Date,
        lead: TimeInterval = 24 * 3600,
        sent: Set<String>
    ) -> [Notice] {
        views.keys.sorted().compactMap { k in
            let v = views[k]!
            guard v.isHappening, v.startInstant > now, v.startInstant <= now.addingTimeInterval(lead),
                !sent.contains(reminderKey(v))
            else { return nil }
            return Notice(kind: .reminder, person: k.person, view: v, before: nil)
        }
    }

    /// What makes a reminder unique: the occurrence, the person and the version.
    public static func reminderKey(_ v: AssignmentView) -> String {
        "\(v.occurrence.rawValue)|\(v.person.rawValue)|\(v.sequence)"
    }
}
