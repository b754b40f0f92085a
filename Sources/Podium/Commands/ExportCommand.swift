import ArgumentParser
import Feeds
import Foundation
import ICalendar
import PlanFile
import Scheduling
import Store

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an iCalendar feed for one audience, atomically.",
        discussion: """
            Audiences: public (per language), agency (--id AGENCY), spokesperson (--id PERSON,
            private: their assignments as primary, backup or on the panel), internal (everything, marked).
            The output is deterministic: the same plan and --as-of give the same bytes. A feed
            shows the year before and the two years after --as-of (default: now), so a past
            year's plan needs --as-of inside that year; an export with no events says so
            (exit 1).

            Examples:
              podium export --audience public --lang en --as-of 2024-06-01 --out public.en.ics
              podium export --plan calendars/phu-yen-2024/plan.yaml --audience agency --id ubnd-phu-yen --out ubnd.ics
            """
    )

    enum Audience: String, ExpressibleByArgument, CaseIterable {
        case `public`, agency, spokesperson, `internal`
    }

    @OptionGroup var source: ScheduleSource
    @Option(help: "public | agency | internal") var audience: Audience
    @Option(help: "vi | en (public and agency feeds).") var lang: String = "vi"
    @Option(help: "The agency id (agency feeds).") var id: String?
    @Option(help: "Output file; written atomically.") var out: String
    @Option(help: "The moment the feed is for (YYYY-MM-DD or ISO 8601 instant); default: now.") var asOf: String?
    @Option(help: "Change time used for DTSTAMP/LAST-MODIFIED (ISO 8601); default: --as-of.") var stamp: String?
    @Flag(help: "Machine-readable output.") var json = false

    struct Output: Encodable {
        var file: String
        var audience: String
        var events: Int
        var asOf: String
        var bytes: Int
    }
    @Option(help: "Base URL for links and SOURCE.") var baseURL: String?

    func run() throws {
        let loaded = try source.load()
        guard let language = Language(rawValue: lang) else {
            throw PodiumExit.badInput("--lang: \"\(lang)\" is not vi or en")
        }
        // A private or internal feed is written in Vietnamese (`FeedAudience.language`): say
        // so rather than write a Vietnamese feed under an English request.
        if language != .vi, audience == .spokesperson || audience == .internal {
            throw PodiumExit.badInput(
                "--lang: the \(audience.rawValue) feed is written in Vietnamese; --lang en is for public and agency feeds"
            )
        }
        let moment = try asOf.map { try Self.instant($0, option: "--as-of") } ?? Date()
        let stampTime = try stamp.map { try Self.instant($0, option: "--stamp") } ?? moment
        let feedAudience: FeedAudience
        switch audience {
        case .public: feedAudience = .public(language)
        case .internal: feedAudience = .internal
        case .spokesperson:
            guard let id, let person = SpokespersonFeed(roster: loaded.roster, person: Spokesperson.ID(id)) else {
                throw PodiumExit.badInput("--id: unknown spokesperson \"\(id ?? "")\"")
            }
            feedAudience = .spokesperson(person)
        case .agency:
            guard let id else { throw PodiumExit.badInput("--id: an agency feed needs the agency id") }
            guard loaded.schedule.agencies[Agency.ID(id)] != nil else {
                throw PodiumExit.badInput("--id: unknown agency \"\(id)\"")
            }
            feedAudience = .agency(Agency.ID(id), language)
        }
        let year = LocalDateTime(utc: moment).date.year
        let engine = OccurrenceEngine(
            calendar: WorkingCalendar(
                years: loaded.schedule.calendarYears(for: year - 1...year + 2),
                decisions: loaded.decisions
            )
        )
        // The store validated every change when it was written; a plan file is checked here.
        let problems = loaded.store == nil ? engine.problems(in: loaded.schedule) : []
        if !problems.isEmpty { throw PodiumExit.badInput(problems.map(\.description).joined(separator: "; ")) }
        // Read here, not by every command: only feeds stamp each item with its change time.
        let changeTimes: [Int: Date]
        do { changeTimes = try loaded.store?.changeTimes() ?? [:] } catch { throw error.exit }
        let options = FeedOptions(
            now: moment,
            baseURL: baseURL,
            changeTimes: changeTimes,
            defaultChangeTime: stampTime
        )
        let text = try FeedBuilder(engine: engine).render(
            loaded.schedule,
            audience: feedAudience,
            options: options,
            people: FeedPeople(loaded.roster)
        )
        try AtomicFile.write(text, to: out)
        let events = text.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1
        let output = Output(
            file: out,
            audience: audience.rawValue,
            events: events,
            asOf: ISO8601DateFormatter().string(from: moment),
            bytes: text.utf8.count
        )
        if json {
            try JSONOutput.print(output)
        } else {
            print("\(out): \(events) events for the \(audience.rawValue) audience as of \(output.asOf)")
        }
        if events == 0 {
            let years = loaded.schedule.series.values.map(\.start.date.year).sorted()
            let hint = years.first.map { " (the plan's series start in \($0); try --as-of \($0)-06-01)" } ?? ""
            throw PodiumExit.problems("\(out): the feed has no events as of \(output.asOf)\(hint)")
        }
    }

    /// A moment from the command line: an ISO 8601 instant, or a date meaning its midnight in
    /// the plan's zone (UTC+7), which is how the secretariat reads "as of 1 June".
    static func instant(_ text: String, option: String) throws -> Date {
        if let d = try? Date(text, strategy: .iso8601) { return d }
        if let day = LocalDate(iso: text),
            let d = try? TimeZones.instant(
                of: LocalDateTime(day, hour: 0, minute: 0),
                in: RegularSeries.defaultTimeZone
            )
        {
            return d
        }
        throw PodiumExit.badInput(
            "\(option): \"\(text)\" is neither a date (2024-06-01) nor an ISO 8601 instant (2024-06-01T00:00:00Z)"
        )
    }
}
