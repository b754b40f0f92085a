import ArgumentParser
import Feeds
import Foundation
import ICalendar
import PlanFile
import Scheduling

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an iCalendar feed for one audience, atomically.",
        discussion: """
            Audiences: public (per language), agency (--id AGENCY), spokesperson (--id PERSON,
            private: their assignments as primary or backup), internal (everything, marked).
            The output is deterministic: the same plan and --now give the same bytes.

            Examples:
              podium export --audience public --lang en --out public.en.ics
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
    @Option(help: "The moment the feed is for (ISO 8601); default: now.") var now: String?
    @Option(help: "Change time used for DTSTAMP/LAST-MODIFIED (ISO 8601); default: --now.") var stamp: String?
    @Option(help: "Base URL for links and SOURCE.") var baseURL: String?

    func run() throws {
        let loaded = try source.load()
        guard let language = Language(rawValue: lang) else {
            throw PodiumExit.badInput("--lang: \"\(lang)\" is not vi or en")
        }
        let moment = try now.map { try Self.instant($0, option: "--now") } ?? Date()
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
        let years = LocalDateTime(utc: moment).date.year
        let firstYear = min(years - 1, loaded.schedule.series.values.map(\.start.date.year).min() ?? years)
        let engine = OccurrenceEngine(
            calendar: WorkingCalendar(years: firstYear...years + 3, decisions: loaded.decisions)
        )
        // The store validated every change when it was written; a plan file is checked here.
        let problems = loaded.store == nil ? engine.problems(in: loaded.schedule) : []
        if !problems.isEmpty { throw PodiumExit.badInput(problems.map(\.description).joined(separator: "; ")) }
        let options = FeedOptions(
            now: moment,
            baseURL: baseURL,
            changeTimes: loaded.changeTimes,
            defaultChangeTime: stampTime
        )
        let text = try FeedBuilder(engine: engine).render(
            loaded.schedule,
            audience: feedAudience,
            options: options,
            contacts: FeedBuilder.contacts(from: loaded.roster)
        )
        try AtomicFile.write(text, to: out)
    }

    static func instant(_ text: String, option: String) throws -> Date {
        guard let d = try? Date(text, strategy: .iso8601) else {
            throw PodiumExit.badInput("\(option): \"\(text)\" is not an ISO 8601 instant (e.g. 2024-06-01T00:00:00Z)")
        }
        return d
    }
}
