import Foundation
import TestSupport
import Testing

/// The CLI passes the same authorization function as the server: once users exist, every
/// command acts as a named user (`--as`), and a refusal is exit 2 with the reason.
@Suite("podium: users, grants and refusals")
struct AccessTests {
    static func run(_ args: [String], in dir: URL, stdin: String? = nil) throws -> (
        status: Int32, out: String, err: String
    ) {
        try ExternalTool.podium(args + ["--database", "podium.sqlite"], in: dir, stdin: stdin)
    }

    @Test("init --admin, a department editor, refusals outside the grant, disable")
    func cliDoors() throws {
        let dir = try ExternalTool.temporaryDirectory("podium-access")
        let initialised = try Self.run(["init", "--admin", "boss"], in: dir)
        #expect(initialised.status == 0, "\(initialised.err)")
        #expect(initialised.out.contains("one-time password: "))
        // Users exist now: an unknown --as is refused before anything else.
        let stranger = try Self.run(["import", BadInputTests.plan, "--as", "stranger"], in: dir)
        #expect(stranger.status == 2 && stranger.err.contains("unknown user \"stranger\""), "\(stranger.err)")
        #expect(try Self.run(["import", BadInputTests.plan, "--as", "boss"], in: dir).status == 0)
        let add = try Self.run(
            [
                "user", "add", "mai", "--display-name", "Lê Thị Mai", "--role", "editor", "--scope", "so-tttt-phu-yen",
                "--as", "boss",
            ],
            in: dir
        )
        #expect(add.status == 0, "\(add.err)")
        #expect(add.out.contains("one-time password: "))
        func adhoc(_ id: String, _ organizer: String) throws -> (status: Int32, out: String, err: String) {
            try Self.run(
                [
                    "adhoc", "add", id, "--title", "T", "--organizer", organizer, "--trigger", "incident",
                    "--triggered-at", "2024-06-02T08:00:00+07:00", "--start", "2024-06-02T15:00", "--as", "mai",
                ],
                in: dir
            )
        }
        let outside = try adhoc("x1", "ubnd-phu-yen")
        #expect(outside.status == 2)
        #expect(outside.err.contains("refused:") && outside.err.contains("mai"), "\(outside.err)")
        #expect(try adhoc("x2", "so-tttt-phu-yen").status == 0)
        // An editor cannot grant themselves more, nor manage users.
        let escalate = try Self.run(
            ["grant", "admin", "--user", "mai", "--scope", "ubnd-phu-yen", "--as", "mai"],
            in: dir
        )
        #expect(escalate.status == 2 && escalate.err.contains("refused:"))
        let history = try Self.run(["history", "--json", "--limit", "1", "--as", "boss"], in: dir)
        #expect(
            history.out.contains("\"actor\" : \"mai\"") || history.out.contains("\"actor\":\"mai\""),
            "\(history.out)"
        )
        // A spokesperson-only user reads no internal plan or history through the CLI either.
        let sp = try Self.run(
            [
                "user", "add", "an", "--display-name", "An", "--person", "nguyen-van-an", "--role", "spokesperson",
                "--scope", "ubnd-phu-yen", "--as", "boss",
            ],
            in: dir
        )
        #expect(sp.status == 0, "\(sp.err)")
        for command in [["history"], ["agenda", "--from", "2024-01-01", "--to", "2024-02-01"]] {
            let r = try Self.run(command + ["--as", "an"], in: dir)
            #expect(r.status == 2 && r.err.contains("may not view"), "\(command): \(r.err)")
        }
        // Disabled: every command refuses them.
        #expect(try Self.run(["user", "disable", "mai", "--as", "boss"], in: dir).status == 0)
        let disabled = try adhoc("x3", "so-tttt-phu-yen")
        #expect(disabled.status == 2 && disabled.err.contains("disabled"), "\(disabled.err)")
    }
}

extension AccessTests {
    /// Reads that list items one by one show only the reader's agencies; reading one item
    /// of another agency is refused; writing the public web folder needs every agency.
    /// (A department viewer once read the province's outcomes, follow-ups and mail.)
    @Test("a department viewer reads only their department's outcomes and follow-ups, and cannot publish")
    func readsFollowScope() throws {
        let dir = try ExternalTool.temporaryDirectory("podium-access-reads")
        #expect(try Self.run(["init", "--admin", "boss"], in: dir).status == 0)
        #expect(try Self.run(["import", BadInputTests.plan, "--as", "boss"], in: dir).status == 0)
        let add = try Self.run(
            [
                "user", "add", "xem", "--display-name", "Xem", "--role", "viewer", "--scope", "so-tttt-phu-yen", "--as",
                "boss",
            ],
            in: dir
        )
        #expect(add.status == 0, "\(add.err)")
        // The province's quarterly conference (organised by the UBND) is not theirs.
        let show = try Self.run(["outcome", "show", "hop-bao-quy@20240104T150000", "--as", "xem"], in: dir)
        #expect(show.status == 2 && show.err.contains("refused:") && show.err.contains("ubnd-phu-yen"), "\(show.err)")
        // The admin reads it, as JSON in the shape of GET /api/outcomes/{occurrence}.
        let shown = try Self.run(["outcome", "show", "hop-bao-quy@20240104T150000", "--json", "--as", "boss"], in: dir)
        #expect(shown.status == 0, "\(shown.err)")
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
        #expect(reply["occurrence"] as? String == "hop-bao-quy@20240104T150000")
        #expect((reply["outcome"] as? [String: Any])?["result"] as? String == "held", "\(shown.out)")
        #expect(reply["followUps"] is [Any])
        // Follow-ups: the admin sees the 14 of the sample, the department only its own.
        func followUps(_ user: String) throws -> [[String: Any]] {
            let r = try Self.run(["followup", "list", "--json", "--as", user], in: dir)
            #expect(r.status == 0, "\(r.err)")
            return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]])
        }
        let all = try followUps("boss")
        let theirs = try followUps("xem")
        #expect(all.count == 14)
        #expect(!theirs.isEmpty && theirs.count < all.count)
        let department = ["giao-ban-bao-chi"]
        #expect(
            theirs.allSatisfy { f in department.contains { (f["occurrence"] as? String ?? "").hasPrefix($0 + "@") } },
            "\(theirs.map { $0["occurrence"] ?? "" })"
        )
        // Outcomes listed over the year: none of another agency's.
        let listed = try Self.run(
            ["outcome", "list", "--from", "2024-01-01", "--to", "2025-01-01", "--json", "--as", "xem"],
            in: dir
        )
        #expect(listed.status == 0, "\(listed.err)")
        #expect(!listed.out.contains("hop-bao-quy@"), "\(listed.out.prefix(400))")
        let publish = try Self.run(["publish", "--to", "www", "--as", "xem"], in: dir)
        #expect(publish.status == 2 && publish.err.contains("refused:"), "\(publish.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("www").path))
        #expect(try Self.run(["publish", "--to", "www", "--as", "boss"], in: dir).status == 0)
    }
}

/// The Đắk Lắk 2026 sample as a secretariat would run it: every briefing covered after
/// auto-assign, and its own monthly press-conference rule applied to the province only.
@Suite("podium: the Đắk Lắk 2026 sample")
struct DakLakSampleTests {
    @Test("auto-assign covers every briefing; cancelling May's conference breaks the province's monthly rule")
    func sample() throws {
        let dir = try ExternalTool.temporaryDirectory("podium-daklak")
        let db = ["--database", "podium.sqlite"]
        let plan = RepositoryPaths.calendars.appendingPathComponent("dak-lak-2026/plan.yaml").path
        let holidays = RepositoryPaths.calendars.appendingPathComponent("holidays/vietnam.yaml").path
        #expect(try ExternalTool.podium(["init"] + db, in: dir).status == 0)
        #expect(try ExternalTool.podium(["import", holidays] + db, in: dir).status == 0)
        #expect(try ExternalTool.podium(["import", plan] + db, in: dir).status == 0)
        let assigned = try ExternalTool.podium(
            ["auto-assign", "--from", "2026-01-01", "--to", "2027-01-01"] + db,
            in: dir
        )
        #expect(assigned.status == 0 && !assigned.out.contains("chưa phủ"), "\(assigned.out)")
        let clean = try ExternalTool.podium(["check", "--from", "2026-01-01", "--to", "2027-01-01"] + db, in: dir)
        #expect(clean.status == 0 && clean.out.contains("0 errors"), "\(clean.out)")
        // Third Friday of May 2026 is the 15th.
        let cancel = try ExternalTool.podium(
            [
                "series", "cancel-occurrence", "hop-bao-thuong-ky-thang", "--occurrence", "2026-05-15T15:00",
                "--reason",
                "x",
            ] + db,
            in: dir
        )
        #expect(cancel.status == 0, "\(cancel.err)")
        let broken = try ExternalTool.podium(["check", "--from", "2026-01-01", "--to", "2027-01-01"] + db, in: dir)
        #expect(broken.status == 1)
        let lines = broken.out.split(separator: "\n").filter { $0.contains("DL-PRESSCONF-MONTHLY") }
        #expect(
            lines.count == 1 && lines[0].contains("UBND tỉnh Đắk Lắk: no regular press conference in 5/2026"),
            "\(lines)"
        )
        // Decree 09's three-month rule still holds (April and June have one).
        #expect(!broken.out.contains("R-PROV-PRESSCONF-3M"))
    }
}
