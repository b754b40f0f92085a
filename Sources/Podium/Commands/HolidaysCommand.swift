import ArgumentParser
import Foundation
import ICalendar
import Scheduling
import Store

struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List the days off of a year: statutory, compensatory and decided.",
        discussion: """
            Lunar holidays are computed for UTC+7. The yearly government decisions come from the
            same sources, in the same order, as every other command: the database (--database,
            else $PODIUM_DATABASE or ./podium.sqlite when it exists), then --holidays FILE
            (default calendars/holidays/vietnam.yaml when present). A year without a decision
            says so: its bridge days and Saturdays worked are not known yet.

            Examples:
              podium holidays --year 2026
              podium holidays --year 2026 --json
            """
    )

    @Option(help: "The year (1900–2100).") var year: Int
    @Option(help: "A holiday decisions file (YAML).") var holidays: String?
    @Option(
        help:
            "The database whose stored decisions come first (default: $PODIUM_DATABASE or ./podium.sqlite, when it exists)."
    )
    var database: String?
    @Flag(help: "Machine-readable output.") var json = false

    struct Output: Encodable {
        var year: Int
        var decisions: [String]
        var days: [Row]
        var workedSaturdays: [String]
    }

    /// The Saturdays the decisions make working days.
    func worked(_ decided: [HolidayDecision]) -> [String] {
        decided.flatMap(\.workdays).map(\.description).sorted()
    }

    struct Row: Encodable {
        let date: String
        let weekday: String
        let name: String
        let nameEn: String?
        let kind: String
        let legalBasis: String
    }

    func run() throws {
        guard (1900...2100).contains(year) else { throw PodiumExit.badInput("--year: \(year) is outside 1900–2100") }
        let store = StoreOptions(database: database)
        var decisions: [HolidayDecision] = []
        // An explicit --database must exist; the default one is used only when present.
        if database != nil || FileManager.default.fileExists(atPath: store.path) {
            do { decisions = try store.open().holidayDecisions() } catch let e as StoreError { throw e.exit }
        }
        decisions += try DataFiles.holidayDecisions(holidays)
        let calendar = WorkingCalendar(years: year...year, decisions: decisions)
        let decided = decisions.filter { $0.year == year }
        let rows = calendar.holidays(in: year).map {
            Row(
                date: $0.date.description,
                weekday: Weekday.name($0.date),
                name: $0.name.vi,
                nameEn: $0.name.en,
                kind: $0.kind.rawValue,
                legalBasis: $0.legalBasis
            )
        }
        if json {
            return try JSONOutput.print(
                Output(year: year, decisions: decided.map(\.reference), days: rows, workedSaturdays: worked(decided))
            )
        }
        var table = TextTable("Ngày", "Thứ", "Ngày nghỉ", "Loại")
        for r in rows { table.add(r.date, r.weekday, r.name, r.kind) }
        print(table.render())
        let saturdays = worked(decided)
        if !saturdays.isEmpty { print("\nNgày làm bù (working Saturdays): \(saturdays.joined(separator: ", "))") }
        print("\nTết \(year): \(LunarCalendar.vietnam.newYear(year)) (UTC+7)")
        if decided.isEmpty {
            print(
                "No government decision for \(year) is recorded: only statutory days and weekend compensation are shown; bridge days and Saturdays worked are not known yet."
            )
        } else {
            for d in decided { print("Quyết định / decisions: \(d.reference)") }
        }
    }
}

enum Weekday {
    static func name(_ d: LocalDate) -> String {
        ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][d.isoWeekday - 1]
    }
}

struct LunarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lunar",
        abstract: "Convert a date to the Vietnamese lunar calendar (UTC+7).",
        discussion: "Example: podium lunar 2026-02-17"
    )

    @Argument(help: "A Gregorian date, YYYY-MM-DD.") var date: String

    func run() throws {
        let d = try DataFiles.date(date, option: "date")
        guard (1900...2100).contains(d.year) else { throw PodiumExit.badInput("date: \(d) is outside 1900–2100") }
        print("\(d) = \(LunarCalendar.vietnam.lunarDate(of: d))")
    }
}
