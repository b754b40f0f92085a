import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// Regression for the 2025 defect "every series briefing link on the public page was a 404":
/// every same-site link on the public pages (both languages) and on a spokesperson's page is
/// followed in-process and must answer 200. The real-browser crawl (Tests/e2e/crawl_e2e.py)
/// does the same through Chromium.
@Suite("Links on the pages")
struct LinkTests {
    /// The `href` values of a page, HTML entities undone.
    static func links(_ html: String) -> [String] {
        let pattern = /href="([^"]*)"/
        return html.matches(of: pattern).map {
            String($0.output.1).replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test("every link on the public pages and a spokesperson's page opens (200)")
    func everyLinkOpens() async throws {
        let f = try ServerTests.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            var pages = ["/", "/?lang=en", "/me/\(f.personal)"]
            // The URL property of every event in the feeds is a link a subscriber clicks too.
            for feed in ["/feeds/public.vi.ics", "/feeds/public.en.ics", "/feeds/spokespeople/\(f.personal).ics"] {
                // Unfold long lines first (RFC 5545 §3.1).
                let text = try await client.execute(uri: feed, method: .get) {
                    String(buffer: $0.body).replacingOccurrences(of: "\r\n ", with: "")
                }
                for line in text.components(separatedBy: "\r\n") where line.hasPrefix("URL:") {
                    pages.append(String(line.dropFirst(4)).replacingOccurrences(of: "https://podium.test", with: ""))
                }
            }
            var seen = Set<String>()
            var briefingLinks = 0
            while let page = pages.popLast() {
                guard seen.insert(page).inserted else { continue }
                try await client.execute(uri: page, method: .get) { r in
                    #expect(r.status == .ok, "\(page) answered \(r.status)")
                    guard r.headers[.contentType]?.hasPrefix("text/html") == true else { return }
                    for link in Self.links(String(buffer: r.body)) {
                        let local = link.replacingOccurrences(of: "https://podium.test", with: "")
                        guard local.hasPrefix("/") else { continue }
                        if local.hasPrefix("/briefings/") { briefingLinks += 1 }
                        pages.append(local)
                    }
                }
            }
            // The sample has series and ad-hoc briefings in the six months after 1 June 2024.
            #expect(briefingLinks > 5, "only \(briefingLinks) briefing links were found")
            #expect(seen.contains { $0.contains("@") }, "no series briefing link was followed")
            #expect(seen.contains { $0.hasPrefix("/series/") }, "no series page link was followed")
        }
    }

    @Test("a briefing link percent-encoded by a client (%40 for @) opens the same page")
    func percentEncodedBriefing() async throws {
        let f = try ServerTests.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let raw = try await client.execute(uri: "/briefings/thong-tin-bao-chi-thang@20240628T160000", method: .get)
            {
                String(buffer: $0.body)
            }
            try await client.execute(uri: "/briefings/thong-tin-bao-chi-thang%4020240628T160000", method: .get) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body) == raw)
            }
        }
    }

    @Test("HEAD answers like GET without a body; an unused method gets 405 with Allow")
    func headAndUnknownMethods() async throws {
        let f = try ServerTests.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            for path in ["/", "/feeds/public.vi.ics", "/feeds/agencies/ubnd-phu-yen.ics", "/healthz"] {
                let etag = try await client.execute(uri: path, method: .get) { $0.headers[.eTag] }
                try await client.execute(uri: path, method: .head) { r in
                    #expect(r.status == .ok, "HEAD \(path)")
                    #expect(r.body.readableBytes == 0, "HEAD \(path) has a body")
                    #expect(r.headers[.eTag] == etag, "HEAD \(path) ETag differs from GET")
                }
            }
            try await client.execute(uri: "/", method: .init("TRACE")!) { r in
                #expect(r.status == .methodNotAllowed)
                #expect(r.headers[.allow]?.contains("GET") == true)
                #expect(r.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
