import Feeds
public import Foundation
import Logging
import NIOCore
import Scheduling
import Store

/// Writes the public and agency feeds, each with its gzip twin, as static files for nginx (or
/// any static host or CDN) to serve with its own ETags and 304s — the path the web uses at
/// scale (`podium publish --to DIR`, `podium serve --publish-to DIR`). Each file is written to
/// a temporary name in the same folder and renamed over the old one (rename(2) is atomic), the
/// `.gz` first, so a reader sees the old feed or the new one, never half of either. Private
/// feeds (spokespeople, press) stay in `podium serve`.
public struct StaticPublisher: Sendable {
    let service: PodiumService
    public let directory: URL

    public init(service: PodiumService, directory: URL) {
        self.service = service
        self.directory = directory
    }

    /// Renders and writes every public feed; returns the paths written, relative to the folder.
    @discardableResult
    public func publish(now: Date) async throws -> [String] {
        let s = try await service.current()
        var written: [String] = []
        for language in Language.allCases {
            let feed = try await service.feed("public.\(language.rawValue)", audience: .public(language), now: now)
            written += try write(feed, to: "feeds/public.\(language.rawValue).ics")
        }
        for id in s.schedule.agencies.keys.sorted() {
            for language in Language.allCases {
                let feed = try await service.feed(
                    "agency.\(id).\(language.rawValue)",
                    audience: .agency(id, language),
                    now: now
                )
                let name = language == .vi ? "\(id.rawValue).ics" : "\(id.rawValue).en.ics"
                written += try write(feed, to: "feeds/agencies/\(name)")
            }
        }
        return written
    }

    /// Publishes now and again whenever the store changes (checked every `interval` seconds),
    /// and every five minutes for embargoes that lift; until the task is cancelled. A quarter
    /// of a second: the check is one indexed read (`MAX(id)` of the change log), and a change
    /// must reach the static host within a second, rendering and writing included (issue 17,
    /// P3; checked once a second, it took 1.00–1.07 s).
    public func keepPublished(interval: Double = 0.25) async {
        var last = -1
        var lastBucket = -1
        while !Task.isCancelled {
            let now = service.now()
            let bucket = Int(now.timeIntervalSince1970 / 300)
            if let revision = try? service.store.latestRevision(), revision != last || bucket != lastBucket {
                // The change may come from another process (a CLI writer), which the server's
                // cache learns of only at its next revision check: without this, the files
                // were rewritten from the state cached a moment before, and never again.
                if revision != last { service.state.invalidate() }
                do {
                    try await publish(now: now)
                    last = revision
                    lastBucket = bucket
                } catch {
                    service.logger.error("publishing to \(directory.path) failed: \(error)")
                }
            }
            try? await Task.sleep(for: .milliseconds(Int(interval * 1000)))
        }
    }

    func write(_ feed: RenderedFeed, to relative: String) throws -> [String] {
        let target = directory.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        var out: [String] = []
        if let gz = feed.gzipped {
            try atomically(Data(gz.readableBytesView), to: target.appendingPathExtension("gz"))
            out.append(relative + ".gz")
        }
        try atomically(Data(feed.body.readableBytesView), to: target)
        out.append(relative)
        return out
    }

    func atomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp"
        )
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
