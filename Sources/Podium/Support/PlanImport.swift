import Foundation
import PlanFile
import Scheduling
import Store

extension PodiumStore {
    /// Imports everything a plan file holds, in one transaction (ids in order, so revision
    /// numbers are the same on every run).
    func importPlan(_ plan: Plan, extraDecisions: [HolidayDecision] = [], actor: String, at: Date)
        throws(StoreError) -> ImportReport
    {
        try importPlan(
            agencies: plan.schedule.agencies.values.sorted { $0.id < $1.id },
            venues: plan.schedule.venues.values.sorted { $0.id < $1.id },
            series: plan.schedule.series.values.sorted { $0.id < $1.id },
            adHoc: plan.schedule.adHoc.values.sorted { $0.id < $1.id },
            decisions: plan.holidayDecisions + extraDecisions,
            roster: plan.roster,
            officeHours: plan.officeHours,
            localRules: plan.localRules,
            actor: actor,
            at: at
        )
    }
}
