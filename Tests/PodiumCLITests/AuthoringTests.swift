import Foundation
import TestSupport
import Testing

/// Calling an ad-hoc briefing and importing calendars from other tools, through the real binary.
@Suite(
    "podium: ad-hoc briefings and .ics imports"
)
struct AuthoringTests {
    @Test("adhoc add records the briefing and its statement deadline; check flags it when it is late")
    func adhocAdd() throws {
        let dir = try BadInputTests.seeded()
        let db = ["--database", "podium.sqlite"]
        let add = try ExternalTool.podium(
            [
                "adhoc", "add", "lu-quet", "--title", "Họp báo về lũ quét", "--organizer", "ubnd-phu-yen", "--trigger",
                "incident",
                "--triggered-at", "2024-11-16T22:00:00+07:00", "--start", "2024-11-18T15:00",
            ] + db,
            in: dir
        )
        #expect(add.status == 0, "\(add.err)")
        // Triggered 22:00 on 16 November (UTC+7); 24 hours later, shown in the plan's zone first.
        #expect(add.out.contains("statement due by 2024-11-17T22:00:00 Asia/Ho_Chi_Minh (2024-11-17T15:00:00 UTC)"))
        let check = try ExternalTool.podium(["check", "--from", "2024-11-01", "--to", "2024-12-01"] + db, in: dir)
        #expect(check.status == 1)
        #expect(check.out.contains("R-ADHOC-DEADLINE") && check.out.contains("41 h after its trigger"))
        let again = try ExternalTool.podium(
            [
                "adhoc", "add", "lu-quet", "--title", "x", "--organizer", "ubnd-phu-yen", "--trigger", "incident",
                "--triggered-at", "2024-11-16T22:00:00+07:00", "--start", "2024-11-18T15:00",
            ] + db,
            in: dir
        )
        #expect(again.status == 2 && again.err.contains("already exists"))
        let cancel = try ExternalTool.podium(
            ["adhoc", "cancel", "lu-quet", "--reason", "Đã có thông cáo"] + db,
            in: dir
        )
        #expect(cancel.status == 0, "\(cancel.err)")
    }

    @Test("a schedule exported by another tool imports as series with their exceptions, and ad-hoc items")
    func importSchedule() throws {
        let dir = try BadInputTests.seeded()
        let feed = RepositoryPaths.calendars.appendingPathComponent("dak-lak-2026/feeds/public.vi.ics").path
        // Imported items are drafts: the public feed shows none of them until approved.
        let draft = try ExternalTool.podium(
            ["import", feed, "--kind", "schedule", "--agency", "ubnd-phu-yen", "--database", "podium.sqlite"],
            in: dir
        )
        #expect(draft.status == 0 && draft.out.contains("as drafts"), "\(draft.err)")
        let export = try ExternalTool.podium(
            [
                "export", "--audience", "public", "--as-of", "2026-01-15", "--out", "p.ics", "--database",
                "podium.sqlite",
            ],
            in: dir
        )
        #expect(export.status == 1, "nothing published for 2026 yet: \(export.out) \(export.err)")
        let r = try ExternalTool.podium(
            [
                "import", feed, "--kind", "schedule", "--agency", "ubnd-phu-yen", "--publish", "--database",
                "podium.sqlite",
            ],
            in: dir
        )
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.out.contains("series hop-bao-thuong-ky-thang-podium") && r.out.contains("override of 2026-02-20T15:00:00")
        )
        let agenda = try ExternalTool.podium(
            ["agenda", "--from", "2026-02-01", "--to", "2026-03-01", "--json", "--database", "podium.sqlite"],
            in: dir
        )
        // The moved February conference (20 → 26 Feb) arrives as moved, not twice.
        #expect(agenda.out.contains("\"start\" : \"2026-02-26T15:00:00\""))
        #expect(!agenda.out.contains("\"start\" : \"2026-02-20T15:00:00\""))
    }

    @Test("a holiday calendar imports its all-day events as days off; a broken one changes nothing")
    func importHolidays() throws {
        let dir = try BadInputTests.seeded()
        let ics =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:h1\r\nDTSTAMP:20240101T000000Z\r\nDTSTART;VALUE=DATE:20240311\r\nDTEND;VALUE=DATE:20240312\r\nSUMMARY:Ngày giải phóng tỉnh\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        try Data(ics.utf8).write(to: dir.appendingPathComponent("h.ics"))
        let r = try ExternalTool.podium(
            ["import", "h.ics", "--kind", "holidays", "--database", "podium.sqlite"],
            in: dir
        )
        #expect(r.status == 0, "\(r.err)")
        let days = try ExternalTool.podium(["holidays", "--year", "2024", "--database", "podium.sqlite"], in: dir)
        #expect(days.out.contains("2024-03-11") && days.out.contains("Ngày giải phóng tỉnh"))
        let before = try BadInputTests.lastRevision(dir)
        try Data(String(ics.dropLast(30)).utf8).write(to: dir.appendingPathComponent("bad.ics"))
        let bad = try ExternalTool.podium(
            ["import", "bad.ics", "--kind", "holidays", "--database", "podium.sqlite"],
            in: dir
        )
        #expect(bad.status == 2 && bad.err.contains("line"))
        #expect(try BadInputTests.lastRevision(dir) == before)
    }
}

@Suite(
    "podium: series and spokesperson authoring"
)
struct SeriesAuthoringTests {
    @Test("series add validates the rule and start; series edit refuses a stale revision; spokesperson add and edit")
    func authoring() throws {
        let dir = try BadInputTests.seeded()
        let db = ["--database", "podium.sqlite"]
        let add = try ExternalTool.podium(
            [
                "series", "add", "hop-bao-thang", "--title", "Họp báo thường kỳ tháng", "--organizer", "ubnd-phu-yen",
                "--rrule", "FREQ=MONTHLY;BYDAY=3FR;COUNT=12", "--start", "2024-01-19T15:00", "--minutes", "90",
            ] + db,
            in: dir
        )
        #expect(add.status == 0, "\(add.err)")
        let unsynced = try ExternalTool.podium(
            [
                "series", "add", "lech", "--title", "x", "--organizer", "ubnd-phu-yen", "--rrule",
                "FREQ=MONTHLY;BYDAY=3FR",
                "--start", "2024-01-20T15:00", "--minutes", "90",
            ] + db,
            in: dir
        )
        #expect(unsynced.status == 2 && unsynced.err.contains("not an occurrence of its RRULE"))
        let edit = try ExternalTool.podium(
            ["series", "edit", "hop-bao-thang", "--venue", "phong-hop-so-tttt"] + db,
            in: dir
        )
        #expect(edit.status == 0, "\(edit.err)")
        let stale = try ExternalTool.podium(
            ["series", "edit", "hop-bao-thang", "--status", "draft", "--revision", "1"] + db,
            in: dir
        )
        #expect(stale.status == 2 && stale.err.contains("conflict"))
        let agenda = try ExternalTool.podium(
            ["agenda", "--from", "2024-01-01", "--to", "2024-02-01", "--json"] + db,
            in: dir
        )
        #expect(agenda.out.contains("\"venue\" : \"phong-hop-so-tttt\""))
        let person = try ExternalTool.podium(
            [
                "spokesperson", "add", "le-thi-mai", "--name", "Lê Thị Mai", "--title", "Chánh Văn phòng", "--agency",
                "ubnd-phu-yen",
                "--entitlement", "spokesperson", "--phone", "0257 3 000 009", "--email", "mai@example.vn",
            ] + db,
            in: dir
        )
        #expect(person.status == 0, "\(person.err)")
        let posted = try ExternalTool.podium(
            ["spokesperson", "edit", "vo-thi-giang", "--posted-on-portal", "2024-01-08"] + db,
            in: dir
        )
        #expect(posted.status == 0, "\(posted.err)")
        let list = try ExternalTool.podium(["spokesperson", "list", "--json"] + db, in: dir)
        #expect(list.out.contains("le-thi-mai"))
        let people = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        let giang = try #require(people.first { $0["id"] as? String == "vo-thi-giang" })
        #expect((giang["missingContact"] as? [String]) == [])
    }
}
