import Foundation
import ICalendar
import PlanFile
import Scheduling
import TestSupport
import Testing

/// What `check` must say of each sample plan as written, worked out by hand from the plans and
/// the rules (docs/law.md), not recorded from the code's output. Each count is derived in the
/// comments; a change of the engine that finds more, or less, fails here.
@Suite("The sample plans' findings, by hand")
struct SampleFindingsTests {
    static func findings(_ plan: String, year: Int) throws -> [Finding] {
        let url = RepositoryPaths.calendars.appendingPathComponent("\(plan)/plan.yaml")
        let p = try PlanReader.read(try RepositoryPaths.read(url), file: url.path)
        let holidays = RepositoryPaths.calendars.appendingPathComponent("holidays/vietnam.yaml")
        let decisions = try PlanReader.readHolidays(try RepositoryPaths.read(holidays), file: holidays.path)
        let engine = OccurrenceEngine(calendar: WorkingCalendar(years: year - 1...year + 1, decisions: decisions))
        let window = try PlanWindow(
            from: LocalDate(year: year, month: 1, day: 1),
            to: LocalDate(year: year + 1, month: 1, day: 1)
        )
        let occurrences = try engine.occurrences(in: p.schedule, from: window.start, to: window.end)
        return PlanChecker(calendar: engine.calendar, officeHours: p.officeHours, rules: F.rules + p.localRules)
            .check(occurrences, schedule: p.schedule, roster: p.roster, window: window)
    }

    static func count(_ f: [Finding], _ rule: String, series: String) -> Int {
        f.filter { $0.rule == rule && $0.occurrences.contains { $0.rawValue.hasPrefix(series + "@") } }.count
    }

    @Test("Phú Yên 2024: lawful; every briefing but the first quarterly conference waits for a spokesperson")
    func phuYen() throws {
        let f = try Self.findings("phu-yen-2024", year: 2024)
        // The law holds: a press conference in every quarter (4 Jan, 4 Apr, 5 Jul moved from the
        // 4th, 3 Oct), press information on the last working day of every month, the storm's
        // briefing 17 h after the storm (deadline 24 h), nothing regular on a day off or outside
        // office hours. So the only findings are about people.
        #expect(Set(f.map(\.rule)) == ["UNCOVERED"])
        // The plan assigns only 4 January's conference. Uncovered: the other 3 conferences; all
        // 12 monthly press information; the weekly press briefing on each Tuesday of 2024 — 53
        // Tuesdays (2 Jan … 31 Dec), less 13 Feb (cancelled for Tết), 30 Apr (Reunification
        // Day) and 3 Sep (the National Day break, 31 Aug – 3 Sep), which it skips — 50; and the
        // 3 ad-hoc and one-off briefings.
        #expect(Self.count(f, "UNCOVERED", series: "hop-bao-quy") == 3)
        #expect(Self.count(f, "UNCOVERED", series: "thong-tin-bao-chi-thang") == 12)
        #expect(Self.count(f, "UNCOVERED", series: "giao-ban-bao-chi") == 50)
        let adHoc = f.filter { $0.occurrences.allSatisfy { !$0.rawValue.contains("@") } }.map(\.occurrences[0].rawValue)
        #expect(Set(adHoc) == ["bao-so-8-2024", "xuc-tien-dau-tu-2024", "doan-cong-tac-nuoc-ngoai-2024"])
        #expect(f.count == 3 + 12 + 50 + 3)
        #expect(f.allSatisfy { $0.severity == .error })
    }

    @Test("Đắk Lắk 2026: lawful under its own monthly rule; January's panel is seated, the rest waits")
    func dakLak() throws {
        let f = try Self.findings("dak-lak-2026", year: 2026)
        // The law holds, the province's stricter monthly rule included: a conference on the third
        // Friday of every month (February's moved to the 26th for Tết), press information on
        // the last working day of every month, the floods' briefing 15 h after the rain began.
        #expect(Set(f.map(\.rule)) == ["UNCOVERED", "NO-BACKUP"])
        // Uncovered: 11 conferences (January's is assigned), 12 press information, 1 ad-hoc.
        #expect(Self.count(f, "UNCOVERED", series: "hop-bao-thuong-ky-thang") == 11)
        #expect(Self.count(f, "UNCOVERED", series: "thong-tin-bao-chi-thang-dak-lak") == 12)
        #expect(f.filter { $0.rule == "UNCOVERED" }.count == 24)
        // January's: a spokesperson (the deputy chief, authorised on socio-economic matters, the
        // series' topic, from 5 January) and no backup (a warning); its chair (the Committee's
        // spokesperson) and its panelist (the Director of Culture, head of her own department,
        // on culture and tourism) may sit: no PANEL-* and no *-NOT-ENTITLED finding.
        let january = f.filter { $0.rule == "NO-BACKUP" }
        #expect(january.map(\.occurrences) == [[OccurrenceID(rawValue: "hop-bao-thuong-ky-thang@20260116T150000")]])
        #expect(january.first?.severity == .warning)
        #expect(f.count == 25)
    }
}
