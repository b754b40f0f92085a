import Foundation
import ICalendar
import PlanFile
import Scheduling

/// Reading the files commands take, each failure turned into one clear line and exit 2.
enum DataFiles {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PodiumExit.badInput("\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PodiumExit.badInput("\(path): not UTF-8 text")
        }
        return text
    }

    static func plan(_ path: String) throws -> Plan {
        do {
            return try PlanReader.read(try read(path), file: path)
        } catch let error as PlanError {
            throw PodiumExit.badInput(error.description)
        }
    }

    /// The holiday decisions: `--holidays FILE`, else `PODIUM_HOLIDAYS`, else the bundled
    /// `calendars/holidays/vietnam.yaml` when run from the repository; else none.
    static func holidayDecisions(_ path: String?) throws -> [HolidayDecision] {
        let candidate = path ?? ProcessInfo.processInfo.environment["PODIUM_HOLIDAYS"]
        let resolved = candidate ?? "calendars/holidays/vietnam.yaml"
        guard candidate != nil || FileManager.default.fileExists(atPath: resolved) else { return [] }
        do {
            return try PlanReader.readHolidays(try read(resolved), file: resolved)
        } catch let error as PlanError {
            throw PodiumExit.badInput(error.description)
        }
    }

    static func date(_ text: String, option: String) throws -> LocalDate {
        guard let d = LocalDate(iso: text) else {
            throw PodiumExit.badInput("\(option): \"\(text)\" is not a date (YYYY-MM-DD)")
        }
        return d
    }
}
