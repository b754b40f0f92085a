public import Scheduling

/// Who a feed is for; decides what it may contain (icalendar.md §1.5, `Reader`).
public enum FeedAudience: Hashable, Sendable {
    /// Journalists and the public, one feed per language: only public, scheduled or held,
    /// past-embargo briefings; no ATTENDEE; spokespeople named with published contact only.
    case `public`(Language)
    /// One organising agency's public briefings (an open URL, so what the public may see).
    case agency(Agency.ID, Language)
    /// Accredited press (a private feed by token): public and press-only briefings, embargoed
    /// ones included with their embargo time.
    case press(Language)
    /// One spokesperson's own assignments (primary or backup), private, without METHOD.
    case spokesperson(SpokespersonFeed)
    /// The secretariat: everything, drafts and internal items marked.
    case `internal`

    public var language: Language {
        switch self {
        case .public(let l), .agency(_, let l), .press(let l): return l
        case .spokesperson, .internal: return .vi
        }
    }

    /// Who reads it: the one visibility rule is `Reader.sees`.
    public var reader: Reader {
        switch self {
        case .public, .agency: return .public
        case .press: return .press
        case .spokesperson, .internal: return .secretariat
        }
    }

    /// iTIP PUBLISH for shared feeds; no METHOD for a personal feed, so ATTENDEE is legal
    /// there (RFC 5546 §3.2.1; icalendar.md §1.5).
    var method: String? {
        if case .spokesperson = self { return nil }
        return "PUBLISH"
    }
}

/// What a spokesperson feed shows: the person and their role per occurrence.
public struct SpokespersonFeed: Hashable, Sendable {
    public typealias Role = AssignmentView.Role

    public var name: String
    public var email: String?
    /// The person's role at each assigned occurrence.
    public var roles: [OccurrenceID: Role]
    /// Preparation notes per occurrence.
    public var notes: [OccurrenceID: String]
    /// Other people on each occurrence (e.g. "Backup: Trần Thị B").
    public var others: [OccurrenceID: [String]]
    /// Each assignment's revision: the person's event changes when their assignment does
    /// (role, partners), so SEQUENCE is the larger of it and the occurrence's, as in the
    /// invitations mailed to them (`Invitation`).
    public var revisions: [OccurrenceID: Int] = [:]

    public init(
        name: String,
        email: String? = nil,
        roles: [OccurrenceID: Role] = [:],
        notes: [OccurrenceID: String] = [:],
        others: [OccurrenceID: [String]] = [:]
    ) {
        self.name = name
        self.email = email
        self.roles = roles
        self.notes = notes
        self.others = others
    }
}
