import Foundation
import TestSupport
import Testing

/// `podium agenda` prints a table aligned by what a terminal shows (one column per letter,
/// diacritics included). The table is padded and trimmed on bytes since issue 17 (P5), so
/// its shape is checked here on real Vietnamese titles: every cell starts at its column,
/// two blanks before it, and no line ends in a blank.
@Suite("podium: the agenda's table")
struct AgendaTableTests {
    @Test("columns line up under the rule; no trailing blanks")
    func aligned() throws {
        let plan = RepositoryPaths.calendars.appendingPathComponent("phu-yen-2024/plan.yaml").path
        let r = try ExternalTool.podium(["agenda", "--plan", plan, "--from", "2024-03-01", "--to", "2024-04-01"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
            .filter { !$0.isEmpty }
        try #require(lines.count > 3, "a month of Phú Yên's plan has briefings")
        // The rule under the header: runs of ─ two blanks apart, one per column.
        let rule = lines[1]
        #expect(rule.allSatisfy { $0 == "─" || $0 == " " })
        let starts = rule.indices.filter { rule[$0] == "─" && ($0 == 0 || rule[$0 - 1] == " ") }
        #expect(starts.count == 6, "date, time, weekday, title, speaker, note")
        for line in lines {
            #expect(line.last != " ", "no trailing blank: \(String(line))")
        }
        for line in [lines[0]] + lines.dropFirst(2) {
            for start in starts.dropFirst() where start < line.count {
                // A cell begins where its column does: the two characters before are blanks.
                #expect(line[start - 1] == " " && line[start - 2] == " ", "column at \(start): \(String(line))")
            }
            // The first columns are always filled: date (10), time (5).
            #expect(line.count > starts[2], "\(String(line))")
            #expect(line[starts[1]] != " " && line[starts[2]] != " ", "\(String(line))")
        }
    }
}
