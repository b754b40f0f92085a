import Hummingbird
import Scheduling
import Store

extension PodiumService {
    /// The one authorization function of the server: every page and API route that reads
    /// internal data or changes anything calls it with the action and the resource, and
    /// `AccessPolicy.decide` — the same function the CLI calls — answers. 401 without an
    /// identity, 403 with the reason when refused.
    @discardableResult
    func authorize(_ context: PodiumRequestContext, _ action: Action, _ resource: Resource) async throws -> User {
        guard let user = context.identity else { throw Problem.unauthorized() }
        switch try await policy().decide(user.actor, action, resource) {
        case .allowed: return user
        case .refused(let why): throw Problem(.forbidden, "Forbidden", why)
        }
    }

    /// The policy over the current agencies.
    func policy() async throws -> AccessPolicy { AccessPolicy(agencies: try await current().schedule.agencies.values) }

    /// Whether the identity may do `action` on `resource` (for filtering lists, never for a write).
    func allows(_ context: PodiumRequestContext, _ action: Action, _ resource: Resource, _ policy: AccessPolicy) -> Bool
    {
        guard let user = context.identity else { return false }
        return policy.decide(user.actor, action, resource).isAllowed
    }

    /// How long a browser session lasts without a request, and at most.
    var sessionIdle: Duration { .seconds(30 * 60) }
    var sessionAbsolute: Double { 12 * 3600 }

    static func signOutForm(_ csrf: String, language: Language) -> String {
        """
        <form method="post" action="/logout" class="inline"><input type="hidden" name="csrf" value="\(csrf)"><button type="submit">\(language == .en ? "Sign out" : "Đăng xuất")</button></form>
        """
    }
}
