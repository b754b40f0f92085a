import Foundation
import ICalendar
import Scheduling

/// Warnings at the moment of a change: the checks `podium check` runs, applied to the one
/// occurrence a change makes, before it is stored. A finding is printed as a warning (exit
/// 0); with `--strict` the change is refused (exit 2) and nothing is written. The rules
/// themselves live only in `PlanChecker`.
enum ChangeCheck {
    /// What the checks say about occurrence `id` in `schedule` (the schedule as it would be
    /// after the change).
    static func findings(for id: OccurrenceID, in schedule: Schedule, loaded: ScheduleSource.Loaded) -> [Finding] {
        let engine = OccurrenceEngine(
            calendar: WorkingCalendar(years: schedule.calendarYears(), decisions: loaded.decisions)
        )
        guard let o = try? engine.resolve(id, in: schedule).occurrence, o.isHappening else { return [] }
        if loaded.rules.isEmpty {
            printError(
                "note: no legal rules file (calendars/rules/ or PODIUM_RULES): only people and venues are checked"
            )
        }
        // The day of the occurrence is the window: periodic rules are not judged on one day.
        guard let window = try? PlanWindow(covering: o.startInstant, o.endInstant, timeZone: o.timeZone) else {
            return []
        }
        return PlanChecker(calendar: engine.calendar, officeHours: loaded.officeHours, rules: loaded.rules)
            .check([o], schedule: schedule, roster: loaded.roster, window: window)
            .filter { $0.agency == nil }
            .filter { $0.occurrences.contains(id) && $0.rule != "UNCOVERED" && $0.rule != "NO-BACKUP" }
    }

    /// Prints each finding as a warning, or refuses the change when `strict`.
    static func warnOrRefuse(_ findings: [Finding], strict: Bool) throws {
        guard !findings.isEmpty else { return }
        if strict {
            throw PodiumExit.badInput(
                "refused (--strict): " + findings.map { "\($0.rule): \($0.message)" }.joined(separator: "; ")
            )
        }
        for f in findings {
            printError("warning: \(f.rule): \(f.message)" + (f.legalBasis.map { " (\($0))" } ?? ""))
        }
    }
}
