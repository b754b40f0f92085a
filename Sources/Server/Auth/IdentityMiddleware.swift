import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Store

/// Authentication, on every route: who is asking, from a bearer token (API clients) or the
/// session cookie (browsers). It only establishes identity; what the identity may do is
/// decided by the one authorization function (`PodiumService.authorize`).
///
/// A session stops working at once when its user is disabled or changes password (the
/// user's session epoch moved), after `idle` without a request, and `absolute` after
/// sign-in whatever happens (OWASP ASVS 3.3).
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = PodiumRequestContext
    let store: any PodiumStorage
    let idle: Duration
    let absolute: TimeInterval

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let header = request.headers[.authorization] {
            // A bearer token that does not resolve to an enabled user is refused outright,
            // rather than falling back to anonymous, so a client learns its token is bad.
            guard header.hasPrefix("Bearer "),
                let name = try store.subject(ofToken: String(header.dropFirst(7)), kind: .api),
                let user = try store.user(named: name), !user.disabled
            else { throw Problem.unauthorized() }
            context.identity = user
        } else if let session = context.sessions.session {
            if let user = try store.user(named: session.user), !user.disabled, user.sessionEpoch == session.epoch,
                Date().timeIntervalSince(session.signedInAt) < absolute
            {
                context.identity = user
                // Sliding idle expiry: each request pushes the end of the session back.
                context.sessions.withLockedSession { $0?.expiresIn = idle }
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

/// On a route group: no identity, no entry (401 with a problem document).
struct RequireIdentityMiddleware: RouterMiddleware {
    typealias Context = PodiumRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard context.identity != nil else { throw Problem.unauthorized() }
        return try await next(request, context)
    }
}
