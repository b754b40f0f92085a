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
