import ArgumentParser
import Foundation

/// The `podium` command: every task of the secretariat and of spokespeople.
///
/// Exit codes: 0 ok, 1 problems found, 2 usage or bad input (README, "Every command").
@main
struct PodiumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Press-conference and spokesperson scheduler.",
        discussion: """
            Examples:
              podium init --admin admin
              podium import calendars/phu-yen-2024/plan.yaml
              podium agenda --from 2024-01-01 --to 2024-04-01
              podium series cancel-occurrence hop-bao-quy --occurrence 2024-10-03T15:00 --reason "Bão"
              podium export --audience public --lang en --out public.en.ics
              podium history
              podium holidays --year 2026
              podium serve --seed calendars/phu-yen-2024/plan.yaml
            """,
        subcommands: [
            InitCommand.self, ImportCommand.self, SeriesCommand.self, AdHocCommand.self, SpokespersonCommand.self,
            AssignCommand.self,
            SwapCommand.self, AutoAssignCommand.self, CheckCommand.self, AgendaCommand.self, ExportCommand.self,
            HistoryCommand.self, HolidaysCommand.self, LunarCommand.self, ServeCommand.self, TokenCommand.self,
            UserCommand.self, GrantCommand.self, RevokeCommand.self, ApproveCommand.self, RulesCommand.self,
            PressCommand.self, OutcomeCommand.self, FollowUpCommand.self, ReportCommand.self,
            NotifyCommand.self, OutboxCommand.self, PublishCommand.self, PlanCommand.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as PodiumExit {
            if let message = exit.message { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(exit.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
