import Foundation
import Testing

/// The server is written against the store's protocol (`PodiumStorage`), never its SQLite
/// engine (`PodiumStore`), so a second engine (PostgreSQL, for several server instances) is
/// added without touching the server (issue 17). An architecture check on the sources.
@Suite("The server's storage boundary")
struct StorageBoundaryTests {
    @Test("no file of the Server target names the SQLite engine")
    func serverNamesOnlyTheProtocol() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Server")
        let files = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 30)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let named = text.split(separator: "\n").filter {
                $0.contains("PodiumStore") && !$0.contains("PodiumStorage")
            }
            #expect(named.isEmpty, "\(file.lastPathComponent): \(named)")
        }
    }
}
