public import Foundation
public import Scheduling

/// How `podium serve` runs.
public struct ServerConfiguration: Sendable {
    public var hostname: String
    public var port: Int
    /// The public base URL of feeds and pages (what subscribers see).
    public var baseURL: String
    /// UID domain of feed events; stable forever.
    public var uidDomain: String
    /// Seconds a cached feed may be served before the store is asked whether anything changed.
    public var revisionCheckInterval: Double
    /// A fixed "now" for demonstrations and tests (the sample plans are for past years);
    /// nil reads the clock.
    public var asOf: Date?
    /// Seconds a connection may stay silent (no request, or a request not finished) before
    /// it is closed.
    public var idleTimeout: Int
    /// The national legal rules the checks apply (`calendars/rules/`).
    public var rules: [LegalRule]

    public init(
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        baseURL: String? = nil,
        uidDomain: String = "podium",
        revisionCheckInterval: Double = 1,
        asOf: Date? = nil,
        idleTimeout: Int = 30,
        rules: [LegalRule] = []
    ) {
        self.hostname = hostname
        self.port = port
        self.baseURL = baseURL ?? "http://\(hostname):\(port)"
        self.uidDomain = uidDomain
        self.revisionCheckInterval = revisionCheckInterval
        self.asOf = asOf
        self.idleTimeout = idleTimeout
        self.rules = rules
    }
}
