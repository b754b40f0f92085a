public import Foundation
import Scheduling

/// Settings that shape a feed but are not part of the schedule.
public struct FeedOptions: Sendable {
    /// The moment the feed is built for: embargoes, the 12-month window and the cancelled
    /// ad-hoc grace period are judged against it. A parameter, never a clock read.
    public var now: Date
    /// Domain part of UIDs (`<id>@<domain>`): stable forever (RFC 5545 §3.8.4.7).
    public var uidDomain: String
    /// Base of public links (`<base>/briefings/<id>`, SOURCE); nil leaves them out.
    public var baseURL: String?
    /// Refresh hint in seconds (REFRESH-INTERVAL and X-PUBLISHED-TTL).
    public var refreshInterval: Int
    /// How long a cancelled ad-hoc briefing stays visible as cancelled.
    public var cancelledGracePeriod: TimeInterval
    /// How far back finished series and past briefings are kept.
    public var pastWindow: TimeInterval
    /// How far ahead holiday moves are written as overrides for rules without an end.
    public var horizon: TimeInterval
    /// When each revision was made (from the store's audit log): DTSTAMP and LAST-MODIFIED
    /// are the change time, so an unchanged schedule gives byte-identical output
    /// (icalendar.md §1.3). Revisions not listed use `defaultChangeTime`.
    public var changeTimes: [Int: Date]
    public var defaultChangeTime: Date
    /// A generic press-office address for ORGANIZER (RFC 5546 PUBLISH wants one).
    public var organizerEmail: String?

    public init(
        now: Date,
        uidDomain: String = "podium",
        baseURL: String? = nil,
        refreshInterval: Int = 3600,
        cancelledGracePeriod: TimeInterval = 14 * 86_400,
        pastWindow: TimeInterval = 366 * 86_400,
        horizon: TimeInterval = 2 * 366 * 86_400,
        changeTimes: [Int: Date] = [:],
        defaultChangeTime: Date,
        organizerEmail: String? = nil
    ) {
        self.now = now
        self.uidDomain = uidDomain
        self.baseURL = baseURL
        self.refreshInterval = refreshInterval
        self.cancelledGracePeriod = cancelledGracePeriod
        self.pastWindow = pastWindow
        self.horizon = horizon
        self.changeTimes = changeTimes
        self.defaultChangeTime = defaultChangeTime
        self.organizerEmail = organizerEmail
    }

    func changeTime(_ revision: Int) -> Date { changeTimes[revision] ?? defaultChangeTime }
}
