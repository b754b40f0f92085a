import ArgumentParser
import Foundation
import Scheduling
import Server
import Store

/// `podium publish --to DIR`: the public and agency feeds (and their gzip twins) as static
/// files, for nginx or any static host to serve (docs: README, "Serving at scale").
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Write the public and agency feeds, with gzip twins, into a folder for a static web server.",
        discussion: """
            Files are replaced atomically (written aside, then renamed). `podium serve --publish-to DIR`
            keeps the folder current on every change.
            Example: podium publish --to /var/www/lich/ --base-url https://lich.phuyen.gov.vn
            """
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "The folder to write (created when missing).") var to: String
    @Option(help: "The public base URL written into the feeds.") var baseURL: String = "http://127.0.0.1:8080"
    @Option(help: "The moment the feeds are for (YYYY-MM-DD or ISO 8601); default: now.") var asOf: String?
    @Flag(help: "Machine-readable output.") var json = false

    func run() async throws {
        let access = try store.access()
        // What is written is public, but writing the web folder is the secretariat's act:
        // someone who may read every agency published (an admin or viewer of the province).
        do {
            for agency in try access.store.agencies().keys.sorted() {
                try access.require(.view, .agency(agency))
            }
        } catch let e as StoreError { throw e.exit }
        let now = try asOf.map { try ExportCommand.instant($0, option: "--as-of") }
        let service = PodiumService(
            store: access.store,
            configuration: ServerConfiguration(baseURL: baseURL, asOf: now, rules: try DataFiles.rules())
        )
        let publisher = StaticPublisher(service: service, directory: URL(fileURLWithPath: to))
        let written: [String]
        do { written = try await publisher.publish(now: now ?? Date()) } catch {
            throw PodiumExit.badInput("\(to): \(error)")
        }
        if json { return try JSONOutput.print(written) }
        print(
            "\(to): \(written.count) files (\(written.filter { !$0.hasSuffix(".gz") }.count) feeds and their gzip twins)"
        )
    }
}
