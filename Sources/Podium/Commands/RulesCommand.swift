import ArgumentParser
import Foundation
import ICalendar
import Scheduling
import Store

/// `podium rules list`: the legal rules the checks apply, with their basis and validity.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "The legal rules the checks apply (national file and the province's local rules).",
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the rules, or those in force on a date.",
            discussion: """
                National rules come from calendars/rules/vietnam.yaml (or --rules, $PODIUM_RULES);
                local ones from the stored plan (local-rules:). "to-confirm" marks a version whose
                change date is known but whose content is not verified.
                Examples:
                  podium rules list --on 2026-07-01
                  podium rules list --json
                """
        )
        @OptionGroup var source: ScheduleSource
        @Option(help: "Only the rules in force on this date (YYYY-MM-DD).") var on: String?
        @Flag(help: "Machine-readable output.") var json = false

        struct Row: Encodable {
            var id, kind, title, basis, validFrom, status: String
            var validTo: String?
            var levels: [String]
            var parameters: [String: Int]
            var local: Bool
        }

        func run() throws {
            let loaded: ScheduleSource.Loaded
            // Without a database the national rules still list.
            if source.plan == nil, !FileManager.default.fileExists(atPath: source.store.path) {
                loaded = ScheduleSource.Loaded(
                    schedule: Schedule(),
                    decisions: [],
                    roster: Roster(),
                    officeHours: [],
                    store: nil,
                    rules: try DataFiles.rules(source.rules)
                )
            } else {
                loaded = try source.load()
            }
            let day = try on.map { try DataFiles.date($0, option: "--on") }
            let rows = loaded.rules.filter { r in day.map { r.isInForce(on: $0) } ?? true }.map {
                Row(
                    id: $0.id,
                    kind: $0.kind.rawValue,
                    title: $0.title.vi,
                    basis: $0.basis.description,
                    validFrom: $0.validFrom.description,
                    status: $0.status.rawValue,
                    validTo: $0.validTo?.description,
                    levels: $0.levels.map(\.rawValue).sorted(),
                    parameters: $0.parameters,
                    local: $0.scope != nil
                )
            }
            if json { return try JSONOutput.print(rows) }
            var table = TextTable("Id", "Basis", "In force", "Status", "Parameters")
            for r in rows {
                table.add(
                    r.id + (r.local ? " (local)" : ""),
                    r.basis,
                    "\(r.validFrom)…\(r.validTo ?? "")",
                    r.status,
                    r.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                )
            }
            print(table.render())
        }
    }
}
