import Feeds
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Scheduling
import Store

extension PodiumService {
    /// Subscribable feeds (icalendar.md §1.7): `text/calendar; charset=utf-8`, strong ETag,
    /// Last-Modified, 304 on If-None-Match / If-Modified-Since, gzip when asked, public
    /// caching for public feeds and `private, no-store` for personal ones, no Accept needed
    /// (Google's fetcher sends none).
    func addFeedRoutes(to router: Router<PodiumRequestContext>) {
        for language in Language.allCases {
            let key = "public.\(language.rawValue)"
            let name = key + ".ics"
            router.get(RouterPath("/feeds/" + name)) { request, _ in
                let feed = try await self.feed(key, audience: .public(language), now: self.now())
                return Self.serve(feed, request: request, personal: false, name: name)
            }
        }
        for language in Language.allCases {
            router.get("/feeds/public.\(language.rawValue).atom") { _, _ in
                let state = try await self.current()
                let now = self.now()
                let xml = AtomFeed.render(
                    try self.mapStore { try self.store.scheduleChanges(limit: 100) },
                    state: state,
                    engine: self.engine(state, around: now),
                    language: language,
                    baseURL: self.configuration.baseURL,
                    now: now
                )
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "application/atom+xml; charset=utf-8", .cacheControl: "public, max-age=300",
                    ],
                    body: .init(byteBuffer: ByteBuffer(string: xml))
                )
            }
        }
        router.get("/feeds/agencies/{file}") { request, context in
            let file = try context.parameters.decoded("file")
            guard file.hasSuffix(".ics") else { throw Problem.notFound("feeds end in .ics") }
            var id = String(file.dropLast(4))
            var language = Language(rawValue: String(request.uri.queryParameters["lang"] ?? "vi")) ?? .vi
            // `/feeds/agencies/<id>.en.ics` is the English feed.
            for l in Language.allCases where id.hasSuffix(".\(l.rawValue)") {
                id = String(id.dropLast(3))
                language = l
            }
            guard try await self.current().schedule.agencies[Agency.ID(id)] != nil else {
                throw Problem.notFound("no agency \(id)")
            }
            let feed = try await self.feed(
                "agency.\(id).\(language.rawValue)",
                audience: .agency(Agency.ID(id), language),
                now: self.now()
            )
            return Self.serve(feed, request: request, personal: false, name: file)
        }
        router.get("/feeds/press/{file}") { request, context in
            // `<token>.ics` (Vietnamese) or `<token>.en.ics`; an unknown, revoked or expired
            // accreditation gets the same plain 404 as any missing page.
            let file = try context.parameters.decoded("file")
            guard file.hasSuffix(".ics") else { return Response(status: .notFound) }
            var token = String(file.dropLast(4))
            var language = Language.vi
            if token.hasSuffix(".en") {
                token = String(token.dropLast(3))
                language = .en
            }
            guard try self.accreditedPress(token: token) != nil else { return Response(status: .notFound) }
            let feed = try await self.feed("press.\(language.rawValue)", audience: .press(language), now: self.now())
            return Self.serve(feed, request: request, personal: true, name: "press.\(language.rawValue).ics")
        }
        router.get("/feeds/spokespeople/{file}") { request, context in
            // An unknown or revoked token gets a plain 404, the same as any missing page.
            let file = try context.parameters.decoded("file")
            guard file.hasSuffix(".ics"),
                let subject = try self.store.subject(ofToken: String(file.dropLast(4)), kind: .spokesperson)
            else { return Response(status: .notFound) }
            let state = try await self.current()
            guard let person = SpokespersonFeed(roster: state.roster, person: Spokesperson.ID(subject)) else {
                return Response(status: .notFound)
            }
            let feed = try await self.feed("person.\(subject)", audience: .spokesperson(person), now: self.now())
            return Self.serve(feed, request: request, personal: true, name: "podium.ics")
        }
    }

    static func serve(_ feed: RenderedFeed, request: Request, personal: Bool, name: String) -> Response {
        let notModified = personal ? feed.personalNotModified : feed.publicNotModified
        let inms = request.headers[values: .ifNoneMatch]
        if !inms.isEmpty {
            // RFC 9110 §13.1.2: a list of entity tags, or "*"; weak comparison. A client
            // revalidating sends back the one tag it was given: that is compared first, and
            // only anything else is split and trimmed (by hand: Foundation's trimming cost 7 %
            // of a 304 under wrk).
            if inms.contains(where: { $0 == feed.etag }) { return Response(status: .notModified, headers: notModified) }
            let tags = inms.flatMap { $0.split(separator: ",").map(trimmed) }
            if tags.contains("*") || tags.contains(Substring(feed.etag)) || tags.contains(Substring("W/" + feed.etag)) {
                return Response(status: .notModified, headers: notModified)
            }
        } else if let ims = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse),
            feed.lastModified.timeIntervalSince1970.rounded(.down) <= ims.timeIntervalSince1970
        {
            return Response(status: .notModified, headers: notModified)
        }
        var headers = personal ? feed.personalHeaders : feed.publicHeaders
        headers[.contentDisposition] = "inline; filename=\"\(name)\""
        if let gz = feed.gzipped, acceptsGzip(request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gz))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: feed.body))
    }

    /// A list item without the spaces and tabs around it (RFC 9110 §5.6.1 OWS).
    static func trimmed(_ item: Substring) -> Substring {
        var t = item
        while let c = t.first, c == " " || c == "\t" { t.removeFirst() }
        while let c = t.last, c == " " || c == "\t" { t.removeLast() }
        return t
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }
}
