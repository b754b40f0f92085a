import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import Scheduling
import Store

/// Signing in and out, and changing one's password, in the browser.
///
/// OWASP ASVS level 1 as the yardstick: one generic failure message whether or not the
/// account exists; sign-ins throttled per account and per client address; a new session id
/// at sign-in (no fixation); HttpOnly, SameSite=Lax cookies, `Secure` under https; a CSRF
/// token on every form (a double-submit cookie before sign-in, the session's token after).
struct WebAuthController {
    let service: PodiumService
    let throttle: LoginThrottle

    static let loginCookie = "podium_login"

    func addRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/login") { request, context in try self.loginForm(request, context, failure: nil) }
        router.post("/login") { request, context in try await self.login(request, context) }
        router.post("/logout") { request, context in try await self.logout(request, context) }
        router.get("/account") { request, context in try self.accountPage(request, context, message: nil) }
        router.post("/account/password") { request, context in try await self.changePassword(request, context) }
    }

    struct LoginForm: Decodable {
        var user: String
        var password: String
        var csrf: String?
        var next: String?
    }

    /// Where to go after signing in: only a path on this site, never another origin.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else {
            return "/workspace/month"
        }
        return next
    }

    func loginForm(
        _ request: Request,
        _ context: PodiumRequestContext,
        failure: String?,
        status: HTTPResponse.Status = .ok
    )
        throws -> Response
    {
        let language = PodiumService.language(request)
        let en = language == .en
        let token = Digest.randomSecret(bytes: 16)
        // No `next`: the landing page is chosen at sign-in, by who signs in.
        let next = request.uri.queryParameters["next"].map { Self.safeNext(String($0)) } ?? ""
        var body = "<header><h1>\(en ? "Sign in" : "Đăng nhập")</h1></header>"
        if let failure { body += "<p class=\"error\" role=\"alert\">\(HTML.escape(failure))</p>" }
        body += """
            <form method="post" action="/login\(en ? "?lang=en" : "")">
            <input type="hidden" name="csrf" value="\(token)"><input type="hidden" name="next" value="\(HTML.escape(next))">
            <p><label for="user">\(en ? "Login name" : "Tên đăng nhập")</label><br><input id="user" name="user" autocomplete="username" required></p>
            <p><label for="password">\(en ? "Password" : "Mật khẩu")</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">\(en ? "Sign in" : "Đăng nhập")</button></p></form>
            """
        var response = PodiumService.html(
            HTML.page(title: en ? "Sign in" : "Đăng nhập", language: language.rawValue, body: body),
            personal: true
        )
        response.status = status
        response.setCookie(
            Cookie(
                name: Self.loginCookie,
                value: token,
                maxAge: 1800,
                path: "/login",
                secure: service.configuration.baseURL.hasPrefix("https://"),
                httpOnly: true,
                sameSite: .strict
            )
        )
        return response
    }

    func login(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        let form = try await Self.form(LoginForm.self, request, context)
        let en = PodiumService.language(request) == .en
        guard let cookie = request.cookies[Self.loginCookie]?.value, !cookie.isEmpty, cookie == form.csrf ?? "" else {
            throw Problem(
                .forbidden,
                "Forbidden",
                "the form's CSRF token is missing or does not match; reload the page"
            )
        }
        let now = Date()
        let address = context.clientAddress
        let keys = ["user:" + form.user.lowercased(), "ip:" + address]
        let generic =
            en ? "Sign-in failed: wrong name or password." : "Đăng nhập không thành công: sai tên hoặc mật khẩu."
        if let wait = throttle.wait(for: keys, now: now) {
            let message =
                en
                ? "Too many failed attempts; try again in \(wait) seconds."
                : "Quá nhiều lần thử không thành công; thử lại sau \(wait) giây."
            var response = try loginForm(request, context, failure: message, status: .tooManyRequests)
            response.headers[HTTPField.Name("Retry-After")!] = "\(wait)"
            return response
        }
        // Verify against a real bcrypt hash even for unknown names, so timing says nothing.
        let stored = try service.store.passwordHash(of: form.user)
        let ok = Passwords.verify(form.password, hash: stored ?? Self.decoyHash) && stored != nil
        guard ok, let user = try service.store.user(named: form.user) else {
            throttle.failed(keys, now: now)
            service.logger.info("sign-in failed", metadata: ["address": "\(address)"])
            return try loginForm(request, context, failure: generic, status: .unauthorized)
        }
        throttle.succeeded(keys[0])
        context.sessions.createSession(
            WebSession(
                user: user.name,
                epoch: user.sessionEpoch,
                signedInAt: now,
                csrf: Digest.randomSecret(bytes: 16)
            ),
            expiresIn: service.sessionIdle
        )
        // A spokesperson who answers only for themselves lands on their own page.
        let ownPageOnly =
            user.person != nil && !user.grants.isEmpty && user.grants.allSatisfy { $0.role == .spokesperson }
        let landing = form.next.flatMap { $0.isEmpty ? nil : $0 } ?? (ownPageOnly ? "/my" : nil)
        var response = Response.redirect(to: Self.safeNext(landing), type: .found)
        response.setCookie(Cookie(name: Self.loginCookie, value: "", maxAge: 0, path: "/login"))
        return response
    }

    /// A form body, or 400 naming what was wrong (never a 500 for a client's bad form).
    static func form<T: Decodable>(_ type: T.Type, _ request: Request, _ context: PodiumRequestContext) async throws
        -> T
    {
        do {
            return try await URLEncodedFormDecoder().decode(T.self, from: request, context: context)
        } catch {
            throw Problem.badRequest("the form is incomplete or not url-encoded: \(error)")
        }
    }

    /// A bcrypt hash of a random string, checked when the name is unknown.
    static let decoyHash = Passwords.hash(Digest.randomSecret())

    struct CSRFForm: Decodable { var csrf: String? }

    func logout(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        let form = try await Self.form(CSRFForm.self, request, context)
        try Self.checkCSRF(form.csrf, context)
        context.sessions.clearSession()
        return Response.redirect(to: "/", type: .found)
    }

    /// Every state-changing form echoes the session's CSRF token (OWASP ASVS 4.2.2).
    static func checkCSRF(_ token: String?, _ context: PodiumRequestContext) throws {
        guard let session = context.sessions.session, let token, !token.isEmpty, token == session.csrf else {
            throw Problem(
                .forbidden,
                "Forbidden",
                "the form's CSRF token is missing or does not match; reload the page"
            )
        }
    }

    func accountPage(_ request: Request, _ context: PodiumRequestContext, message: String?) throws -> Response {
        guard let user = context.identity, let session = context.sessions.session else {
            return Response.redirect(to: "/login?next=/account", type: .found)
        }
        let en = user.language == .en
        var body = "<header><h1>\(HTML.escape(user.displayName))</h1>"
        body +=
            "<p class=\"meta\">\(HTML.escape(user.name)) · \(user.grants.map(\.description).joined(separator: ", "))</p>"
        body += PodiumService.signOutForm(session.csrf, language: user.language) + "</header>"
        if let message { body += "<p role=\"status\">\(HTML.escape(message))</p>" }
        body += """
            <h2>\(en ? "Change password" : "Đổi mật khẩu")</h2>
            <form method="post" action="/account/password"><input type="hidden" name="csrf" value="\(session.csrf)">
            <p><label for="current">\(en ? "Current password" : "Mật khẩu hiện tại")</label><br><input id="current" name="current" type="password" autocomplete="current-password" required></p>
            <p><label for="new">\(en ? "New password (at least 10 characters)" : "Mật khẩu mới (ít nhất 10 ký tự)")</label><br><input id="new" name="new" type="password" autocomplete="new-password" minlength="10" required></p>
            <p><button type="submit">\(en ? "Change" : "Đổi")</button></p></form>
            """
        return PodiumService.html(
            HTML.page(title: user.displayName, language: user.language.rawValue, body: body),
            personal: true
        )
    }

    struct PasswordForm: Decodable {
        var csrf: String?
        var current: String
        var new: String
    }

    func changePassword(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        let form = try await Self.form(PasswordForm.self, request, context)
        try Self.checkCSRF(form.csrf, context)
        guard let user = context.identity else { return Response.redirect(to: "/login", type: .found) }
        let en = user.language == .en
        guard let hash = try service.store.passwordHash(of: user.name), Passwords.verify(form.current, hash: hash)
        else {
            return try accountPage(
                request,
                context,
                message: en ? "The current password is wrong." : "Mật khẩu hiện tại không đúng."
            )
        }
        if let weak = Passwords.weakness(form.new, user: user.name) {
            return try accountPage(request, context, message: weak)
        }
        try service.mapStore {
            try service.store.setPasswordHash(Passwords.hash(form.new), for: user.name, actor: user.name, at: Date())
        }
        // Every session of the user ended with the epoch; this one starts afresh.
        let fresh = try service.store.user(named: user.name)
        context.sessions.clearSession()
        context.sessions.createSession(
            WebSession(
                user: user.name,
                epoch: fresh?.sessionEpoch ?? user.sessionEpoch + 1,
                signedInAt: Date(),
                csrf: Digest.randomSecret(bytes: 16)
            ),
            expiresIn: service.sessionIdle
        )
        return Response.redirect(to: "/account", type: .found)
    }
}
