import ArgumentParser
import Foundation
import ICalendar
import Scheduling
import Server
import Store

/// `podium report`: the yearly report on press and spokesperson work (docs/outcomes.md).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The yearly report: planned and held, the law period by period, ad-hoc timing, speakers, the press.",
        discussion: """
            HTML is one self-contained file laid out for A4; PDF prints that HTML with headless
            Chromium (Debian package: chromium); CSV and JSON carry the same numbers.
            Examples:
              podium report --year 2024 --agency ubnd-phu-yen --format html --out report-2024.html
              podium report --year 2024 --format json --out report-2024.json
            """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "The calendar year.") var year: Int
    @Option(help: "An agency (with its departments); default: every agency.") var agency: String?
    @Option(help: "html | pdf | csv | json") var format: String = "html"
    @Option(help: "The file to write (written whole or not at all).") var out: String
    @Option(help: "vi | en (the document's language)") var lang: String = "vi"
    @Option(help: "The legal rules file (default: $PODIUM_RULES or calendars/rules/vietnam.yaml).") var rules: String?
    @Option(help: "The moment the report is made (YYYY-MM-DD or ISO 8601); default: now.") var asOf: String?

    func run() throws {
        guard let format = ReportDocument.Format(rawValue: format) else {
            throw PodiumExit.badInput("--format: \"\(format)\" is not one of: html, pdf, csv, json")
        }
        guard let language = Language(rawValue: lang) else { throw PodiumExit.badInput("--lang: vi or en") }
        guard (1990...2200).contains(year) else { throw PodiumExit.badInput("--year: \(year) is not a plausible year") }
        let now = try asOf.map { try ExportCommand.instant($0, option: "--as-of") } ?? Date()
        let access = try store.access()
        let national = try DataFiles.rules(rules)
        try DataFiles.requireRules(national)
        let schedule: Schedule
        do { schedule = try access.store.schedule() } catch { throw error.exit }
        let agencyID = agency.map { Agency.ID($0) }
        if let agencyID {
            guard schedule.agencies[agencyID] != nil else {
                throw PodiumExit.badInput(
                    "--agency: unknown agency \"\(agencyID)\" (known: \(schedule.agencies.keys.map(\.rawValue).sorted().joined(separator: ", ")))"
                )
            }
        }
        // The report covers the agency and its departments: the actor must be allowed to view
        // every one of them (without --agency, every agency).
        for id in YearReport.scope(agencyID, in: schedule).sorted() { try access.require(.view, .agency(id)) }
        let report: YearReport
        do {
            report = try ReportDocument.build(
                store: access.store,
                year: year,
                agency: agencyID,
                rules: national,
                decisions: try DataFiles.holidayDecisions(nil),
                now: now
            )
        } catch let e as StoreError { throw e.exit } catch let e as PodiumExit { throw e } catch {
            throw PodiumExit.badInput("\(error)")
        }
        let bytes: Data
        switch format {
        case .json: bytes = try ReportDocument.json(report)
        case .csv: bytes = Data(ReportDocument.csv(report).utf8)
        case .html: bytes = Data(ReportDocument.html(report, schedule: schedule, language: language).utf8)
        case .pdf:
            bytes = try PDFPrinter.print(html: ReportDocument.html(report, schedule: schedule, language: language))
        }
        try AtomicFile.write(bytes, to: out)
        let s = report.summary
        print(
            "\(out): report \(year) for \(report.agencyName.text(language)) — \(s.held) held of \(s.planned) planned, \(report.compliance.reduce(0) { $0 + $1.unmet }) periods not met, \(report.unrecorded.count) without an outcome"
        )
    }
}

/// Prints HTML to PDF with headless Chromium (`--print-to-pdf`): the browser's own layout
/// of the A4 page, so the PDF is what the HTML shows. Chromium is looked up on PATH; when it
/// is missing the message names the Debian package.
enum PDFPrinter {
    static func print(html: String) throws -> Data {
        guard let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(which).first else {
            throw PodiumExit.badInput(
                "PDF needs headless Chromium, which is not installed: apt-get install chromium (or use --format html and print it)"
            )
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("podium-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("report.html")
        let output = dir.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: input)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            "--user-data-dir=\(dir.path)/profile",
            "--print-to-pdf=\(output.path)", input.absoluteString,
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path), !data.isEmpty
        else {
            throw PodiumExit.badInput("Chromium could not print the report (exit \(p.terminationStatus))")
        }
        return data
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
