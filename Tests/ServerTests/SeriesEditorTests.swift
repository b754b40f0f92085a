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

/// The series editor in the workspace: the rule builder's words become the RRULE, the next
/// dates are shown with their holiday shifts before saving, a wrong field is said beside it
/// and nothing is stored, and an existing series is changed as a whole or from one occurrence
/// on (a split). Expected dates come from the 2024 calendar and Decision on the 2024 holidays.
@Suite("The series editor")
struct SeriesEditorTests {
    static func builder(_ extra: [String: String]) -> [String: String] {
        [
            "titleVi": "Giao ban thứ Hai", "organizer": "ubnd-phu-yen", "from": "2024-08-26", "time": "09:00",
            "minutes": "60", "frequency": "weekly", "interval": "1", "wd1": "on", "monthlyKind": "weekday",
            "ordinal": "1", "monthWeekday": "4", "monthDay": "1", "endKind": "count", "count": "3", "until": "",
            "rrule": "", "holidayPolicy": "next-working-day", "visibility": "public", "venue": "",
        ].merging(extra) { _, b in b }
    }

    @Test("preview: the RRULE, the words and the dates, National Day moving a Monday to Wednesday")
    func preview() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, csrf) = try await WorkspaceTests.session(client, "editor")
            let empty = try await client.execute(uri: "/workspace/series/new", method: .get, headers: headers)
            #expect(empty.status == .ok)
            let r = try await WorkspaceTests.post(
                client,
                "/workspace/series/new",
                headers,
                Self.builder(["csrf": csrf])
            )
            #expect(r.status == .ok)
            let page = String(buffer: r.body)
            // The rule as stored (libical's order of the same parts).
            let rule = try RecurrenceRule("FREQ=WEEKLY;BYDAY=MO;COUNT=3")
            #expect(page.contains("RRULE:\(rule.text)"), "\(page.suffix(3000))")
            #expect(page.contains("Thứ Hai hằng tuần, 3 lần"))
            // 26 Aug; 2 Sep is National Day and 3 Sep its adjacent day off, so the 4th; then 9 Sep.
            #expect(page.contains("Thứ Hai, 26/08/2024 09:00"))
            #expect(page.contains("Thứ Tư, 04/09/2024 09:00") && page.contains("dời từ 02/09"), "\(page.suffix(3000))")
            #expect(page.contains("Thứ Hai, 09/09/2024 09:00"))
            #expect(try f.store.schedule().series["giao-ban-thu-hai"] == nil, "a preview stores nothing")
            // The last working day of April 2024 by its rule is Tuesday 30 April, a day off
            // (27 April – 1 May); "next working day" takes it into May, and the preview says so.
            let april = String(
                buffer: try await WorkspaceTests.post(
                    client,
                    "/workspace/series/new",
                    headers,
                    Self.builder([
                        "csrf": csrf, "frequency": "monthly", "monthlyKind": "lastWorkday", "from": "2024-04-01",
                        "time": "16:00", "count": "2",
                    ])
                ).body
            )
            #expect(
                april.contains("Thứ Năm, 02/05/2024 16:00") && april.contains("sang tháng khác"),
                "\(april.suffix(2500))"
            )
            #expect(april.contains("Thứ Sáu, 31/05/2024 16:00"))
        }
    }

    @Test("a wrong field is named beside it and nothing is created; a right one creates the series")
    func create() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, csrf) = try await WorkspaceTests.session(client, "editor")
            var noDays = Self.builder(["csrf": csrf, "save": "1"])
            noDays["wd1"] = nil
            let refused = try await WorkspaceTests.post(client, "/workspace/series/new", headers, noDays)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("choose at least one weekday"))
            let badRule = try await WorkspaceTests.post(
                client,
                "/workspace/series/new",
                headers,
                Self.builder(["csrf": csrf, "save": "1", "frequency": "custom", "rrule": "FREQ=HOURLY"])
            )
            #expect(badRule.status == .unprocessableContent)
            #expect(String(buffer: badRule.body).contains("briefings recur at most daily"))
            #expect(try f.store.schedule().series["giao-ban-thu-hai"] == nil)
            // The third Friday of each month from July 2024: 19 July is the first.
            let made = try await WorkspaceTests.post(
                client,
                "/workspace/series/new",
                headers,
                Self.builder([
                    "csrf": csrf, "save": "1", "id": "hop-bao-thang-ba", "frequency": "monthly",
                    "monthlyKind": "weekday",
                    "ordinal": "3", "monthWeekday": "5", "from": "2024-07-01", "time": "15:00", "count": "6",
                    "form": "press-briefing",
                ])
            )
            #expect(
                made.status == .seeOther,
                "\(String(buffer: made.body).replacingOccurrences(of: "<", with: "\n<").split(separator: "\n").filter { $0.contains("error") || $0.contains("alert") })"
            )
            #expect(made.headers[.location] == "/workspace/series/hop-bao-thang-ba")
            let stored = try #require(try f.store.schedule().series["hop-bao-thang-ba"])
            #expect(stored.rule == (try RecurrenceRule("FREQ=MONTHLY;BYDAY=3FR;COUNT=6")))
            #expect(stored.start == LocalDateTime(LocalDate(year: 2024, month: 7, day: 19), hour: 15, minute: 0))
            // A series is in one of the law's forms (Decree 09 Art. 4): here a press briefing meeting.
            #expect(stored.form == .pressBriefing)
            let page = String(
                buffer: try await client.execute(
                    uri: "/workspace/series/hop-bao-thang-ba",
                    method: .get,
                    headers: headers
                ).body
            )
            #expect(page.contains("Thứ Sáu thứ ba của tháng, 6 lần"))
            #expect(page.contains("href=\"/workspace/occurrences/hop-bao-thang-ba@20240816T150000\""))
        }
    }

    @Test("the whole series changed against its revision (stale refused), and split from an occurrence on")
    func wholeAndFollowing() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, csrf) = try await WorkspaceTests.session(client, "editor")
            let page = String(
                buffer: try await client.execute(uri: "/workspace/series/hop-bao-quy", method: .get, headers: headers)
                    .body
            )
            // The sample's quarterly conference reads back as the builder's words.
            #expect(page.contains("Thứ Năm đầu tiên của tháng, 3 tháng một lần, 4 lần"), "\(page.prefix(3000))")
            let revision = try #require(page.firstMatch(of: /name="revision" value="([0-9]+)"/)?.output.1)
            let whole = [
                "csrf": csrf, "save": "1", "titleVi": "Họp báo định kỳ quý", "organizer": "ubnd-phu-yen",
                "from": "2024-01-04",
                "time": "14:00", "minutes": "90", "frequency": "monthly", "interval": "3", "monthlyKind": "weekday",
                "ordinal": "1", "monthWeekday": "4", "endKind": "count", "count": "4",
                "holidayPolicy": "next-working-day",
                "visibility": "public", "venue": "hoi-truong-ubnd-phu-yen",
            ]
            let stale = try await WorkspaceTests.post(
                client,
                "/workspace/series/hop-bao-quy",
                headers,
                whole.merging(["revision": String(Int(revision)! - 1)]) { _, b in b }
            )
            #expect(
                stale.status == .conflict,
                "\(String(buffer: stale.body).replacingOccurrences(of: "<", with: "\n<").split(separator: "\n").filter { $0.contains("class=\"error") || $0.contains("alert") })"
            )
            #expect(try f.store.schedule().series["hop-bao-quy"]?.start.hour == 15, "nothing saved")
            let saved = try await WorkspaceTests.post(
                client,
                "/workspace/series/hop-bao-quy",
                headers,
                whole.merging(["revision": String(revision)]) { _, b in b }
            )
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).suffix(2000))")
            let changed = try #require(try f.store.schedule().series["hop-bao-quy"])
            #expect(changed.start.hour == 14)
            // The sample's July conference was moved to 5 July 09:00; it keeps its move under its
            // new name (the old name is left as an empty tombstone, as the store keeps them).
            let july = changed.exceptions[LocalDateTime(LocalDate(year: 2024, month: 7, day: 4), hour: 14, minute: 0)]
            #expect(july?.newStart == LocalDateTime(LocalDate(year: 2024, month: 7, day: 5), hour: 9, minute: 0))
            #expect(changed.exceptions.filter { !$0.value.isEmpty }.keys.allSatisfy { $0.hour == 14 })
            // This and following: from the July conference on, a new series.
            let now = String(
                buffer: try await client.execute(uri: "/workspace/series/hop-bao-quy", method: .get, headers: headers)
                    .body
            )
            let current = try #require(now.firstMatch(of: /name="revision" value="([0-9]+)"/)?.output.1)
            let split = try await WorkspaceTests.post(
                client,
                "/workspace/series/hop-bao-quy/split",
                headers,
                [
                    "csrf": csrf, "revision": String(current), "original": "hop-bao-quy@20240704T140000",
                    "newId": "hop-bao-quy-nua-sau",
                ]
            )
            #expect(split.status == .seeOther, "\(String(buffer: split.body).suffix(2000))")
            let schedule = try f.store.schedule()
            #expect(schedule.series["hop-bao-quy-nua-sau"]?.continues == "hop-bao-quy")
            #expect(schedule.series["hop-bao-quy"]?.continuedBy == "hop-bao-quy-nua-sau")
            // The first half now ends inside a day: the editor keeps its rule as written
            // (a custom RRULE), never "until the end of the day", which would repeat July.
            let ended = String(
                buffer: try await client.execute(uri: "/workspace/series/hop-bao-quy", method: .get, headers: headers)
                    .body
            )
            #expect(ended.contains(#"value="custom" checked"#), "\(ended.prefix(2000))")
        }
    }

    @Test(
        "a browser opening a page that fails gets a page (title, language, the reason, a way back); an API client the problem document"
    )
    func errorPages() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, _) = try await WorkspaceTests.session(client, "editor")
            var browser = headers
            browser[.accept] = "text/html,application/xhtml+xml,*/*;q=0.8"
            let page = try await client.execute(uri: "/workspace/series/khong-co", method: .get, headers: browser)
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let text = String(buffer: page.body)
            #expect(text.contains("<html lang=\"vi\">") && text.contains("<title>404") && text.contains("khong-co"))
            #expect(text.contains("href=\"/workspace\""))
            let api = try await client.execute(uri: "/workspace/series/khong-co", method: .get, headers: headers)
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("an approver returns a draft with a comment: it stays a draft, the queue and its history say why")
    func returnWithComment() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        try f.store.createUser(
            User(name: "duyet", displayName: "Người duyệt", grants: [Grant(role: .approver, scope: "ubnd-phu-yen")]),
            passwordHash: Passwords.hash(AuthTests.password),
            actor: "test",
            at: Date()
        )
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (editor, csrf) = try await WorkspaceTests.session(client, "editor")
            // The Department of Foreign Affairs' new items wait for approval (the sample plan).
            let made = try await WorkspaceTests.post(
                client,
                "/workspace/series/new",
                editor,
                Self.builder(["csrf": csrf, "save": "1", "id": "doi-ngoai-thu-hai", "organizer": "so-ngoai-vu-phu-yen"])
            )
            #expect(made.status == .seeOther)
            let draft = try #require(try f.store.schedule().series["doi-ngoai-thu-hai"])
            #expect(draft.status == .draft)
            let (approver, approverCSRF) = try await WorkspaceTests.session(client, "duyet")
            let path = "/workspace/approvals/series/doi-ngoai-thu-hai"
            let empty = try await WorkspaceTests.post(
                client,
                path,
                approver,
                ["csrf": approverCSRF, "revision": String(draft.revision), "decision": "return", "comment": " "]
            )
            #expect(empty.status == .unprocessableContent, "a return needs a comment")
            let returned = try await WorkspaceTests.post(
                client,
                path,
                approver,
                [
                    "csrf": approverCSRF, "revision": String(draft.revision), "decision": "return",
                    "comment": "Đổi sang 9 giờ sáng",
                ]
            )
            #expect(returned.status == .seeOther)
            #expect(try f.store.schedule().series["doi-ngoai-thu-hai"]?.status == .draft)
            let queue = String(
                buffer: try await client.execute(uri: "/workspace/approvals", method: .get, headers: editor).body
            )
            #expect(queue.contains("Đổi sang 9 giờ sáng") && queue.contains("duyet"), "\(queue.suffix(2000))")
            // An editor may not return (nor approve).
            let byEditor = try await WorkspaceTests.post(
                client,
                path,
                editor,
                ["csrf": csrf, "revision": String(draft.revision), "decision": "return", "comment": "x"]
            )
            #expect(byEditor.status == .forbidden)
        }
    }

    @Test("an occurrence page without a venue or backups shows no empty item and no dangling label")
    func noEmptyItems() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, _) = try await WorkspaceTests.session(client, "editor")
            // The monthly press information has no venue in the sample and nobody assigned.
            let page = String(
                buffer: try await client.execute(
                    uri: "/workspace/occurrences/thong-tin-bao-chi-thang@20240628T160000",
                    method: .get,
                    headers: headers
                ).body
            )
            #expect(page.contains("<h1>"))
            #expect(!page.contains("·  ·") && !page.contains(" · </p>"), "\(page.prefix(3000))")
            #expect(!page.contains(": </p>"), "no label without its value")
        }
    }
}
