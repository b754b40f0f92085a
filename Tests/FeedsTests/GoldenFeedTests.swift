import Feeds
import Foundation
import ICalendar
import PlanFile
import Scheduling
import TestSupport
import Testing

/// The sample plans' feeds, committed under `calendars/<plan>/feeds/` and compared byte for
/// byte. `make feeds` rewrites them (then review the diff).
@Suite("Golden feeds of the sample plans")
struct GoldenFeedTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let plan: String
        let now: String
        let stamp: String
        var testDescription: String { plan }
    }

    static let samples = [
        Sample(plan: "phu-yen-2024", now: "2024-06-01T00:00:00Z", stamp: "2024-01-02T01:00:00Z"),
        Sample(plan: "dak-lak-2026", now: "2026-03-01T00:00:00Z", stamp: "2026-01-05T01:00:00Z"),
    ]

    static func instant(_ s: String) -> Date { try! Date(s, strategy: .iso8601) }

    /// Every feed of a sample: public (vi, en), internal, and one per organising agency.
    static func feeds(_ sample: Sample) throws -> [(String, String)] {
        let dir = RepositoryPaths.calendars.appendingPathComponent(sample.plan)
        let plan = try PlanReader.read(RepositoryPaths.read(dir.appendingPathComponent("plan.yaml")), file: "plan.yaml")
        let decisions = try PlanReader.readHolidays(
            RepositoryPaths.read(RepositoryPaths.calendars.appendingPathComponent("holidays/vietnam.yaml")),
            file: "vietnam.yaml"
        )
        let now = instant(sample.now)
        let year = LocalDateTime(utc: now).date.year
        let engine = OccurrenceEngine(
            calendar: WorkingCalendar(years: year - 1...year + 3, decisions: decisions + plan.holidayDecisions)
        )
        #expect(engine.problems(in: plan.schedule).isEmpty)
        let options = FeedOptions(
            now: now,
            baseURL: "https://podium.example.vn",
            defaultChangeTime: instant(sample.stamp)
        )
        let builder = FeedBuilder(engine: engine)
        var out: [(String, FeedAudience)] = [
            ("public.vi.ics", .public(.vi)), ("public.en.ics", .public(.en)), ("internal.ics", .internal),
        ]
        let organisers = Set(plan.schedule.series.values.map(\.organizer) + plan.schedule.adHoc.values.map(\.organizer))
        for id in organisers.sorted() { out.append(("agencies/\(id.rawValue).vi.ics", .agency(id, .vi))) }
        // Spokespeople are named on public feeds (CONTACT), and each assigned person has a feed.
        let people = FeedPeople(plan.roster)
        for person in plan.roster.people.keys.sorted() {
            if let feed = SpokespersonFeed(roster: plan.roster, person: person), !feed.roles.isEmpty {
                out.append(("spokespeople/\(person.rawValue).ics", .spokesperson(feed)))
            }
        }
        return try out.map { name, audience in
            (name, try builder.render(plan.schedule, audience: audience, options: options, people: people))
        }
    }

    @Test("each sample's feeds equal the committed files byte for byte", arguments: samples)
    func golden(_ sample: Sample) throws {
        for (name, text) in try Self.feeds(sample) {
            let url = RepositoryPaths.calendars.appendingPathComponent("\(sample.plan)/feeds/\(name)")
            #expect(text == (try Golden.expected(at: url, actual: text)), "\(sample.plan)/feeds/\(name)")
        }
    }

    @Test("each sample's feeds pass the checks no tool does (icalendar.md §4)", arguments: samples)
    func lint(_ sample: Sample) throws {
        for (name, text) in try Self.feeds(sample) {
            #expect(FeedLint.problems(text).isEmpty, "\(name): \(FeedLint.problems(text))")
        }
    }

    @Test("building twice gives identical bytes", arguments: samples)
    func deterministic(_ sample: Sample) throws {
        let a = try Self.feeds(sample)
        let b = try Self.feeds(sample)
        #expect(a.map(\.1) == b.map(\.1))
    }
}
