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
            Lunar holidays are computed for UTC+7. Yearly decisions come from --holidays FILE
            (default calendars/holidays/vietnam.yaml when present).

            Examples:
              podium holidays --year 2026
              podium holidays --year 2026 --json
            """
    )

    @Option(help: "The year (1900–2100).") var year: Int
    @Option(help: "A holiday decisions file (YAML).") var holidays: String?
    @Option(help: "Also use the decisions and imported holidays stored in this database.") var database: String?
    @Flag(help: "Machine-readable output.") var json = false

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
        var decisions = try DataFiles.holidayDecisions(holidays)
        if let database {
            do { decisions += try StoreOptions(database: database).open().holidayDecisions() } catch let e as StoreError
            { throw e.exit }
        }
        let calendar = WorkingCalendar(years: year...year, decisions: decisions)
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
        if json { return try JSONOutput.print(rows) }
        var table = TextTable("Ngày", "Thứ", "Ngày nghỉ", "Loại")
        for r in rows { table.add(r.date, r.weekday, r.name, r.kind) }
        print(table.render())
        print("\nTết \(year): \(LunarCalendar.vietnam.newYear(year)) (UTC+7)")
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
