import Feeds
import Foundation
import HTTPTypes
import ICalendar
public import Logging
import Scheduling
public import Store

/// Everything the routes need, over one store. The loaded schedule and rendered feeds are
/// cached per store revision, so each feed is rendered once per change and then served
/// from memory. A change made through this process marks the cache stale at once (a
/// transaction observer); one made by another process on the same file (a CLI writer) is seen
/// when the revision is re-read, at most once per `revisionCheckInterval`.
public final class PodiumService: Sendable {
    public let store: any PodiumStorage
    public let configuration: ServerConfiguration
    let state = StateCache()
    let throttle = LoginThrottle()
    let templates = Templates.shared
    let logger: Logger

    /// Marks the cached state stale after every change committed through this process's
    /// store, whichever door it came through (API, pages, publisher, outbox).
    let observation: RevisionObservation

    public init(store: any PodiumStorage, configuration: ServerConfiguration, logger: Logger = Logger(label: "podium"))
    {
        self.store = store
        self.configuration = configuration
        self.logger = logger
        observation = store.observeCommits { [state] in state.invalidate() }
    }

    /// How many feeds this server has built: once per change and feed, then served from
    /// memory (a diagnostic, and what the tests count).
    public var feedsBuilt: Int { state.renderCount }

    /// The current time, or the configured fixed one.
    func now() -> Date { configuration.asOf ?? Date() }

    /// The store's state at its current revision: the plan read in one transaction.
    typealias State = PlanSnapshot

    /// The state to answer from, reloaded (with no lock held, one load at a time) only when
    /// the revision moved.
    func current() async throws -> State {
        try await state.current(
            interval: configuration.revisionCheckInterval,
            revision: { [store] in try store.latestRevision() },
            load: { [store] in try store.snapshot() }
        )
    }

    /// The national rules (configuration) and the province's local ones (stored).
    func rules(_ s: State) -> [LegalRule] { configuration.rules + s.localRules }

    func engine(_ s: State, around now: Date) -> OccurrenceEngine {
        let year = LocalDateTime(utc: now).date.year
        return OccurrenceEngine(
            calendar: WorkingCalendar(years: s.schedule.calendarYears(for: year - 1...year + 2), decisions: s.decisions)
        )
    }

    /// A feed's bytes, rendered once per store revision (and per 5-minute bucket, since
    /// embargoes and grace periods depend on the time).
    func feed(_ key: String, audience: FeedAudience, now: Date) async throws -> RenderedFeed {
        let bucket = Int(now.timeIntervalSince1970 / 300)
        // A poll between changes: one lock, no store, no state copy.
        if let hit = state.freshFeed(key, bucket: bucket, interval: configuration.revisionCheckInterval) {
            return hit
        }
        let s = try await current()
        if let hit = state.feed(key, revision: s.revision, bucket: bucket) { return hit }
        let options = FeedOptions(
            now: now,
            uidDomain: configuration.uidDomain,
            baseURL: configuration.baseURL,
            changeTimes: s.changeTimes,
            defaultChangeTime: s.lastModified
        )
        let text: String
        state.countRender()
        do {
            text = try FeedBuilder(engine: engine(s, around: now)).render(
                s.schedule,
                audience: audience,
                options: options,
                people: FeedPeople(s.roster)
            )
        } catch {
            // Imports are validated so this should not happen; if it does, say why, log it,
            // and let /healthz report the server as degraded until a change fixes it.
            state.recordFailure(key, "\(error)")
            throw Problem(.internalServerError, "Feed unavailable", "the \(key) feed cannot be built: \(error)")
        }
        state.recordFailure(key, nil)
        let rendered = RenderedFeed(text: text, lastModified: s.lastModified)
        state.store(rendered, key: key, revision: s.revision, bucket: bucket)
        return rendered
    }
}

/// Per-revision cache of the loaded state and rendered feeds.
/// Guarded by a lock rather than an actor: the 304 path runs on every poll, and an actor
/// hop per request cost more than the rest of the request.
final class StateCache: @unchecked Sendable {
    private let lock = NSLock()
    private var state: PodiumService.State?
    private var loading: Task<PodiumService.State, any Error>?
    /// What a check found: the state to answer with, or a load to wait for.
    private enum Next {
        case ready(PodiumService.State)
        case wait(Task<PodiumService.State, any Error>)
    }

    /// Counts invalidations, so a check that began before one cannot mark the state fresh.
    private var generation = 0
    private var checkedAt = ContinuousClock.now
    private var feeds: [String: (revision: Int, bucket: Int, feed: RenderedFeed)] = [:]
    private var failures: [String: String] = [:]
    private var renders = 0

    func countRender() {
        lock.lock()
        renders += 1
        lock.unlock()
    }

    /// How many feeds were built since start (each change builds each requested feed once).
    var renderCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return renders
    }

    /// Notes that a feed failed to build (or, with nil, that it built again).
    func recordFailure(_ key: String, _ message: String?) {
        lock.lock()
        failures[key] = message
        lock.unlock()
    }

    /// Feeds whose last build failed, and why.
    var failedFeeds: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return failures
    }

    /// The cached state if it was checked less than `interval` ago and nothing invalidated
    /// it since; otherwise the revision is read again and, when it moved, the state reloaded.
    /// No lock is held while SQLite is read: a request that finds a load under way waits for
    /// it (one load at a time) instead of starting its own. Two races are closed here (a
    /// concurrent-writers run once read an old ETag after a write): a load that finishes after
    /// an invalidation does not mark its state fresh (`generation`), and a load joined for an
    /// older revision than the one just read is not returned — the loop goes round again.
    func current(
        interval: Double,
        revision: @Sendable () async throws -> Int,
        load: @escaping @Sendable () async throws -> PodiumService.State
    ) async throws -> PodiumService.State {
        while true {
            let now = ContinuousClock.now
            let (cached, seen): (PodiumService.State?, Int) = lock.withLock {
                guard let state, isFresh(now, interval) else {
                    return (nil, generation)
                }
                return (state, generation)
            }
            if let cached { return cached }
            let latest = try await revision()
            let next: Next = lock.withLock {
                if let state, state.revision == latest {
                    if generation == seen { checkedAt = now }
                    return .ready(state)
                }
                if let loading { return .wait(loading) }
                let task = Task { try await load() }
                loading = task
                return .wait(task)
            }
            let task: Task<PodiumService.State, any Error>
            switch next {
            case .ready(let state): return state
            case .wait(let pending): task = pending
            }
            let fresh: PodiumService.State
            do {
                fresh = try await task.value
            } catch {
                lock.withLock { if loading == task { loading = nil } }
                throw error
            }
            lock.withLock {
                if fresh.revision >= state?.revision ?? 0 { state = fresh }
                if generation == seen, fresh.revision >= latest { checkedAt = now }
                if loading == task { loading = nil }
            }
            if fresh.revision >= latest { return fresh }
        }
    }

    /// Forget the cached state (after a write through the API, so the next read sees it).
    func invalidate() {
        lock.withLock {
            checkedAt = ContinuousClock.now - .seconds(3600)
            generation += 1
        }
    }

    /// Whether the cached state was checked against the store less than `interval` seconds
    /// before `now` (and not invalidated since). Call with the lock held.
    private func isFresh(_ now: ContinuousClock.Instant, _ interval: Double) -> Bool {
        now - checkedAt < .milliseconds(Int64(interval * 1000))
    }

    /// The feed rendered for the cached state, if that state was checked less than
    /// `interval` ago (what `current` would return without reading the store) — the path
    /// of nearly every poll, under one lock.
    func freshFeed(_ key: String, bucket: Int, interval: Double) -> RenderedFeed? {
        let now = ContinuousClock.now
        lock.lock()
        defer { lock.unlock() }
        guard let state, isFresh(now, interval),
            let hit = feeds[key], hit.revision == state.revision, hit.bucket == bucket
        else { return nil }
        return hit.feed
    }

    func feed(_ key: String, revision: Int, bucket: Int) -> RenderedFeed? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = feeds[key], hit.revision == revision, hit.bucket == bucket else { return nil }
        return hit.feed
    }

    func store(_ feed: RenderedFeed, key: String, revision: Int, bucket: Int) {
        lock.lock()
        feeds[key] = (revision, bucket, feed)
        lock.unlock()
    }
}
