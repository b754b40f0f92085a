public import Hummingbird
import Logging

extension PodiumService {
    /// The router with every route: feeds, pages, API, health and the OpenAPI document.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.addMiddleware { LogRequestsMiddleware(.info) }
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
