import Foundation
import Hummingbird
import ICalendar
import Scheduling
import Store

/// Users and grants for administrators (`/workspace/users`): who may do what where, a new
/// account (its one-time password shown once), grants given and taken, accounts disabled and
/// enabled. Each action passes the one authorization function as `manageAccess` on the
/// agencies it touches, as `podium user` and `podium grant` do.
extension WorkspaceController {
    func addUserRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace/users") { request, context in try await self.users(request, context) }
        router.post("/workspace/users") { request, context in try await self.addUser(request, context) }
        router.post("/workspace/users/{name}/{action}") { request, context in
            try await self.changeUser(request, context)
        }
        router.post("/workspace/grants") { request, context in try await self.grant(request, context) }
    }

    /// The agencies (and `*`) the signed-in user may manage access for.
    func managed(_ context: PodiumRequestContext, _ s: PodiumService.State) async throws -> [Agency.ID] {
        let policy = try await service.policy()
        let all = [AccessPolicy.everywhere] + s.schedule.agencies.keys.sorted()
        return all.filter { service.allows(context, .manageAccess, .agency($0), policy) }
    }

    func users(_ request: Request, _ context: PodiumRequestContext, created: (String, String)? = nil) async throws
        -> Response
    {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let scopes = try await managed(context, s)
        guard !scopes.isEmpty else {
            throw Problem(.forbidden, "Forbidden", "\(user.name) may not manage access anywhere")
        }
        let language = user.language
        let visible = Set(scopes)
        let rows = try service.store.users().filter { u in
            visible.contains(AccessPolicy.everywhere) || u.grants.contains { visible.contains($0.scope) }
                || u.grants.isEmpty
        }.map { u -> [String: Any] in
            var row: [String: Any] = [
                "name": u.name, "display": u.displayName, "language": u.language.rawValue,
                "grants": u.grants.map { g -> [String: Any] in
                    ["role": g.role.rawValue, "scope": g.scope.rawValue, "canRevoke": visible.contains(g.scope)]
                },
                "disabled": u.disabled,
            ]
            if let e = u.email { row["email"] = e }
            if let p = u.person { row["person"] = p.rawValue }
            return row
        }
        let scopeOptions = scopes.map { id -> [String: Any] in
            [
                "id": id.rawValue,
                "name": s.schedule.agencies[id]?.name.text(language) ?? (language == .en ? "everything" : "tất cả"),
            ]
        }
        var page: [String: Any] = [
            "users": rows, "scopes": scopeOptions, "roles": Role.allCases.map(\.rawValue),
            "people": s.roster.people.values.sorted { $0.name < $1.name }.map {
                ["id": $0.id.rawValue, "name": $0.name] as [String: Any]
            },
        ]
        if let created {
            page["createdName"] = created.0
            page["createdPassword"] = created.1
        }
        let title = language == .en ? "Users and grants" : "Người dùng và phân quyền"
        return render("users", page, user: user, session: context, title: title)
    }

    struct NewUserForm: Decodable {
        var csrf: String?
        var name: String
        var displayName: String
        var email: String?
        var language: String?
        var role: String
        var scope: String
        var person: String?
    }

    func addUser(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let actor = context.identity else { return Self.signIn(request) }
        let form = try await WebAuthController.form(NewUserForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        guard let role = Role(rawValue: form.role) else { throw Problem.badRequest("role: one of the roles listed") }
        let scope = Agency.ID(form.scope)
        try await service.authorize(context, .manageAccess, .agency(scope))
        let password = Passwords.generate()
        let email = form.email.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let person = form.person.flatMap { $0.isEmpty ? nil : Spokesperson.ID($0) }
        try service.mapStore {
            try service.store.createUser(
                User(
                    name: form.name,
                    displayName: form.displayName,
                    language: Language(rawValue: form.language ?? "vi") ?? .vi,
                    email: email,
                    person: person,
                    grants: [Grant(role: role, scope: scope)]
                ),
                passwordHash: Passwords.hash(password),
                actor: actor.name,
                at: Date()
            )
        }
        // Shown once, on this page only (never in a URL); stored only as its bcrypt hash.
        return try await users(request, context, created: (form.name, password))
    }

    struct NewGrantForm: Decodable {
        var csrf: String?
        var user: String
        var role: String
        var scope: String
    }

    func grant(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let actor = context.identity else { return Self.signIn(request) }
        let form = try await WebAuthController.form(NewGrantForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        guard let role = Role(rawValue: form.role) else { throw Problem.badRequest("role: one of the roles listed") }
        let scope = Agency.ID(form.scope)
        try await service.authorize(context, .manageAccess, .agency(scope))
        try service.mapStore {
            try service.store.setGrant(
                Grant(role: role, scope: scope),
                for: form.user,
                granted: true,
                actor: actor.name,
                at: Date()
            )
        }
        return Response.redirect(to: "/workspace/users", type: .normal)
    }

    struct GrantForm: Decodable {
        var csrf: String?
        var role: String?
        var scope: String?
    }

    func changeUser(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let actor = context.identity else { return Self.signIn(request) }
        let form = try await WebAuthController.form(GrantForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        let name = try context.parameters.decoded("name")
        guard let target = try service.store.user(named: name) else { throw Problem.notFound("no user \(name)") }
        switch try context.parameters.decoded("action") {
        case "grant", "revoke":
            guard let role = form.role.flatMap(Role.init(rawValue:)), let scope = form.scope.map({ Agency.ID($0) })
            else {
                throw Problem.badRequest("role and scope")
            }
            try await service.authorize(context, .manageAccess, .agency(scope))
            let granted = try context.parameters.decoded("action") == "grant"
            try service.mapStore {
                try service.store.setGrant(
                    Grant(role: role, scope: scope),
                    for: name,
                    granted: granted,
                    actor: actor.name,
                    at: Date()
                )
            }
        case "disable", "enable":
            // Disabling needs authority over every agency the user holds a grant for.
            for g in target.grants { try await service.authorize(context, .manageAccess, .agency(g.scope)) }
            if target.grants.isEmpty {
                try await service.authorize(context, .manageAccess, .agency(AccessPolicy.everywhere))
            }
            guard name != actor.name else { throw Problem.badRequest("you cannot disable your own account") }
            let disable = try context.parameters.decoded("action") == "disable"
            try service.mapStore { try service.store.setDisabled(disable, for: name, actor: actor.name, at: Date()) }
        default:
            throw Problem.notFound("no such action")
        }
        return Response.redirect(to: "/workspace/users", type: .normal)
    }
}
