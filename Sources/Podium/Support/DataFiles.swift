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

    static func outcomes(_ path: String) throws(PodiumExit) -> OutcomeFile {
        do {
            return try PlanReader.readOutcomes(try read(path), file: path)
        } catch let error as PlanError {
            throw PodiumExit.badInput(error.description)
        } catch {
            throw error as? PodiumExit ?? PodiumExit.badInput("\(path): \(error)")
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

    /// The national legal rules: `--rules FILE`, else `PODIUM_RULES`, else the bundled
    /// `calendars/rules/vietnam.yaml` when run from the repository; none when none of these
    /// is there (commands that check refuse to run without rules: `requireRules`). A file
    /// that is named but missing is an error.
    static func rules(_ path: String? = nil) throws -> [LegalRule] {
        let named = path ?? ProcessInfo.processInfo.environment["PODIUM_RULES"]
        let resolved = named ?? "calendars/rules/vietnam.yaml"
        if named == nil, !FileManager.default.fileExists(atPath: resolved) { return [] }
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw PodiumExit.badInput(
                "\(resolved): no legal rules file; pass --rules FILE or set PODIUM_RULES (the repository has calendars/rules/vietnam.yaml)"
            )
        }
        do {
            return try PlanReader.readRules(try read(resolved), file: resolved)
        } catch let error as PlanError {
            throw PodiumExit.badInput(error.description)
        }
    }

    /// The checks know no rule of their own: checking without rules would pass everything.
    static func requireRules(_ rules: [LegalRule]) throws {
        guard rules.isEmpty else { return }
        throw PodiumExit.badInput(
            "no legal rules to check against: run from the repository (calendars/rules/vietnam.yaml), pass --rules FILE or set PODIUM_RULES"
        )
    }

    /// A province's local rules must be stricter than the national rule of the same kind in
    /// force on their first day (fewer months between periodic briefings, fewer hours).
    static func checkStricter(_ local: [LegalRule], than national: [LegalRule], file: String) throws {
        if let problem = local.laxer(than: national) { throw PodiumExit.badInput("\(file): \(problem)") }
    }

    static func date(_ text: String, option: String) throws -> LocalDate {
        guard let d = LocalDate(iso: text) else {
            throw PodiumExit.badInput("\(option): \"\(text)\" is not a date (YYYY-MM-DD)")
        }
        return d
    }
}
