public import Hummingbird
import Logging

extension PodiumService {
    /// The router with every route: feeds, pages, API, health and the OpenAPI document.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router()
        // Requests are logged at debug level: at info, a log line per feed poll costs more than the 304 itself.
        router.addMiddleware { LogRequestsMiddleware(.debug) }
        addFeedRoutes(to: router)
        addPageRoutes(to: router)
        addAPIRoutes(to: router)
        return router
    }

    /// Runs the server until SIGINT or SIGTERM.
    public func run() async throws { try await buildApplication().runService() }

    /// The application `podium serve` runs; graceful shutdown on SIGINT/SIGTERM comes from
    /// `runService()` (swift-service-lifecycle).
    public func buildApplication() -> some ApplicationProtocol {
        Application(
            router: buildRouter(),
            configuration: .init(
                address: .hostname(configuration.hostname, port: configuration.port),
                serverName: "Podium"
            ),
            logger: logger
        )
    }
}
