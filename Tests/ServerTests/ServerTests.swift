import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import NIOCore
import PlanFile
import Scheduling
import Server
import Store
import TestSupport
import Testing

/// In-process tests of every route, status and header (`app.test(.router)`), over an
/// in-memory store holding the Phú Yên sample as of 1 June 2024.
@Suite("Server routes")
struct ServerTests {
    struct Fixture {
        let service: PodiumService
        let api: String
        let personal: String
        let store: PodiumStore
    }

    static func fixture() throws -> Fixture {
        let store = try PodiumStore.inMemory()
        let plan = try PlanReader.read(
            RepositoryPaths.read(RepositoryPaths.calendars.appendingPathComponent("phu-yen-2024/plan.yaml")),
            file: "plan.yaml"
        )
        let decisions = try PlanReader.readHolidays(
            RepositoryPaths.read(RepositoryPaths.calendars.appendingPathComponent("holidays/vietnam.yaml")),
            file: "h.yaml"
        )
        let at = Date(timeIntervalSince1970: 1_704_067_200)
        _ = try store.importPlan(
            agencies: plan.schedule.agencies.values.sorted { $0.id < $1.id },
            venues: plan.schedule.venues.values.sorted { $0.id < $1.id },
            series: plan.schedule.series.values.sorted { $0.id < $1.id },
            adHoc: plan.schedule.adHoc.values.sorted { $0.id < $1.id },
            decisions: decisions,
            roster: plan.roster,
            officeHours: plan.officeHours,
            actor: "test",
            at: at
        )
        // The API's user edits and approves for the plan's top agencies (and so their departments).
        let roots = plan.schedule.agencies.values.filter { $0.parent == nil }.map(\.id).sorted()
        try store.createUser(
            User(
                name: "tester",
                displayName: "Tester",
                grants: roots.flatMap { [Grant(role: .editor, scope: $0), Grant(role: .approver, scope: $0)] }
            ),
            passwordHash: "not-a-hash",
            actor: "test",
            at: at
        )
        let api = try store.issueToken(kind: .api, subject: "tester", at: at)
        let personal = try store.issueToken(kind: .spokesperson, subject: "nguyen-van-an", at: at)
        let rules = try PlanReader.readRules(
            RepositoryPaths.read(RepositoryPaths.calendars.appendingPathComponent("rules/vietnam.yaml")),
            file: "rules.yaml"
        )
        let config = ServerConfiguration(
            port: 0,
            baseURL: "https://podium.test",
            revisionCheckInterval: 0,
            asOf: try Date("2024-06-01T00:00:00Z", strategy: .iso8601),
            rules: rules
        )
        return Fixture(
            service: PodiumService(store: store, configuration: config),
            api: api,
            personal: personal,
            store: store
        )
    }

    static func body(_ r: TestResponse) -> String { String(buffer: r.body) }

    @Test("public feeds: calendar type, strong ETag, Last-Modified, public caching, no Accept needed")
    func publicFeed() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            for lang in ["vi", "en"] {
                try await client.execute(uri: "/feeds/public.\(lang).ics", method: .get) { r in
                    #expect(r.status == .ok)
                    #expect(r.headers[.contentType] == "text/calendar; charset=utf-8")
                    let etag = try #require(r.headers[.eTag])
                    #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
                    // IMF-fixdate (RFC 9110 §5.6.7) of the fixture's last change, 2024-01-01T00:00:00Z.
                    #expect(r.headers[.lastModified] == "Mon, 01 Jan 2024 00:00:00 GMT")
                    #expect(r.headers[.cacheControl]?.hasPrefix("public") == true)
                    #expect(Self.body(r).hasPrefix("BEGIN:VCALENDAR\r\n"))
                    #expect(FeedLint.problems(Self.body(r)).isEmpty)
                }
            }
        }
    }

    @Test("the Atom change feed names a moved and a cancelled public briefing, never a press-only one")
    func atom() async throws {
        let f = try Self.fixture()
        let at = Date(timeIntervalSince1970: 1_717_200_000)
        _ = try f.store.moveOccurrence(
            series: "hop-bao-quy",
            original: LocalDateTime(iso: "2024-10-03T15:00")!,
            to: LocalDateTime(iso: "2024-10-04T09:00")!,
            venue: nil,
            reason: "Trùng lịch",
            expectedRevision: nil,
            actor: "test",
            at: at
        )
        _ = try f.store.cancelOccurrence(
            series: "giao-ban-bao-chi",
            original: LocalDateTime(iso: "2024-06-11T08:00")!,
            reason: "Họp HĐND",
            expectedRevision: nil,
            actor: "test",
            at: at
        )
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let r = try await client.execute(uri: "/feeds/public.vi.atom", method: .get)
            #expect(r.status == .ok)
            #expect(r.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let text = Self.body(r)
            #expect(text.contains("<title>Dời lịch: Họp báo định kỳ quý của UBND tỉnh</title>"))
            #expect(text.contains("https://podium.test/briefings/hop-bao-quy@20241003T150000"))
            #expect(text.contains("Trùng lịch"))
            #expect(!text.contains("giao-ban-bao-chi"), "the weekly briefing is press-only")
            let en = Self.body(try await client.execute(uri: "/feeds/public.en.atom", method: .get))
            #expect(
                en.contains("<title>Moved: Quarterly press conference of the Provincial People&#39;s Committee</title>")
            )
            let page = Self.body(try await client.execute(uri: "/", method: .get))
            #expect(page.contains("href=\"/feeds/public.vi.atom\""))
        }
    }

    @Test("API parity: create a series, read the roster and add an absence, read the history; bad input is 422")
    func parity() async throws {
        let f = try Self.fixture()
        let auth: HTTPFields = [.authorization: "Bearer \(f.api)", .contentType: "application/json"]
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let created = try await client.execute(
                uri: "/api/series",
                method: .post,
                headers: auth,
                body: ByteBuffer(
                    string:
                        #"{"id":"hop-bao-thang-api","title":"Họp báo tháng","organizer":"ubnd-phu-yen","rrule":"FREQ=MONTHLY;BYDAY=3FR;COUNT=6","start":"2024-07-19T15:00","minutes":90}"#
                )
            )
            #expect(created.status == .created)
            let series = try await client.execute(uri: "/api/series/hop-bao-thang-api", method: .get, headers: auth)
            #expect(series.status == .ok)
            let bad = try await client.execute(
                uri: "/api/series",
                method: .post,
                headers: auth,
                body: ByteBuffer(
                    string:
                        #"{"id":"x-bad","title":"x","organizer":"ubnd-phu-yen","rrule":"FREQ=SOMETIMES","start":"2024-07-19T15:00","minutes":90}"#
                )
            )
            #expect(bad.status == .unprocessableContent)
            #expect(Self.body(bad).contains("rrule"))
            let history = Self.body(
                try await client.execute(uri: "/api/history?id=hop-bao-thang-api", method: .get, headers: auth)
            )
            #expect(history.contains("\"action\":\"create\""))
            let absence = try await client.execute(
                uri: "/api/roster/nguyen-van-an/absences",
                method: .post,
                headers: auth,
                body: ByteBuffer(
                    string: #"{"from":"2024-08-01","to":"2024-08-02","kind":"leave","reason":"Nghỉ phép"}"#
                )
            )
            #expect(absence.status == .created)
            let roster = Self.body(try await client.execute(uri: "/api/roster", method: .get, headers: auth))
            #expect(roster.contains("nguyen-van-an") && roster.contains("leave"))
            let nobody = try await client.execute(uri: "/api/roster", method: .get)
            #expect(nobody.status == .unauthorized)
        }
    }

    @Test("headers over the limits (8 KB a field, 32 KB in all) are refused before any handler runs")
    func headerLimits() async throws {
        let f = try Self.fixture()
        try await f.service.buildApplication().test(.live) { client in
            let ok = try await client.execute(uri: "/healthz", method: .get)
            #expect(ok.status == .ok)
            var big: HTTPFields = [:]
            big[HTTPField.Name("X-Padding")!] = String(repeating: "a", count: PodiumService.maxHeaderFieldSize + 1)
            var answered: HTTPResponse.Status?
            do { answered = try await client.execute(uri: "/healthz", method: .get, headers: big).status } catch {
                answered = nil  // the connection was closed: refused
            }
            #expect(answered != .ok)
        }
    }

    @Test("a change written through the store reaches the feed at once, without waiting for the revision check")
    func commitInvalidatesCache() async throws {
        let f = try Self.fixture()
        // The revision is re-read only once an hour here: what the feed shows after the change
        // comes from the commit observer alone.
        var configuration = f.service.configuration
        configuration.revisionCheckInterval = 3600
        let service = PodiumService(store: f.store, configuration: configuration)
        try await Application(router: service.buildRouter()).test(.router) { client in
            let before = Self.body(try await client.execute(uri: "/feeds/public.vi.ics", method: .get))
            #expect(Self.body(try await client.execute(uri: "/feeds/public.vi.ics", method: .get)) == before)
            _ = try f.store.cancelOccurrence(
                series: "hop-bao-quy",
                original: LocalDateTime(year: 2024, month: 10, day: 3, hour: 15, minute: 0),
                reason: "Bão số 9",
                expectedRevision: nil,
                actor: "test",
                at: Date(timeIntervalSince1970: 1_717_000_000)
            )
            let after = Self.body(try await client.execute(uri: "/feeds/public.vi.ics", method: .get))
            // The quarterly conference of 3 October is now cancelled in the feed.
            #expect(after != before)
        }
    }

    @Test("conditional requests answer 304; gzip when asked decompresses to the same bytes")
    func conditionalAndGzip() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let first = try await client.execute(uri: "/feeds/public.vi.ics", method: .get)
            let etag = try #require(first.headers[.eTag])
            let modified = try #require(first.headers[.lastModified])
            try await client.execute(uri: "/feeds/public.vi.ics", method: .get, headers: [.ifNoneMatch: etag]) { r in
                #expect(r.status == .notModified)
                #expect(r.body.readableBytes == 0)
                // RFC 9110 §15.4.5: the validator and caching fields, no representation metadata.
                #expect(r.headers[.eTag] == etag)
                #expect(r.headers[.cacheControl] == "public, max-age=300")
                #expect(r.headers[.vary] == "Accept-Encoding")
                #expect(r.headers[.contentType] == nil)
            }
            // A list (RFC 9110 §13.1.2) with spaces and tabs around its items, a weak tag, or "*".
            for header in ["\"other\",  \(etag)", "\"other\",\t\(etag)\t", "W/\(etag)", " * "] {
                let r = try await client.execute(
                    uri: "/feeds/public.vi.ics",
                    method: .get,
                    headers: [.ifNoneMatch: header]
                )
                #expect(r.status == .notModified, "If-None-Match: \(header)")
            }
            try await client.execute(uri: "/feeds/public.vi.ics", method: .get, headers: [.ifNoneMatch: "\"other\""]) {
                r in
                #expect(r.status == .ok)
            }
            try await client.execute(uri: "/feeds/public.vi.ics", method: .get, headers: [.ifModifiedSince: modified]) {
                r in
                #expect(r.status == .notModified)
            }
            try await client.execute(
                uri: "/feeds/public.vi.ics",
                method: .get,
                headers: [.ifModifiedSince: "Mon, 01 Jan 2001 00:00:00 GMT"]
            ) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(
                uri: "/feeds/public.vi.ics",
                method: .get,
                headers: [.acceptEncoding: "gzip, deflate"]
            ) { r in
                #expect(r.headers[.contentEncoding] == "gzip")
                let dir = try ExternalTool.temporaryDirectory("gz")
                let gz = dir.appendingPathComponent("f.gz")
                try Data(r.body.readableBytesView).write(to: gz)
                let (status, out) = try ExternalTool.run("/bin/gzip", ["-dc", gz.path])
                #expect(status == 0)
                #expect(out == Self.body(first))
            }
            try await client.execute(uri: "/feeds/public.vi.ics", method: .get, headers: [.acceptEncoding: "gzip;q=0"])
            { r in
                #expect(r.headers[.contentEncoding] == nil)
            }
        }
    }

    @Test("agency feeds by id (and .en), unknown agency 404")
    func agencyFeeds() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/feeds/agencies/ubnd-phu-yen.ics", method: .get) { r in
                #expect(r.status == .ok)
                #expect(Self.body(r).contains("NAME;LANGUAGE=vi:"))
            }
            try await client.execute(uri: "/feeds/agencies/ubnd-phu-yen.en.ics", method: .get) { r in
                #expect(Self.body(r).contains("NAME;LANGUAGE=en:"))
            }
            try await client.execute(uri: "/feeds/agencies/nope.ics", method: .get) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/feeds/agencies/ubnd-phu-yen", method: .get) { r in
                #expect(r.status == .notFound)
            }
        }
    }

    @Test("spokesperson feeds: private caching; unknown, revoked and rotated-away tokens get a plain 404")
    func personalFeeds() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/feeds/spokespeople/\(f.personal).ics", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.cacheControl] == "private, no-store")
                #expect(!Self.body(r).contains("METHOD:"))
                #expect(Self.body(r).contains("[Chính]"))
            }
            try await client.execute(uri: "/feeds/spokespeople/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics", method: .get) {
                r in
                #expect(r.status == .notFound)
                #expect(r.body.readableBytes == 0)
            }
            _ = try f.store.revokeTokens(kind: .spokesperson, subject: "nguyen-van-an", at: Date())
            let fresh = try f.store.issueToken(kind: .spokesperson, subject: "nguyen-van-an", at: Date())
            try await client.execute(uri: "/feeds/spokespeople/\(f.personal).ics", method: .get) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/feeds/spokespeople/\(fresh).ics", method: .get) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(uri: "/me/\(fresh)", method: .get) { r in
                #expect(r.status == .ok)
                #expect(Self.body(r).contains("Nguyễn Văn An"))
                #expect(Self.body(r).contains("/feeds/spokespeople/\(fresh).ics"))
            }
            try await client.execute(uri: "/me/\(f.personal)", method: .get) { r in #expect(r.status == .notFound) }
        }
    }

    @Test("pages: public calendar with the three subscribe links, briefing pages, the secretariat behind a token")
    func pages() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                let html = Self.body(r)
                #expect(html.contains("href=\"https://podium.test/feeds/public.vi.ics\""))
                #expect(html.contains("href=\"webcal://podium.test/feeds/public.vi.ics\""))
                #expect(
                    html.contains(
                        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fpodium.test%2Ffeeds%2Fpublic.vi.ics"
                    )
                )
                #expect(html.contains("Hội nghị xúc tiến đầu tư"))
            }
            try await client.execute(uri: "/?lang=en", method: .get) { r in
                #expect(Self.body(r).contains("Press briefings"))
            }
            try await client.execute(uri: "/briefings/xuc-tien-dau-tu-2024", method: .get) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(uri: "/briefings/hop-bao-quy@20240704T150000", method: .get) { r in
                #expect(r.status == .ok)
                #expect(Self.body(r).contains("Thứ Sáu, 05/07/2024 09:00"))
                #expect(Self.body(r).contains("Dời từ Thứ Năm, 04/07/2024 15:00"))
            }
            // Press-only and unknown briefings are not public pages.
            try await client.execute(uri: "/briefings/giao-ban-bao-chi@20240604T080000", method: .get) { r in
                #expect(r.status == .notFound)
            }
            // A browser without a session is sent to sign in.
            try await client.execute(uri: "/secretariat", method: .get) { r in
                #expect(r.status == .found)
                #expect(r.headers[.location] == "/login?next=/secretariat")
            }
            // A token in the query string is never accepted (it would end up in logs and history).
            try await client.execute(uri: "/secretariat?token=\(f.api)", method: .get) { r in
                #expect(r.status == .found)
                #expect(!Self.body(r).contains("Kết quả kiểm tra"))
            }
            try await client.execute(
                uri: "/secretariat",
                method: .get,
                headers: [.authorization: "Bearer \(f.api)"]
            ) { r in
                #expect(r.status == .ok)
                #expect(Self.body(r).contains("Kết quả kiểm tra"))
            }
        }
    }

    @Test(
        "the API: bearer auth, ETag and If-Match (412 when stale, 428 when missing), problem details, and feeds follow"
    )
    func api() async throws {
        let f = try Self.fixture()
        let auth: HTTPFields = [.authorization: "Bearer \(f.api)", .contentType: "application/json"]
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/api/occurrences?from=2024-01-01&to=2024-02-01", method: .get) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.contentType] == "application/problem+json")
                #expect(Self.body(r).contains("\"status\":401"))
            }
            try await client.execute(uri: "/api/occurrences?from=2024-01-01&to=2024-02-01", method: .get, headers: auth)
            { r in
                #expect(r.status == .ok)
                #expect(Self.body(r).contains("hop-bao-quy@20240104T150000"))
            }
            let feedBefore = try await client.execute(uri: "/feeds/public.vi.ics", method: .get)
            let series = try await client.execute(uri: "/api/series/hop-bao-quy", method: .get, headers: auth)
            let etag = try #require(series.headers[.eTag])
            var stale = auth
            stale[.ifMatch] = "\"1\""
            try await client.execute(
                uri: "/api/series/hop-bao-quy/cancel",
                method: .post,
                headers: stale,
                body: ByteBuffer(string: #"{"original":"2024-10-03T15:00","reason":"Bão"}"#)
            ) { r in
                #expect(r.status == .preconditionFailed)
                #expect(r.headers[.contentType] == "application/problem+json")
            }
            var fresh = auth
            fresh[.ifMatch] = etag
            try await client.execute(
                uri: "/api/series/hop-bao-quy/cancel",
                method: .post,
                headers: fresh,
                body: ByteBuffer(string: #"{"original":"2024-10-03T15:00","reason":"Bão"}"#)
            ) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.eTag] != etag)
            }
            try await client.execute(uri: "/feeds/public.vi.ics", method: .get) { r in
                #expect(r.headers[.eTag] != feedBefore.headers[.eTag])
                #expect(Self.body(r).contains("EXDATE;TZID=Asia/Ho_Chi_Minh:20241003T150000"))
            }
            // Every write needs If-Match (RFC 6585 §3: 428 without it).
            try await client.execute(
                uri: "/api/series/hop-bao-quy/cancel",
                method: .post,
                headers: auth,
                body: ByteBuffer(string: #"{"original":"2024-10-04T15:00","reason":"x"}"#)
            ) { r in
                #expect(r.status == .preconditionRequired)
            }
            var current = auth
            let seriesTag: String = try #require(
                try await client.execute(uri: "/api/series/hop-bao-quy", method: .get, headers: auth).headers[.eTag]
            )
            current[.ifMatch] = seriesTag
            try await client.execute(
                uri: "/api/series/hop-bao-quy/cancel",
                method: .post,
                headers: current,
                body: ByteBuffer(string: #"{"original":"2024-10-04T15:00","reason":"x"}"#)
            ) { r in
                #expect(r.status == .unprocessableContent)
            }
            let move = ByteBuffer(
                string: #"{"original":"2024-04-04T15:00","to":"2024-04-05T09:00","reason":"Trùng lịch"}"#
            )
            try await client.execute(uri: "/api/series/hop-bao-quy/move", method: .post, headers: current, body: move) {
                r in #expect(r.status == .ok)
            }
            let adhoc = ByteBuffer(
                string:
                    #"{"id":"new-1","title":"Đột xuất","organizer":"ubnd-phu-yen","trigger":"incident","triggeredAt":"2024-06-02T01:00:00Z","start":"2024-06-02T15:00","duration":45}"#
            )
            let created = try await client.execute(uri: "/api/adhoc", method: .post, headers: auth, body: adhoc)
            #expect(created.status == .created)
            #expect(created.headers[.location] == "/api/adhoc/new-1")
            try await client.execute(
                uri: "/api/adhoc/new-1/cancel",
                method: .post,
                headers: auth,
                body: ByteBuffer(string: #"{"reason":"x"}"#)
            ) { r in
                #expect(r.status == .preconditionRequired)
            }
            var match = auth
            let createdTag: String = try #require(created.headers[.eTag])
            match[.ifMatch] = createdTag
            try await client.execute(
                uri: "/api/adhoc/new-1/cancel",
                method: .post,
                headers: match,
                body: ByteBuffer(string: #"{"reason":"Đổi kế hoạch"}"#)
            ) { r in
                #expect(r.status == .ok)
            }
            var assignment = auth
            let assignmentTag: String = try #require(
                try await client.execute(
                    uri: "/api/assignments/hop-bao-quy@20240404T150000",
                    method: .get,
                    headers: auth
                ).headers[.eTag]
            )
            assignment[.ifMatch] = assignmentTag
            try await client.execute(
                uri: "/api/assignments/hop-bao-quy@20240404T150000",
                method: .put,
                headers: assignment,
                body: ByteBuffer(string: #"{"primary":"tran-thi-binh","reason":"Thay"}"#)
            ) { r in
                #expect(r.status == .ok)
            }
            // Someone not on the roster, and an occurrence that does not exist, change nothing.
            try await client.execute(
                uri: "/api/assignments/hop-bao-quy@20240404T150000",
                method: .put,
                headers: assignment,
                body: ByteBuffer(string: #"{"primary":"nobody","reason":"x"}"#)
            ) { r in
                #expect(r.status == .unprocessableContent)
            }
            try await client.execute(
                uri: "/api/assignments/hop-bao-quy@20240405T150000",
                method: .put,
                headers: assignment,
                body: ByteBuffer(string: #"{"primary":"tran-thi-binh","reason":"x"}"#)
            ) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(
                uri: "/api/auto-assign",
                method: .post,
                headers: auth,
                body: ByteBuffer(string: #"{"from":"2024-01-01","to":"2025-01-01"}"#)
            ) { r in
                #expect(r.status == .ok)
                #expect(Self.body(r).contains("\"saved\""))
            }
            try await client.execute(uri: "/api/check?from=2024-01-01&to=2025-01-01", method: .get, headers: auth) {
                r in
                #expect(r.status == .ok)
                #expect(Self.body(r).contains("legalBasis"))
            }
            try await client.execute(uri: "/api/occurrences?from=2025-01-01&to=2024-01-01", method: .get, headers: auth)
            { r in
                #expect(r.status == .badRequest)
            }
        }
    }

    @Test("/openapi.json documents exactly the routes: each documented operation is routed")
    func openAPI() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let doc = try await client.execute(uri: "/openapi.json", method: .get)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(doc.body.readableBytesView)) as? [String: Any]
            )
            let paths = try #require(json["paths"] as? [String: [String: Any]])
            #expect(paths.count == 72)
            for (path, methods) in paths {
                let concrete = path.replacingOccurrences(of: "{file}", with: "x.ics").replacingOccurrences(
                    of: "{id}",
                    with: "x"
                )
                .replacingOccurrences(of: "{token}", with: "x").replacingOccurrences(of: "{occurrence}", with: "x")
                .replacingOccurrences(of: "{change}", with: "x").replacingOccurrences(of: "{kind}", with: "x")
                .replacingOccurrences(of: "{person}", with: "x").replacingOccurrences(of: "{name}", with: "x")
                for method in methods.keys {
                    let r = try await client.execute(
                        uri: concrete,
                        method: HTTPRequest.Method(method.uppercased())!,
                        headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: "{}")
                    )
                    // A route the router does not know answers a bare 404; ours answer something else
                    // (or a 404 problem document / personal-page 404 from a handler).
                    let unrouted = r.status == .notFound && String(buffer: r.body).contains("no such route")
                    #expect(!unrouted, "\(method) \(path) is documented but not routed")
                }
            }
            // And every route the service registers is documented.
            let documented = Set(paths.keys)
            for route in [
                "/healthz", "/openapi.json", "/feeds/public.vi.ics", "/feeds/public.en.ics", "/feeds/agencies/{file}",
                "/feeds/spokespeople/{file}", "/", "/briefings/{id}", "/me/{token}", "/secretariat", "/api/occurrences",
                "/api/series/{id}", "/api/series/{id}/cancel", "/api/series/{id}/move", "/api/series/{id}/split",
                "/api/adhoc", "/api/adhoc/{id}", "/api/adhoc/{id}/cancel", "/api/assignments/{occurrence}",
                "/api/auto-assign", "/api/check", "/series/{id}", "/login", "/logout", "/account", "/account/password",
                "/press/{token}", "/feeds/press/{file}", "/workspace", "/workspace/month",
                "/workspace/occurrences/{id}",
                "/workspace/occurrences/{id}/{change}", "/workspace/approvals", "/workspace/approvals/{kind}/{id}",
                "/workspace/history", "/workspace/board", "/workspace/board/preview", "/workspace/board/apply",
                "/workspace/adhoc", "/workspace/adhoc/preview", "/workspace/adhoc/create", "/api/outcomes/{occurrence}",
                "/api/followups", "/api/followups/{id}/answer", "/api/report", "/workspace/report",
                "/workspace/report/{file}", "/workspace/followups/{id}/answer", "/my", "/my/assignments/{id}/{answer}",
                "/my/offers/{id}/take", "/my/unavailability", "/workspace/swaps/{id}/{decision}",
                "/feeds/public.vi.atom",
                "/feeds/public.en.atom", "/my/mail", "/my/busy", "/api/series", "/api/roster",
                "/api/roster/{person}/absences", "/api/history", "/workspace/week", "/workspace/users",
                "/workspace/users/{name}/{action}", "/workspace/grants", "/api/plan", "/workspace/plan",
                "/workspace/plan.yaml", "/workspace/series/new", "/workspace/series/{id}",
                "/workspace/series/{id}/split",
                "/api/approvals/{kind}/{id}",
            ] {
                #expect(documented.contains(route), "\(route) is routed but not documented")
            }
        }
    }

    @Test("/healthz answers ok")
    func health() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                #expect(Self.body(r) == "ok")
            }
        }
    }

    @Test("a feed is built once per change: later requests are served from memory until the store changes")
    func renderedOnce() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let a = try await client.execute(uri: "/feeds/public.en.ics", method: .get)
            let built = f.service.feedsBuilt
            for _ in 0..<5 { _ = try await client.execute(uri: "/feeds/public.en.ics", method: .get) }
            let b = try await client.execute(uri: "/feeds/public.en.ics", method: .get)
            // Counted, not inferred from equal bytes (a deterministic renderer gives those anyway).
            #expect(f.service.feedsBuilt == built, "the feed was built again without a change")
            #expect(a.headers[.eTag] == b.headers[.eTag] && Self.body(a) == Self.body(b))
            _ = try f.store.cancelOccurrence(
                series: "hop-bao-quy",
                original: LocalDateTime(iso: "2024-10-03T15:00")!,
                reason: "x",
                expectedRevision: nil,
                actor: "t",
                at: Date()
            )
            let c = try await client.execute(uri: "/feeds/public.en.ics", method: .get)
            #expect(c.headers[.eTag] != a.headers[.eTag])
            #expect(f.service.feedsBuilt == built + 1, "a change builds the feed exactly once more")
        }
    }
}
