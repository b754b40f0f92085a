public import Scheduling

/// Everything an annual plan file holds, as engine values.
public struct Plan: Sendable {
    public var title: String?
    public var schedule: Schedule
    public var holidayDecisions: [HolidayDecision]
    public var officeHours: [OfficeHours]
    public var roster: Roster
    /// The province's own legal rules (stricter than the national ones).
    public var localRules: [LegalRule] = []
    /// The outcomes file the plan names (`outcomes: outcomes.yaml`), relative to the plan.
    public var outcomesFile: String?
    /// The data revision a downloaded plan was read at (`based-on:`): uploading it is
    /// refused when anything changed since, rather than undoing someone's change.
    public var basedOn: Int?

    public init(
        title: String? = nil,
        schedule: Schedule = Schedule(),
        holidayDecisions: [HolidayDecision] = [],
        officeHours: [OfficeHours] = [],
        roster: Roster = Roster()
    ) {
        self.title = title
        self.schedule = schedule
        self.holidayDecisions = holidayDecisions
        self.officeHours = officeHours
        self.roster = roster
    }
}
