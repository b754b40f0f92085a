/// The one authorization function: can this actor do this action on this resource?
///
/// Every door — web page, JSON API, CLI — asks it, and nothing else decides. It is pure
/// (no I/O, no clock): the agencies are given once, so a grant on a province covers its
/// departments (an agency and every agency under it by `parent`).
public struct AccessPolicy: Sendable {
    public enum Decision: Hashable, Sendable {
        case allowed
        case refused(String)

        public var isAllowed: Bool { self == .allowed }
    }

    let parents: [Agency.ID: Agency.ID]

    public init(agencies: some Sequence<Agency>) {
        var parents: [Agency.ID: Agency.ID] = [:]
        for a in agencies { if let p = a.parent { parents[a.id] = p } }
        self.parents = parents
    }

    /// Which actions a role permits on what its grant covers. `respond` is special: the
    /// spokesperson role permits it only on the actor's own person.
    public static func permits(_ role: Role, _ action: Action) -> Bool {
        switch (role, action) {
        case (.admin, _): return true
        case (.editor, .view), (.editor, .edit), (.editor, .respond): return true
        case (.approver, .view), (.approver, .approve): return true
        case (.viewer, .view): return true
        case (.spokesperson, .respond): return true
        default: return false
        }
    }

    /// The scope of a grant on the whole installation (the first admin, made by
    /// `podium init --admin`, before any agency exists).
    public static let everywhere = Agency.ID("*")

    /// Whether `scope` is `agency` or one of its ancestors (or `everywhere`).
    public func covers(_ scope: Agency.ID, _ agency: Agency.ID) -> Bool {
        if scope == Self.everywhere { return true }
        var current: Agency.ID? = agency
        var steps = 0
        while let c = current, steps < 64 {
            if c == scope { return true }
            current = parents[c]
            steps += 1
        }
        return false
    }

    /// The decision, with the reason when refused (said to the person; it names no secret).
    public func decide(_ actor: Actor, _ action: Action, _ resource: Resource) -> Decision {
        if actor.disabled { return .refused("user \(actor.name) is disabled") }
        for grant in actor.grants where Self.permits(grant.role, action) && covers(grant.scope, resource.agency) {
            if grant.role == .spokesperson {
                guard case .person(let p, _) = resource, p == actor.person else { continue }
            }
            return .allowed
        }
        let held = actor.grants.isEmpty ? "no grants" : actor.grants.map(\.description).joined(separator: ", ")
        return .refused("\(actor.name) (\(held)) may not \(action.rawValue) \(resource)")
    }

    /// The agencies an actor may perform `action` on, among `agencies` (for filtering lists).
    public func scope(of actor: Actor, _ action: Action, among agencies: some Sequence<Agency.ID>) -> Set<Agency.ID> {
        Set(agencies.filter { decide(actor, action, .agency($0)).isAllowed })
    }
}
