import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Scheduling
import Server
import Store
import Testing

/// The plan as a file through the API and the workspace: download, upload back with nothing
/// changed, a change taken, a broken file refused at its line with nothing stored, a stale
/// upload refused, and a department's viewer refused the whole plan.
@Suite("Plan download and upload over HTTP")
struct PlanTransferTests {
    struct Download: Decodable {
        var revision: Int
        var yaml: String
    }

    struct Upload: Decodable {
        var created: [String]
        var updated: [String]
        var unchanged: Int
    }

    static func upload(_ client: some TestClientProtocol, _ auth: HTTPFields, _ yaml: String, ifMatch: Int?)
        async throws -> TestResponse
    {
        var h = auth
        if let ifMatch { h[.ifMatch] = "\"\(ifMatch)\"" }
        let body = try JSONSerialization.data(withJSONObject: ["yaml": yaml])
        return try await client.execute(
            uri: "/api/plan",
            method: .post,
            headers: h,
            body: ByteBuffer(string: String(decoding: body, as: UTF8.self))
        )
    }

    @Test(
        "GET then POST /api/plan: nothing changes; a changed title is one update; bad and stale uploads store nothing"
    )
    func api() async throws {
        let f = try ServerTests.fixture()
        let auth: HTTPFields = [.authorization: "Bearer \(f.api)", .contentType: "application/json"]
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let got = try await client.execute(uri: "/api/plan", method: .get, headers: auth)
            #expect(got.status == .ok)
            let d = try JSONDecoder().decode(Download.self, from: Data(String(buffer: got.body).utf8))
            #expect(got.headers[.eTag] == "\"\(d.revision)\"")
            #expect(d.yaml.contains("id: \"hop-bao-quy\""))
            // Without If-Match: 428; with an older revision: 412; nothing stored either way.
            #expect(try await Self.upload(client, auth, d.yaml, ifMatch: nil).status == .preconditionRequired)
            #expect(try await Self.upload(client, auth, d.yaml, ifMatch: d.revision - 1).status == .preconditionFailed)
            // The same plan back: nothing created or updated, no new revision.
            let same = try await Self.upload(client, auth, d.yaml, ifMatch: d.revision)
            #expect(same.status == .ok, "\(String(buffer: same.body))")
            let sameReply = try JSONDecoder().decode(Upload.self, from: Data(String(buffer: same.body).utf8))
            #expect(sameReply.created.isEmpty && sameReply.updated.isEmpty && sameReply.unchanged > 20)
            #expect(try f.store.latestRevision() == d.revision)
            // A rule the engine refuses, on a known line: 422 naming that line; nothing stored.
            var lines = d.yaml.components(separatedBy: "\n")
            let ruleLine = try #require(lines.firstIndex { $0.hasPrefix("    rrule: ") })
            lines[ruleLine] = "    rrule: \"FREQ=SOMETIMES\""
            let bad = try await Self.upload(client, auth, lines.joined(separator: "\n"), ifMatch: d.revision)
            #expect(bad.status == .unprocessableContent)
            let detail = String(buffer: bad.body)
            #expect(detail.contains("plan.yaml:\(ruleLine + 1):"), "\(detail)")
            #expect(detail.contains("rrule"), "\(detail)")
            #expect(try f.store.latestRevision() == d.revision)
            // One title changed: exactly that series is updated.
            let renamed = d.yaml.replacingOccurrences(
                of: "\"Họp báo định kỳ quý",
                with: "\"Họp báo định kỳ hằng quý"
            )
            #expect(renamed != d.yaml)
            let changed = try await Self.upload(client, auth, renamed, ifMatch: d.revision)
            #expect(changed.status == .ok, "\(String(buffer: changed.body))")
            let changedReply = try JSONDecoder().decode(Upload.self, from: Data(String(buffer: changed.body).utf8))
            #expect(changedReply.updated == ["series hop-bao-quy"] && changedReply.created.isEmpty)
            #expect(try f.store.schedule().series["hop-bao-quy"]?.title.vi.contains("hằng quý") == true)
        }
    }

    @Test("a department's editor downloads their part, uploads it back unchanged, and may not upload another agency's")
    func scope() async throws {
        let f = try ServerTests.fixture()
        try f.store.createUser(
            User(name: "xem", displayName: "Xem", grants: [Grant(role: .editor, scope: "so-tttt-phu-yen")]),
            passwordHash: "not-a-hash",
            actor: "test",
            at: Date()
        )
        let token = try f.store.issueToken(kind: .api, subject: "xem", at: Date())
        let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let admin: HTTPFields = [.authorization: "Bearer \(f.api)", .contentType: "application/json"]
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let part = try JSONDecoder().decode(
                Download.self,
                from: Data(
                    String(buffer: try await client.execute(uri: "/api/plan", method: .get, headers: auth).body).utf8
                )
            )
            // Their department's weekly briefing, not the province's quarterly conference, nor
            // the province's days off.
            #expect(part.yaml.contains("id: \"giao-ban-bao-chi\""))
            #expect(!part.yaml.contains("hop-bao-quy") && !part.yaml.contains("holidays:"))
            #expect(!part.yaml.contains("id: \"ubnd-phu-yen\""))
            let back = try await Self.upload(client, auth, part.yaml, ifMatch: part.revision)
            #expect(back.status == .ok, "\(String(buffer: back.body))")
            let reply = try JSONDecoder().decode(Upload.self, from: Data(String(buffer: back.body).utf8))
            #expect(reply.created.isEmpty && reply.updated.isEmpty)
            let whole = try JSONDecoder().decode(
                Download.self,
                from: Data(
                    String(buffer: try await client.execute(uri: "/api/plan", method: .get, headers: admin).body).utf8
                )
            )
            let refused = try await Self.upload(client, auth, whole.yaml, ifMatch: whole.revision)
            #expect(refused.status == .forbidden)
            #expect(try f.store.latestRevision() == whole.revision)
        }
    }

    @Test(
        "an editor's upload: new items of an approval-bound agency become drafts; approval cannot be switched off; an old file is refused"
    )
    func heldToTheForms() async throws {
        let f = try ServerTests.fixture()
        try f.store.createUser(
            User(name: "lan", displayName: "Lan", grants: [Grant(role: .editor, scope: "so-ngoai-vu-phu-yen")]),
            passwordHash: "not-a-hash",
            actor: "test",
            at: Date()
        )
        let token = try f.store.issueToken(kind: .api, subject: "lan", at: Date())
        let lan: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let admin: HTTPFields = [.authorization: "Bearer \(f.api)", .contentType: "application/json"]
        // The department as the sample plan has it (its new items wait for approval), and a
        // new briefing the file says is scheduled.
        let agency = """
            version: 1
            agencies:
              - id: so-ngoai-vu-phu-yen
                name: { vi: "Sở Ngoại vụ Phú Yên", en: "Phú Yên Department of Foreign Affairs" }
                level: department
                parent: ubnd-phu-yen
                valid-to: 2025-02-28
                successor: vp-ubnd-phu-yen
                requires-approval: true

            """
        let briefing = """
            adhoc:
              - id: gap-mat-bao-chi-moi
                title: "Gặp mặt báo chí"
                organizer: so-ngoai-vu-phu-yen
                trigger: planned
                start: 2024-06-20T09:00
                duration: 60
                status: scheduled

            """
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let old = try JSONDecoder().decode(
                Download.self,
                from: Data(
                    String(buffer: try await client.execute(uri: "/api/plan", method: .get, headers: admin).body).utf8
                )
            )
            let made = try await Self.upload(client, lan, agency + briefing, ifMatch: old.revision)
            #expect(made.status == .ok, "\(String(buffer: made.body))")
            #expect(String(buffer: made.body).contains("ad-hoc briefing gap-mat-bao-chi-moi"))
            #expect(try f.store.schedule().adHoc["gap-mat-bao-chi-moi"]?.status == .draft)
            // Approval switched off by the department's own editor: refused, nothing stored.
            let now = try f.store.latestRevision()
            let lifted = agency.replacingOccurrences(of: "    requires-approval: true\n", with: "")
            let refused = try await Self.upload(client, lan, lifted, ifMatch: now)
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("only an administrator"))
            #expect(try f.store.schedule().agencies["so-ngoai-vu-phu-yen"]?.requiresApproval == true)
            // The province's office hours, and a person of another agency: not theirs to change.
            let hours = agency + "office-hours:\n  - sessions: [\"06:00-11:00\"]\n"
            let notHours = try await Self.upload(client, lan, hours, ifMatch: now)
            #expect(notHours.status == .forbidden && String(buffer: notHours.body).contains("office-hours"))
            let person =
                agency + """
                    spokespeople:
                      - id: nguyen-van-an
                        name: "Nguyễn Văn An"
                        title: "Phó Chủ tịch"
                        agency: ubnd-phu-yen
                        entitlements: [{agency: ubnd-phu-yen, as: spokesperson}]

                    """
            let notPerson = try await Self.upload(client, lan, person, ifMatch: now)
            #expect(notPerson.status == .forbidden && String(buffer: notPerson.body).contains("nguyen-van-an"))
            #expect(try f.store.latestRevision() == now, "nothing stored")
            // The administrator's file from before that change: refused even with a current If-Match.
            let stale = try await Self.upload(client, admin, old.yaml, ifMatch: now)
            #expect(stale.status == .preconditionFailed)
            #expect(String(buffer: stale.body).contains("download it again"))
            #expect(try f.store.schedule().adHoc["gap-mat-bao-chi-moi"] != nil, "the newer change is still there")
        }
    }

    @Test("POST /api/approvals: return with a comment keeps the draft; approve publishes it; If-Match required")
    func approvalsAPI() async throws {
        let f = try ServerTests.fixture()
        var draft = try #require(try f.store.schedule().series["hop-bao-quy"])
        draft.id = "hop-bao-nhap"
        draft.status = .draft
        draft.exceptions = [:]
        _ = try f.store.createSeries(draft, actor: "test", at: Date())
        let auth: HTTPFields = [.authorization: "Bearer \(f.api)", .contentType: "application/json"]
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            func decide(_ body: String, ifMatch: Int?) async throws -> TestResponse {
                var h = auth
                if let ifMatch { h[.ifMatch] = "\"\(ifMatch)\"" }
                return try await client.execute(
                    uri: "/api/approvals/series/hop-bao-nhap",
                    method: .post,
                    headers: h,
                    body: ByteBuffer(string: body)
                )
            }
            let revision = try f.store.seriesRevision("hop-bao-nhap")
            #expect(try await decide(#"{"decision":"approve"}"#, ifMatch: nil).status == .preconditionRequired)
            let returned = try await decide(#"{"decision":"return","comment":"Thiếu địa điểm"}"#, ifMatch: revision)
            #expect(returned.status == .ok, "\(String(buffer: returned.body))")
            #expect(try f.store.schedule().series["hop-bao-nhap"]?.status == .draft)
            #expect(try f.store.returnComment("hop-bao-nhap")?.comment == "Thiếu địa điểm")
            let approved = try await decide(#"{"decision":"approve"}"#, ifMatch: revision)
            #expect(approved.status == .ok, "\(String(buffer: approved.body))")
            #expect(try f.store.schedule().series["hop-bao-nhap"]?.status == .scheduled)
            #expect(try await decide(#"{"decision":"approve"}"#, ifMatch: revision).status == .notFound)
        }
    }

    @Test("the workspace page: download, upload back (nothing changed), a broken file shown with its line")
    func workspace() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        try f.store.createUser(
            User(
                name: "quantri",
                displayName: "Quản trị",
                grants: [Grant(role: .admin, scope: AccessPolicy.everywhere)]
            ),
            passwordHash: Passwords.hash(AuthTests.password),
            actor: "test",
            at: Date()
        )
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            // The province's editor does not see Đắk Lắk's plan: they download their part, told so.
            let (editor, _) = try await WorkspaceTests.session(client, "editor")
            let theirs = String(
                buffer: try await client.execute(uri: "/workspace/plan", method: .get, headers: editor).body
            )
            #expect(theirs.contains("href=\"/workspace/plan.yaml\"") && theirs.contains("phần kế hoạch"))
            let part = try await client.execute(uri: "/workspace/plan.yaml", method: .get, headers: editor)
            #expect(part.status == .ok && !String(buffer: part.body).contains("id: \"ubnd-dak-lak\""))
            let (headers, csrf) = try await WorkspaceTests.session(client, "quantri")
            let page = String(
                buffer: try await client.execute(uri: "/workspace/plan", method: .get, headers: headers).body
            )
            let revision = try #require(page.firstMatch(of: /name="revision" value="([0-9]+)"/)?.output.1)
            #expect(page.contains("href=\"/workspace/plan.yaml\""))
            let file = try await client.execute(uri: "/workspace/plan.yaml", method: .get, headers: headers)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType]?.hasPrefix("application/yaml") == true)
            let yaml = String(buffer: file.body)
            func send(_ text: String, name: String) async throws -> TestResponse {
                let boundary = "podium-test-boundary"
                var body = ""
                for (k, v) in [("csrf", csrf), ("revision", String(revision))] {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
                }
                body +=
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"plan\"; filename=\"\(name)\"\r\nContent-Type: application/yaml\r\n\r\n\(text)\r\n--\(boundary)--\r\n"
                var h = headers
                h[.contentType] = "multipart/form-data; boundary=\(boundary)"
                return try await client.execute(
                    uri: "/workspace/plan",
                    method: .post,
                    headers: h,
                    body: ByteBuffer(string: body)
                )
            }
            let same = try await send(yaml, name: "ke-hoach.yaml")
            #expect(same.status == .ok)
            let done = String(buffer: same.body)
            #expect(done.contains("ke-hoach.yaml") && done.contains("Không có gì thay đổi"), "\(done.suffix(1500))")
            // Line 2 is `version: 1`; a version this Podium does not read is refused there.
            let broken = yaml.replacingOccurrences(of: "\nversion: 1\n", with: "\nversion: 2\n")
            let refused = try await send(broken, name: "hong.yaml")
            #expect(refused.status == .unprocessableContent)
            let text = String(buffer: refused.body)
            #expect(text.contains("hong.yaml:2:"), "\(text.suffix(1500))")
            #expect(try f.store.latestRevision() == Int(revision))
        }
    }
}
