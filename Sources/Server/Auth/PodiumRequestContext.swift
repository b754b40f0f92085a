import Foundation
public import Hummingbird
public import HummingbirdAuth
import NIOCore
import Scheduling
public import Store

/// What a browser session holds: who signed in, when, under which session epoch of the user
/// (a password change or disable bumps the epoch and ends the session), and the CSRF token
/// every state-changing form must echo.
public struct WebSession: Codable, Sendable {
    var user: String
    var epoch: Int
    var signedInAt: Date
    var csrf: String
}

/// The request context of every route: the session (cookie) and the authenticated user,
/// set by `IdentityMiddleware` from a session or a bearer token before any handler runs.
public struct PodiumRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: User?
    public let sessions: SessionContext<WebSession>
    let channel: any Channel
    /// The client's address, for throttling sign-ins per address (never logged with a name).
    /// Read when asked, not for every request: only sign-in needs it.
    var clientAddress: String { channel.remoteAddress?.ipAddress ?? "unknown" }

    /// The largest body a request may send: forms and API bodies are small; a larger one
    /// is refused (413) before it is read into memory.
    public var maxUploadSize: Int { 256 * 1024 }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        channel = source.channel
    }
}
