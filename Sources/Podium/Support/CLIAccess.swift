import Foundation
import Scheduling
import Store

/// The CLI's door to the one authorization function. A CLI on the server machine is
/// trusted as the user it names (`--as USER`, default the login name), which must exist and
/// be enabled once any user exists; before the first user (a database from before accounts,
/// or between `init` and `init --admin`) the machine's operator may do everything.
struct CLIAccess {
    let store: PodiumStore
    /// Who the audit log records.
    let actor: String
    /// Nil only while the store has no users.
    let user: User?
    let policy: AccessPolicy

    /// Refuses (exit 2, with the reason) unless the actor may do `action` on `resource`.
    func require(_ action: Action, _ resource: Resource) throws {
        guard let user else { return }
        if case .refused(let why) = policy.decide(user.actor, action, resource) {
            throw PodiumExit.badInput("refused: \(why)")
        }
    }

    /// Refuses (exit 2) an actor who may view no agency at all: the stored plan, its drafts,
    /// internal items and history are the secretariat's.
    func requireViewAnywhere() throws {
        guard let user else { return }
        let agencies: [Agency.ID]
        do { agencies = Array(try store.agencies().keys) } catch { throw error.exit }
        if policy.scope(of: user.actor, .view, among: agencies).isEmpty && !agencies.isEmpty {
            throw PodiumExit.badInput("refused: \(user.name) may not view any agency's plan")
        }
    }

    /// The agencies whose business the actor may read (nil: every one — no users yet).
    func viewScope(in schedule: Schedule) -> Set<Agency.ID>? {
        guard let user else { return nil }
        return policy.scope(of: user.actor, .view, among: schedule.agencies.keys)
    }

    /// Refuses (exit 2) unless the actor may view the occurrence's organiser; an id that
    /// names no series or briefing is bad input.
    func requireView(_ id: OccurrenceID, in schedule: Schedule) throws {
        guard let organizer = schedule.organizer(of: id) else {
            throw PodiumExit.badInput("\(id): no series or ad-hoc briefing has this id")
        }
        try require(.view, .agency(organizer))
    }

    /// Whether the actor may (for filtering what is shown or saved).
    func allows(_ action: Action, _ resource: Resource) -> Bool {
        guard let user else { return true }
        return policy.decide(user.actor, action, resource).isAllowed
    }

    /// The agency a person belongs to, for person resources.
    func person(_ id: Spokesperson.ID) throws -> Resource {
        let roster: Roster
        do { roster = try store.roster() } catch { throw error.exit }
        guard let p = roster.people[id] else { throw PodiumExit.badInput("unknown spokesperson \"\(id)\"") }
        return .person(id, agency: p.agency)
    }
}

extension StoreOptions {
    /// The user the CLI acts as: `--as`, else `PODIUM_USER`, else the login name.
    var actorName: String { asUser ?? ProcessInfo.processInfo.environment["PODIUM_USER"] ?? Self.defaultActor }

    /// Opens the store and establishes who is acting (see `CLIAccess`).
    func access(create: Bool = false) throws -> CLIAccess {
        let s = try open(create: create)
        do {
            let agencies = try s.agencies().values
            guard try s.userCount() > 0 else {
                return CLIAccess(store: s, actor: actorName, user: nil, policy: AccessPolicy(agencies: agencies))
            }
            guard let user = try s.user(named: actorName) else {
                throw PodiumExit.badInput(
                    "unknown user \"\(actorName)\": pass --as USER (default: the login name); `podium user list` shows who exists"
                )
            }
            guard !user.disabled else { throw PodiumExit.badInput("user \(actorName) is disabled") }
            return CLIAccess(store: s, actor: user.name, user: user, policy: AccessPolicy(agencies: agencies))
        } catch let e as StoreError { throw e.exit }
    }
}
