import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Scheduling
import Server
import Store
import Testing

/// Sign-in, sessions, CSRF and least privilege at the server's doors, in-process. The same
/// scenarios run in a real browser in Tests/e2e/auth_e2e.py.
@Suite("Sign-in, sessions and authorization")
struct AuthTests {
    static let password = "correct horse battery"

    /// The sample plus an editor of one department (so-tttt-phu-yen) and a province approver.
    static func fixture() throws -> ServerTests.Fixture {
        let f = try ServerTests.fixture()
        let at = Date(timeIntervalSince1970: 1_704_067_200)
        try f.store.createUser(
            User(name: "dept-editor", displayName: "Dept", grants: [Grant(role: .editor, scope: "so-tttt-phu-yen")]),
            passwordHash: Passwords.hash(password),
            actor: "test",
            at: at
        )
        try f.store.createUser(
            User(name: "approver", displayName: "Approver", grants: [Grant(role: .approver, scope: "ubnd-phu-yen")]),
            passwordHash: Passwords.hash(password),
            actor: "test",
            at: at
        )
        return f
    }

    /// A cookie's value from a response's Set-Cookie headers.
    static func cookie(_ name: String, in r: TestResponse) -> String? {
        for header in r.headers[values: .setCookie] {
            let first = header.split(separator: ";")[0]
            let parts = first.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return ByteBuffer(
            string: fields.sorted { $0.key < $1.key }.map {
                "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
            }.joined(separator: "&")
        )
    }

    /// GET /login, then POST it; returns the response of the POST.
    static func signIn(_ client: some TestClientProtocol, user: String, password: String) async throws -> TestResponse {
        let page = try await client.execute(uri: "/login", method: .get)
        let csrf = try #require(cookie("podium_login", in: page))
        #expect(String(buffer: page.body).contains("value=\"\(csrf)\""))
        return try await client.execute(
            uri: "/login",
            method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "podium_login=\(csrf)"],
            body: form(["user": user, "password": password, "csrf": csrf, "next": "/secretariat"])
        )
    }

    @Test("sign in, see the secretariat, sign out only with the CSRF token; a disabled user's session ends at once")
    func sessionLifecycle() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let signedIn = try await Self.signIn(client, user: "approver", password: Self.password)
            #expect(signedIn.status == .found)
            #expect(signedIn.headers[.location] == "/secretariat")
            let session = try #require(Self.cookie("podium_session", in: signedIn))
            let setCookie = signedIn.headers[values: .setCookie].first { $0.hasPrefix("podium_session=") } ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            let withSession: HTTPFields = [.cookie: "podium_session=\(session)"]
            let page = try await client.execute(uri: "/secretariat", method: .get, headers: withSession)
            #expect(page.status == .ok)
            #expect(page.headers[.init("Referrer-Policy")!] == "no-referrer")
            let html = String(buffer: page.body)
            let csrf = try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.output.1)
            // Logout without the token is refused and the session still works.
            var post = withSession
            post[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(uri: "/logout", method: .post, headers: post, body: Self.form([:]))
            #expect(forged.status == .forbidden)
            let forged2 = try await client.execute(
                uri: "/account/password",
                method: .post,
                headers: post,
                body: Self.form(["csrf": "0000", "current": Self.password, "new": "another long password"])
            )
            #expect(forged2.status == .forbidden)
            #expect(try await client.execute(uri: "/secretariat", method: .get, headers: withSession).status == .ok)
            // Disabled from elsewhere: the very next request is no longer signed in.
            try f.store.setDisabled(true, for: "approver", actor: "admin", at: Date())
            let after = try await client.execute(uri: "/secretariat", method: .get, headers: withSession)
            #expect(after.status == .found)
            #expect(after.headers[.location]?.hasPrefix("/login") == true)
            try f.store.setDisabled(false, for: "approver", actor: "admin", at: Date())
            // A fresh session signs out with its token.
            let again = try await Self.signIn(client, user: "approver", password: Self.password)
            let s2 = try #require(Self.cookie("podium_session", in: again))
            let page2 = try await client.execute(
                uri: "/secretariat",
                method: .get,
                headers: [.cookie: "podium_session=\(s2)"]
            )
            let csrf2 = try #require(
                String(buffer: page2.body).firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.output.1
            )
            let out = try await client.execute(
                uri: "/logout",
                method: .post,
                headers: [.cookie: "podium_session=\(s2)", .contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["csrf": String(csrf2)])
            )
            #expect(out.status == .found)
            let gone = try await client.execute(
                uri: "/secretariat",
                method: .get,
                headers: [.cookie: "podium_session=\(s2)"]
            )
            #expect(gone.status == .found)
            _ = csrf
        }
    }

    @Test("one generic failure for a wrong password and for an unknown account; repeated failures are slowed")
    func failuresAndThrottle() async throws {
        let f = try Self.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let wrong = try await Self.signIn(client, user: "approver", password: "not the password")
            let unknown = try await Self.signIn(client, user: "nobody-here", password: "not the password")
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            func message(_ r: TestResponse) -> String? {
                String(buffer: r.body).firstMatch(of: /role="alert">([^<]*)</)?.output.1.description
            }
            #expect(message(wrong) != nil)
            #expect(message(wrong) == message(unknown))
            // Without the double-submit cookie, the form is refused before any password check.
            let noCookie = try await client.execute(
                uri: "/login",
                method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: Self.form(["user": "approver", "password": Self.password, "csrf": "abc"])
            )
            #expect(noCookie.status == .forbidden)
            for _ in 0..<4 { _ = try await Self.signIn(client, user: "approver", password: "still wrong") }
            // Five failures for the account: even the right password now waits.
            let throttled = try await Self.signIn(client, user: "approver", password: Self.password)
            #expect(throttled.status == .tooManyRequests)
            #expect(Int(throttled.headers[.init("Retry-After")!] ?? "") ?? 0 > 0)
        }
    }

    @Test("an editor of one department gets 403 on another department's briefings, and may change their own")
    func departmentScope() async throws {
        let f = try Self.fixture()
        let token = try f.store.issueToken(kind: .api, subject: "dept-editor", at: Date())
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        @Sendable func adhoc(_ id: String, _ organizer: String) -> ByteBuffer {
            ByteBuffer(
                string:
                    #"{"id":"\#(id)","title":"T","organizer":"\#(organizer)","trigger":"incident","triggeredAt":"2024-06-02T01:00:00Z","start":"2024-06-02T15:00","duration":60}"#
            )
        }
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let other = try await client.execute(
                uri: "/api/adhoc",
                method: .post,
                headers: headers,
                body: adhoc("x1", "ubnd-phu-yen")
            )
            #expect(other.status == .forbidden)
            #expect(other.headers[.contentType] == "application/problem+json")
            let own = try await client.execute(
                uri: "/api/adhoc",
                method: .post,
                headers: headers,
                body: adhoc("x2", "so-tttt-phu-yen")
            )
            #expect(own.status == .created)
            let series = try await client.execute(uri: "/api/series/hop-bao-quy", method: .get, headers: headers)
            #expect(series.status == .forbidden)
            // Lists are cut to the scope: no province briefing among the occurrences.
            let list = try await client.execute(
                uri: "/api/occurrences?from=2024-01-01&to=2024-12-31",
                method: .get,
                headers: headers
            )
            #expect(list.status == .ok)
            #expect(!String(buffer: list.body).contains("hop-bao-quy"))
        }
        // A disabled user's API token stops working too.
        try f.store.setDisabled(true, for: "dept-editor", actor: "admin", at: Date())
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let r = try await client.execute(uri: "/api/occurrences", method: .get, headers: headers)
            #expect(r.status == .unauthorized)
        }
    }

    @Test("where the agency requires approval, an editor's new briefing is a draft until an approver publishes it")
    func draftsWhereApprovalIsRequired() async throws {
        let f = try Self.fixture()
        var department = try #require(try f.store.schedule().agencies["so-tttt-phu-yen"])
        department.requiresApproval = true
        _ = try f.store.importPlan(
            agencies: [department],
            venues: [],
            series: [],
            adHoc: [],
            decisions: [],
            actor: "test",
            at: Date()
        )
        let token = try f.store.issueToken(kind: .api, subject: "dept-editor", at: Date())
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let created = try await client.execute(
                uri: "/api/adhoc",
                method: .post,
                headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"id":"cho-duyet","title":"T","organizer":"so-tttt-phu-yen","trigger":"incident","triggeredAt":"2024-06-02T01:00:00Z","start":"2024-06-02T15:00","duration":60}"#
                )
            )
            #expect(created.status == .created)
            let item = try await client.execute(uri: "/api/adhoc/cho-duyet", method: .get, headers: headers)
            #expect(String(buffer: item.body).contains("\"status\":\"draft\""))
            let feed = try await client.execute(uri: "/feeds/public.vi.ics", method: .get)
            #expect(!String(buffer: feed.body).contains("cho-duyet"))
        }
    }
}
