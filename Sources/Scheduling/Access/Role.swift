/// What a person may do, granted on a scope (an agency and every agency under it).
///
/// The secretariat is several people in several agencies; each may change only their own
/// (R-AUTH-SCOPE, docs/domain.md). Roles are deliberately few and fixed, so the whole
/// policy fits in one table (`AccessPolicy.permits`).
public enum Role: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Everything in scope, including users and grants in scope.
    case admin
    /// Create and change series, ad-hoc briefings, exceptions, venues, roster entries and
    /// assignments in scope.
    case editor
    /// Publish drafts, cancel published briefings, return drafts with a comment.
    case approver
    /// Their own assignments, availability and responses (the person they are linked to).
    case spokesperson
    /// Read everything in scope, including internal items.
    case viewer

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One role on one scope.
public struct Grant: Hashable, Sendable, Codable, CustomStringConvertible {
    public var role: Role
    public var scope: Agency.ID

    public init(role: Role, scope: Agency.ID) {
        self.role = role
        self.scope = scope
    }

    public var description: String { "\(role.rawValue)@\(scope)" }
}

/// Who is asking: a signed-in user, an API token's user, or a CLI user on the server
/// machine. Built by the store from the user row and its grants.
public struct Actor: Hashable, Sendable {
    public var name: String
    public var grants: [Grant]
    /// The roster person this user is (for the spokesperson role).
    public var person: Spokesperson.ID?
    public var disabled: Bool

    public init(name: String, grants: [Grant], person: Spokesperson.ID? = nil, disabled: Bool = false) {
        self.name = name
        self.grants = grants
        self.person = person
        self.disabled = disabled
    }
}

/// What an actor wants to do.
public enum Action: String, Hashable, Sendable, CaseIterable {
    /// Read everything in scope, internal and draft items included.
    case view
    /// Create or change series, ad-hoc briefings, exceptions, venues, people, assignments.
    case edit
    /// Publish a draft, cancel a published briefing, return a draft.
    case approve
    /// Create, change or disable users and grants.
    case manageAccess
    /// Answer one's own assignments and record one's own availability.
    case respond
}

/// What an action is on.
public enum Resource: Hashable, Sendable, CustomStringConvertible {
    /// Anything that belongs to an agency (its briefings, venues used by it, its people).
    case agency(Agency.ID)
    /// A roster person (their assignments and availability), who belongs to an agency.
    case person(Spokesperson.ID, agency: Agency.ID)

    public var description: String {
        switch self {
        case .agency(let a): return "agency \(a)"
        case .person(let p, let a): return "person \(p) of \(a)"
        }
    }

    var agency: Agency.ID {
        switch self {
        case .agency(let a), .person(_, let a): return a
        }
    }
}
