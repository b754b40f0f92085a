import Foundation
import TestSupport
import Testing

/// Static publishing of the public feeds, through the real binary.
@Suite("podium publish")
struct PublishTests {
    @Test("publish --to DIR writes each public and agency feed with a gzip twin holding the same bytes")
    func publish() throws {
        let dir = try BadInputTests.seeded()
        let out = dir.appendingPathComponent("www")
        let r = try ExternalTool.podium(
            ["publish", "--to", out.path, "--as-of", "2024-06-01", "--database", "podium.sqlite"],
            in: dir
        )
        #expect(r.status == 0, "\(r.err)")
        let feed = out.appendingPathComponent("feeds/public.vi.ics")
        let text = try String(contentsOf: feed, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR") && text.contains("Họp báo định kỳ quý"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("feeds/public.en.ics").path))
        #expect(
            FileManager.default.fileExists(atPath: out.appendingPathComponent("feeds/agencies/ubnd-phu-yen.ics").path)
        )
        // The twin decompresses to the same bytes (gunzip is the independent reader).
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gunzip")
        gunzip.arguments = ["-c", feed.path + ".gz"]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let unzipped = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        #expect(gunzip.terminationStatus == 0)
        #expect(unzipped == (try Data(contentsOf: feed)))
        // No temporary file is left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("feeds").path)
        #expect(!left.contains { $0.hasSuffix(".tmp") })
        // Publishing again gives the same bytes.
        let again = try ExternalTool.podium(
            ["publish", "--to", out.path, "--as-of", "2024-06-01", "--database", "podium.sqlite"],
            in: dir
        )
        #expect(again.status == 0)
        #expect(try String(contentsOf: feed, encoding: .utf8) == text)
    }
}

/// `podium plan download`: the stored plan, edited on the command line, comes out as a file
/// that `podium import` takes back with nothing changed.
@Suite("podium plan download")
struct PlanDownloadTests {
    @Test(
        "after a move, a new and cancelled ad-hoc briefing, a split and auto-assign, download then import changes nothing"
    )
    func downloadThenImport() throws {
        let dir = try BadInputTests.seeded()
        func podium(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
            try ExternalTool.podium(args + ["--database", "podium.sqlite"], in: dir)
        }
        let edits: [[String]] = [
            [
                "series", "move-occurrence", "hop-bao-quy", "--occurrence", "2024-10-03T15:00", "--to",
                "2024-10-04T09:00", "--reason", "Trùng lịch: \"họp tỉnh\"",
            ],
            [
                "adhoc", "add", "su-co-moi", "--title", "Sự cố: mất điện", "--organizer", "ubnd-phu-yen", "--trigger",
                "incident", "--triggered-at", "2024-06-02T08:00:00+07:00", "--start", "2024-06-02T15:00",
            ],
            ["adhoc", "cancel", "su-co-moi", "--reason", "Đã khắc phục"],
            ["series", "split", "giao-ban-bao-chi", "--occurrence", "2024-09-03T08:00", "--new-id", "giao-ban-moi"],
            ["auto-assign", "--from", "2024-01-01", "--to", "2025-01-01"],
        ]
        for e in edits {
            let r = try podium(e)
            #expect(r.status == 0, "\(e): \(r.err)")
        }
        let download = try podium(["plan", "download", "--out", "downloaded.yaml"])
        #expect(download.status == 0, "\(download.err)")
        let text = try String(contentsOf: dir.appendingPathComponent("downloaded.yaml"), encoding: .utf8)
        #expect(text.contains("continues: \"giao-ban-bao-chi\""))
        #expect(text.contains("source: automatic"), "the auto-assigner's choices are marked")
        let before = try BadInputTests.lastRevision(dir)
        let again = try podium(["import", "downloaded.yaml"])
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out.contains("0 created, 0 updated"), "\(again.out.prefix(600))")
        #expect(try BadInputTests.lastRevision(dir) == before, "no change was recorded")
    }
}

/// A database made before the relational schema (v11, JSON bodies; `Tests/Fixtures/store`)
/// publishes exactly what it published then: the feeds and the history `make-v11.sh` wrote
/// with the old binary, byte for byte, after today's binary has migrated it.
@Suite("podium on a v11 database")
struct MigratedDatabaseTests {
    @Test("the public and internal feeds and the history are byte-identical to what the old binary wrote")
    func sameBytes() throws {
        let dir = try ExternalTool.temporaryDirectory("podium-v11")
        let fixtures = RepositoryPaths.fixture("store")
        try FileManager.default.copyItem(
            at: fixtures.appendingPathComponent("v11-sample.sqlite"),
            to: dir.appendingPathComponent("podium.sqlite")
        )
        let exports: [(args: [String], file: String)] = [
            (["--audience", "public", "--lang", "vi"], "v11-sample.public.vi.ics"),
            (["--audience", "internal"], "v11-sample.internal.ics"),
        ]
        // Run from the repository, as make-v11.sh did: the days off come from the database and
        // then from calendars/holidays/ (the same sources in the same order for every command).
        let database = dir.appendingPathComponent("podium.sqlite").path
        for (args, file) in exports {
            let r = try ExternalTool.podium(
                ["export"] + args + [
                    "--out", dir.appendingPathComponent(file).path, "--as-of", "2024-01-01", "--stamp",
                    "2024-01-01T00:00:00Z", "--database", database, "--as", "admin",
                ],
                in: RepositoryPaths.root
            )
            try #require(r.status == 0, "\(r.err)")
            let migrated = try Data(contentsOf: dir.appendingPathComponent(file))
            #expect(migrated == (try Data(contentsOf: fixtures.appendingPathComponent(file))), "\(file) changed")
        }
        let history = try ExternalTool.podium(
            ["history", "--limit", "1000", "--database", database, "--as", "admin"],
            in: RepositoryPaths.root
        )
        #expect(history.status == 0, "\(history.err)")
        #expect(history.out == (try RepositoryPaths.read(fixtures.appendingPathComponent("v11-sample.history.txt"))))
    }
}
