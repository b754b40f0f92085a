import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import NIOCore
import Scheduling
import Server
import Store
import Testing

/// The workspace in-process: the month calendar, a move through the occurrence page, a stale
/// save that saves nothing and shows who changed what, the approval queue gating the public
/// feed, and another department's pages refused. (The same in Chromium: Tests/e2e.)
@Suite("The secretariat's workspace")
struct WorkspaceTests {
    /// The server fixture with an editor of the province (password `AuthTests.password`).
    static func fixtureWithEditor() throws -> ServerTests.Fixture {
        let f = try AuthTests.fixture()
        try f.store.createUser(
            User(name: "editor", displayName: "Editor", grants: [Grant(role: .editor, scope: "ubnd-phu-yen")]),
            passwordHash: Passwords.hash(AuthTests.password),
            actor: "test",
            at: Date()
        )
        return f
    }

    static func session(_ client: some TestClientProtocol, _ user: String) async throws -> (HTTPFields, String) {
        let signed = try await AuthTests.signIn(client, user: user, password: AuthTests.password)
        let cookie = try #require(AuthTests.cookie("podium_session", in: signed))
        let headers: HTTPFields = [.cookie: "podium_session=\(cookie)"]
        let page = try await client.execute(uri: "/workspace/month?m=2024-06", method: .get, headers: headers)
        let csrf = try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.output.1)
        return (headers, String(csrf))
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields, _ form: [String: String])
        async throws -> TestResponse
    {
        var h = headers
        h[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: h, body: AuthTests.form(form))
    }

    @Test("month view, a move from the occurrence page, and a stale second save that changes nothing")
    func moveAndConflict() async throws {
        let f = try Self.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, csrf) = try await Self.session(client, "editor")
            let month = try await client.execute(uri: "/workspace/month?m=2024-04", method: .get, headers: headers)
            let html = String(buffer: month.body)
            #expect(month.status == .ok)
            #expect(html.contains("Ngày Chiến thắng"))  // 30 April shaded with its name
            #expect(html.contains("/workspace/occurrences/hop-bao-quy@20240404T150000"))
            // An occurrence page lists its findings (the quarterly conference moved to a day off).
            let occurrence = try await client.execute(
                uri: "/workspace/occurrences/thong-tin-bao-chi-thang@20240628T160000",
                method: .get,
                headers: headers
            )
            #expect(String(buffer: occurrence.body).contains("UNCOVERED"))
            let revision = try f.store.seriesRevision("hop-bao-quy")
            let moved = try await Self.post(
                client,
                "/workspace/occurrences/hop-bao-quy@20241003T150000/move",
                headers,
                ["csrf": csrf, "revision": "\(revision)", "to": "2024-10-04T09:00", "reason": "Trùng lịch"]
            )
            #expect(moved.status == .seeOther)
            // A second browser still holding the old revision: 409, the change listed, nothing saved.
            let stale = try await Self.post(
                client,
                "/workspace/occurrences/hop-bao-quy@20241003T150000/cancel",
                headers,
                ["csrf": csrf, "revision": "\(revision)", "reason": "Bão"]
            )
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("Trùng lịch"))
            let after = try f.store.schedule().series["hop-bao-quy"]!
            let exception = after.exceptions[LocalDateTime(year: 2024, month: 10, day: 3, hour: 15, minute: 0)]
            #expect(exception?.newStart == LocalDateTime(year: 2024, month: 10, day: 4, hour: 9, minute: 0))
            #expect(exception?.cancellationReason == nil)
            // Regression: after one change the page offered a revision the store refused, so
            // no second change to the series could be saved even from a fresh page.
            let fresh = try await client.execute(
                uri: "/workspace/occurrences/hop-bao-quy@20240704T150000",
                method: .get,
                headers: headers
            )
            let offered = try #require(
                String(buffer: fresh.body).firstMatch(
                    of:
                        /\/cancel">\s*<input type="hidden" name="csrf" value="[0-9a-f]*"><input type="hidden" name="revision" value="([0-9]+)"/
                )?.output.1
            )
            let second = try await Self.post(
                client,
                "/workspace/occurrences/hop-bao-quy@20240704T150000/cancel",
                headers,
                ["csrf": csrf, "revision": String(offered), "reason": "Bão"]
            )
            #expect(second.status == .seeOther, "a fresh page's revision must be accepted")
            // Without the CSRF token, nothing happens.
            let forged = try await Self.post(
                client,
                "/workspace/occurrences/hop-bao-quy@20241003T150000/cancel",
                headers,
                ["revision": "\(try f.store.seriesRevision("hop-bao-quy"))", "reason": "x"]
            )
            #expect(forged.status == .forbidden)
        }
    }

    @Test("week view: seven days from Monday, days off named, each briefing with its speaker; filtered by person")
    func weekView() async throws {
        let f = try Self.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, _) = try await Self.session(client, "editor")
            // Thursday 4 January 2024: the week of Monday 1 January (New Year's Day, off).
            let week = try await client.execute(uri: "/workspace/week?d=2024-01-04", method: .get, headers: headers)
            let html = String(buffer: week.body)
            #expect(week.status == .ok)
            #expect(html.contains("Tuần từ 2024-01-01"))
            #expect(html.contains("/workspace/occurrences/hop-bao-quy@20240104T150000"))
            #expect(html.contains("15:00–16:30") && html.contains("Nguyễn Văn An"))
            #expect(html.contains("Tết Dương lịch") || html.contains("Dương lịch"))
            let nobody = try await client.execute(
                uri: "/workspace/week?d=2024-01-04&person=le-van-cuong",
                method: .get,
                headers: headers
            )
            #expect(!String(buffer: nobody.body).contains("hop-bao-quy@20240104T150000"))
        }
    }

    @Test(
        "users and grants: an admin creates an account (password shown once), grants, revokes and disables; an editor may not"
    )
    func usersAndGrants() async throws {
        let f = try AuthTests.fixture()
        for (name, role) in [("quantri", Role.admin), ("editor", Role.editor)] {
            try f.store.createUser(
                User(name: name, displayName: name, grants: [Grant(role: role, scope: "ubnd-phu-yen")]),
                passwordHash: Passwords.hash(AuthTests.password),
                actor: "test",
                at: Date()
            )
        }
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (editor, _) = try await Self.session(client, "editor")
            let refused = try await client.execute(uri: "/workspace/users", method: .get, headers: editor)
            #expect(refused.status == .forbidden)
            let (admin, csrf) = try await Self.session(client, "quantri")
            let page = try await client.execute(uri: "/workspace/users", method: .get, headers: admin)
            #expect(page.status == .ok && String(buffer: page.body).contains("editor"))
            let created = try await Self.post(
                client,
                "/workspace/users",
                admin,
                [
                    "csrf": csrf, "name": "mai", "displayName": "Lê Thị Mai", "email": "mai@example.vn",
                    "language": "vi", "role": "viewer", "scope": "so-tttt-phu-yen", "person": "",
                ]
            )
            let html = String(buffer: created.body)
            #expect(created.status == .ok && html.contains("<code>"))
            #expect(try f.store.user(named: "mai")?.grants == [Grant(role: .viewer, scope: "so-tttt-phu-yen")])
            // Grant, revoke, disable: each by the same authorization function.
            _ = try await Self.post(
                client,
                "/workspace/grants",
                admin,
                ["csrf": csrf, "user": "mai", "role": "editor", "scope": "so-tttt-phu-yen"]
            )
            #expect(
                try f.store.user(named: "mai")?.grants.contains(Grant(role: .editor, scope: "so-tttt-phu-yen")) == true
            )
            _ = try await Self.post(
                client,
                "/workspace/users/mai/revoke",
                admin,
                ["csrf": csrf, "role": "viewer", "scope": "so-tttt-phu-yen"]
            )
            #expect(try f.store.user(named: "mai")?.grants == [Grant(role: .editor, scope: "so-tttt-phu-yen")])
            _ = try await Self.post(client, "/workspace/users/mai/disable", admin, ["csrf": csrf])
            #expect(try f.store.user(named: "mai")?.disabled == true)
            // Without the CSRF token nothing changes.
            let forged = try await Self.post(client, "/workspace/users/mai/enable", admin, [:])
            #expect(forged.status == .forbidden)
            #expect(try f.store.user(named: "mai")?.disabled == true)
        }
    }

    @Test("the occurrence page says who has acknowledged the assignment as it stands")
    func acknowledgements() async throws {
        let f = try Self.fixtureWithEditor()
        let id = OccurrenceID(rawValue: "hop-bao-quy@20240104T150000")
        let version = try #require(try f.store.assignmentVersion(id))
        try f.store.acknowledge(id, person: "nguyen-van-an", sequence: version, actor: "nguyen-van-an", at: Date())
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, _) = try await Self.session(client, "editor")
            let page = try await client.execute(
                uri: "/workspace/occurrences/hop-bao-quy@20240104T150000",
                method: .get,
                headers: headers
            )
            let html = String(buffer: page.body)
            #expect(html.contains("Nguyễn Văn An (đã xác nhận)"))
            #expect(html.contains("Trần Thị Bình (chưa xác nhận)"))
        }
    }

    @Test("a draft reaches the public feed only after an approver approves it; an editor cannot approve")
    func approvalGatesPublication() async throws {
        let f = try AuthTests.fixture()
        var draft = AdHocBriefing(
            id: "dien-dan-dau-tu",
            title: BilingualText(vi: "Diễn đàn đầu tư"),
            organizer: "ubnd-phu-yen",
            trigger: .planned,
            triggeredAt: Date(timeIntervalSince1970: 1_719_000_000),
            start: LocalDateTime(year: 2024, month: 6, day: 20, hour: 9, minute: 0),
            duration: 3600
        )
        draft.status = .draft
        let revision = try f.store.saveAdHoc(draft, expectedRevision: nil, actor: "test", at: Date())
        try f.store.createUser(
            User(name: "editor", displayName: "Editor", grants: [Grant(role: .editor, scope: "ubnd-phu-yen")]),
            passwordHash: Passwords.hash(AuthTests.password),
            actor: "test",
            at: Date()
        )
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            func inPublicFeed() async throws -> Bool {
                let feed = try await client.execute(uri: "/feeds/public.vi.ics", method: .get)
                return String(buffer: feed.body).contains("dien-dan-dau-tu")
            }
            #expect(try await inPublicFeed() == false)
            let (editor, editorCSRF) = try await Self.session(client, "editor")
            let queue = try await client.execute(uri: "/workspace/approvals", method: .get, headers: editor)
            #expect(String(buffer: queue.body).contains("Diễn đàn đầu tư"))
            let refused = try await Self.post(
                client,
                "/workspace/approvals/adhoc/dien-dan-dau-tu",
                editor,
                ["csrf": editorCSRF, "revision": "\(revision)"]
            )
            #expect(refused.status == .forbidden)
            #expect(try await inPublicFeed() == false)
            let (approver, approverCSRF) = try await Self.session(client, "approver")
            let approved = try await Self.post(
                client,
                "/workspace/approvals/adhoc/dien-dan-dau-tu",
                approver,
                ["csrf": approverCSRF, "revision": "\(revision)"]
            )
            #expect(approved.status == .seeOther)
            #expect(try await inPublicFeed() == true)
        }
    }

    @Test("an editor of one department cannot open another department's occurrence page")
    func otherDepartment() async throws {
        let f = try AuthTests.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, _) = try await Self.session(client, "dept-editor")
            let page = try await client.execute(
                uri: "/workspace/occurrences/hop-bao-quy@20241003T150000",
                method: .get,
                headers: headers
            )
            #expect(page.status == .forbidden)
            let month = try await client.execute(uri: "/workspace/month?m=2024-10", method: .get, headers: headers)
            #expect(!String(buffer: month.body).contains("hop-bao-quy"))
        }
    }

    @Test("the board marks uncovered briefings; auto-assign is previewed as a diff and applied only as previewed")
    func board() async throws {
        let f = try Self.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, csrf) = try await Self.session(client, "editor")
            let window = ["from": "2024-06-01", "to": "2024-07-01"]
            let board = String(
                buffer: try await client.execute(
                    uri: "/workspace/board?from=2024-06-01&to=2024-07-01",
                    method: .get,
                    headers: headers
                ).body
            )
            #expect(board.contains("class=\"uncovered\""))
            let before = try f.store.latestRevision()
            let preview = try await Self.post(
                client,
                "/workspace/board/preview",
                headers,
                window.merging(["csrf": csrf]) { a, _ in a }
            )
            let html = String(buffer: preview.body)
            let hash = try #require(html.firstMatch(of: /name="proposal" value="([0-9a-f]+)"/)?.output.1)
            #expect(try f.store.latestRevision() == before, "a preview saves nothing")
            // A proposal that no longer matches is shown again, not applied.
            let stale = try await Self.post(
                client,
                "/workspace/board/apply",
                headers,
                window.merging(["csrf": csrf, "proposal": "0"]) { a, _ in a }
            )
            #expect(stale.status == .ok)
            #expect(try f.store.latestRevision() == before, "a stale proposal saves nothing")
            let applied = try await Self.post(
                client,
                "/workspace/board/apply",
                headers,
                window.merging(["csrf": csrf, "proposal": String(hash)]) { a, _ in a }
            )
            #expect(applied.status == .seeOther)
            #expect(try f.store.latestRevision() > before)
            let after = String(
                buffer: try await client.execute(
                    uri: "/workspace/board?from=2024-06-01&to=2024-07-01",
                    method: .get,
                    headers: headers
                ).body
            )
            #expect(
                !after.contains("class=\"uncovered\""),
                "every June briefing of the province is covered after applying"
            )
        }
    }

    @Test("the ad-hoc form shows the statement deadline and warns when the proposed start is past it; then creates")
    func adHocForm() async throws {
        let f = try Self.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, csrf) = try await Self.session(client, "editor")
            let form = [
                "csrf": csrf, "titleVi": "Họp báo về sạt lở", "titleEn": "", "organizer": "ubnd-phu-yen",
                "trigger": "incident", "triggeredAt": "2024-06-02T20:00", "start": "2024-06-04T09:00", "minutes": "60",
            ]
            let preview = String(buffer: try await Self.post(client, "/workspace/adhoc/preview", headers, form).body)
            // Triggered 20:00 on 2 June: due 20:00 on 3 June (24 h); a start on the 4th is late.
            #expect(preview.contains("Hạn phát ngôn lần đầu: Thứ Hai, 03/06/2024 20:00 (24 h;"))
            #expect(preview.contains("giờ bắt đầu đề xuất đã quá hạn"))
            #expect(preview.contains("R-ADHOC-DEADLINE"))
            let created = try await Self.post(client, "/workspace/adhoc/create", headers, form)
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/workspace/occurrences/hop-bao-ve-sat-lo-20240604")
            #expect(try f.store.schedule().adHoc["hop-bao-ve-sat-lo-20240604"]?.status == .scheduled)
            let again = try await Self.post(client, "/workspace/adhoc/create", headers, form)
            #expect(again.status == .conflict)
        }
    }
}
