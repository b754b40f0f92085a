import Foundation
import PlanFile
import Scheduling
import Server
import Store

extension PodiumStore {
    /// Imports everything a plan file holds, with the outcomes file it names, in one
    /// transaction (ids in order, so revision numbers are the same on every run). A refused
    /// outcome is reported at its line in the outcomes file, and nothing is stored.
    ///
    /// - Parameter asOf: for a server seeded as of a day: only the outcomes of briefings that
    ///   had started by then are stored.
    func importPlan(
        _ plan: Plan,
        file: String,
        extraDecisions: [HolidayDecision] = [],
        asOf: Date? = nil,
        expectedRevision: Int? = nil,
        actor: String,
        at: Date
    ) throws(PodiumExit) -> ImportReport {
        var outcomes: OutcomeFile?
        if let name = plan.outcomesFile {
            let path =
                name.hasPrefix("/")
                ? name
                : URL(fileURLWithPath: file).deletingLastPathComponent()
                    .appendingPathComponent(name).path
            outcomes = try DataFiles.outcomes(path)
        }
        do {
            return try importPlan(
                plan,
                decisions: extraDecisions,
                outcomes: outcomes.map {
                    var batch = OutcomeBatch(
                        outcomes: $0.outcomes,
                        followUps: $0.followUps,
                        narratives: $0.narratives,
                        now: asOf ?? at
                    )
                    batch.onlyStarted = asOf != nil
                    return batch
                },
                expectedRevision: expectedRevision,
                actor: actor,
                at: at
            )
        } catch {
            throw error.exit(in: outcomes)
        }
    }
}

extension StoreError {
    /// Refused outcomes named at their line in the file they came from.
    func exit(in file: OutcomeFile?) -> PodiumExit {
        guard case .rejected(let items) = self, let file else { return exit }
        return PodiumExit.badInput(
            items.map { file.place(kind: $0.kind, index: $0.index, field: $0.field, message: $0.message).description }
                .joined(separator: "\n")
        )
    }
}
