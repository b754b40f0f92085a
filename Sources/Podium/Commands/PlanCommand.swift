import ArgumentParser
import Foundation
import PlanFile
import Scheduling
import Server
import Store

/// `podium plan download`: the stored plan as the YAML `podium import` reads, so the
/// secretariat can keep it in a file, edit it and import it again (download → import changes
/// nothing).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Download the stored plan as YAML (import it back with podium import).",
        subcommands: [Download.self]
    )

    struct Download: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "download",
            abstract: "Write the stored plan (agencies, venues, series, ad-hoc briefings, roster, days off) as YAML.",
            discussion: """
                The plan is internal (drafts included): someone who may view only some agencies gets
                their part. Written atomically when --out is given.
                Example: podium plan download --out plan.yaml && podium import plan.yaml   # nothing changes
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The file to write (default: standard output).") var out: String?

        func run() throws {
            let access = try store.access()
            let plan: Plan
            do {
                // Someone who reads only some agencies gets their part (as in the workspace).
                let scope = access.viewScope(in: try access.store.schedule())
                if let scope, scope.isEmpty {
                    throw PodiumExit.badInput("refused: \(access.actor) may not view any agency's plan")
                }
                plan = try access.store.download(scope: scope)
            } catch let e as PodiumExit { throw e } catch let e as StoreError { throw e.exit }
            let text = PlanWriter.write(plan)
            guard let out else { return print(text, terminator: "") }
            try AtomicFile.write(text, to: out)
            printError(
                "\(out): \(plan.schedule.series.count) series, \(plan.schedule.adHoc.count) ad-hoc briefings, \(plan.roster.people.count) people, \(plan.roster.assignments.count) assignments"
            )
        }
    }
}
