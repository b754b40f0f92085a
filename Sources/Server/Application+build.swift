public import Hummingbird
import HummingbirdAuth
import Logging

extension PodiumService {
    /// Every route (feeds, pages, API, health, the OpenAPI document) behind the checks every
    /// request gets before routing (`HTTPHygieneMiddleware`: HEAD, unknown methods, error log).
    public func buildRouter() -> PodiumRouter {
        // Made now, not at the first unknown sign-in, so its timing tells nothing.
        _ = WebAuthController.decoyHash
        let router = Router(context: PodiumRequestContext.self)
        // Requests are logged at debug level: at info, a log line per feed poll costs more than the 304 itself.
        router.add(middleware: LogRequestsMiddleware(.debug))
        // Feeds first: Hummingbird applies middleware only to routes added after it, so a
        // calendar's poll skips the session and identity lookups it never needs (a feed is
        // public, or names its reader by the token in its path). Issue 17, P3.
        addFeedRoutes(to: router)
        router.addMiddleware {
            SessionMiddleware(
                storage: StorePersistDriver(store: store),
                configuration: .init(
                    sessionCookieParameters: .init(
                        name: "podium_session",
                        path: "/",
                        secure: configuration.baseURL.hasPrefix("https://"),
                        sameSite: .lax
                    ),
                    defaultSessionExpiration: sessionIdle
                )
            )
            IdentityMiddleware(store: store, idle: sessionIdle, absolute: sessionAbsolute)
        }
        addPageRoutes(to: router)
        WebAuthController(service: self, throttle: throttle).addRoutes(to: router)
        WorkspaceController(service: self, templates: templates).addRoutes(to: router)
        MyAssignmentsController(service: self, templates: templates).addRoutes(to: router)
        addAPIRoutes(to: router)
        addOutcomeRoutes(to: router)
        addParityRoutes(to: router)
        addPlanRoutes(to: router)
        addApprovalRoutes(to: router)
        return PodiumRouter(router: router, hygiene: HTTPHygieneMiddleware(logger: logger))
    }

    /// The largest header field and all headers together that a request may carry (bytes).
    public static let maxHeaderFieldSize = 8 * 1024
    public static let maxHeaderListSize = 32 * 1024

    /// Runs the server until SIGINT or SIGTERM.
    public func run() async throws { try await buildApplication().runService() }

    /// The application `podium serve` runs; graceful shutdown on SIGINT/SIGTERM comes from
    /// `runService()` (swift-service-lifecycle).
    ///
    /// Not optimised: Swift 6.3.1's optimiser crashes (signal 11 in IRGen,
    /// `emitPolymorphicArguments`) on this function in release builds; it runs once, at start.
    @_optimize(none)
    public func buildApplication() -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            // A connection that sends nothing for `idleTimeout` is closed, so a silent or
            // slow client cannot hold a connection (and its memory) for ever. Headers are
            // bounded well below NIO's 80 KB defaults: Podium's own pages and feeds need a few
            // hundred bytes (a session cookie, conditional-request tags), and a client that
            // sends more is refused before any handler runs.
            server: .http1(
                configuration: .init(
                    idleTimeout: .seconds(Int64(configuration.idleTimeout)),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: Self.maxHeaderFieldSize,
                        maxHeaderListSize: Self.maxHeaderListSize,
                        maxHeaderFieldCount: 100
                    )
                )
            ),
            configuration: .init(
                address: .hostname(configuration.hostname, port: configuration.port),
                serverName: "Podium"
            ),
            logger: logger
        )
    }
}

/// The router wrapped so that `HTTPHygieneMiddleware` sees a request *before* routing: a
/// router's own middleware runs only once a route has matched, too late to turn HEAD into
/// GET or to answer 405.
public struct PodiumRouter: HTTPResponderBuilder {
    let router: Router<PodiumRequestContext>
    let hygiene: HTTPHygieneMiddleware<PodiumRequestContext>

    public func buildResponder() -> some HTTPResponder<PodiumRequestContext> {
        Responder(inner: router.buildResponder(), hygiene: hygiene)
    }

    struct Responder<Inner: HTTPResponder<PodiumRequestContext>>: HTTPResponder {
        let inner: Inner
        let hygiene: HTTPHygieneMiddleware<PodiumRequestContext>

        func respond(to request: Request, context: PodiumRequestContext) async throws -> Response {
            try await hygiene.handle(request, context: context) { try await inner.respond(to: $0, context: $1) }
        }
    }
}
