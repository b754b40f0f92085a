public import Foundation
public import ICalendar
public import Scheduling

/// Everything the server and the CLI ask of a store, as one protocol (issue 17): the embedded
/// SQLite store (`PodiumStore`, through GRDB) is one engine; a second (PostgreSQL, for several
/// server instances) implements these operations and neither the engine nor the server
/// changes. Each write is one transaction with its audit entry, checks the revision it is
/// given (optimistic concurrency) and throws `StoreError`; each read sees one committed state.
/// Default arguments live on `PodiumStore`'s own methods; through the protocol every argument
/// is given.
public protocol PodiumStorage: AnyObject, Sendable {
    // MARK: The plan and its history
    func schedule() throws(StoreError) -> Schedule
    func schedule(from: LocalDate, to: LocalDate) throws(StoreError) -> Schedule
    func holidayDecisions() throws(StoreError) -> [HolidayDecision]
    func latestRevision() throws(StoreError) -> Int
    func history(limit: Int, entityID: String?) throws(StoreError) -> [Change]
    func changeCounts(action: String, entity: String) throws(StoreError) -> [String: Int]

    // MARK: What the server reads and watches
    func snapshot() throws(StoreError) -> PlanSnapshot
    func observeCommits(_ onCommit: @escaping @Sendable () -> Void) -> RevisionObservation

    // MARK: Imports
    func importPlan(
        agencies: [Agency],
        venues: [Venue],
        series: [RegularSeries],
        adHoc: [AdHocBriefing],
        decisions: [HolidayDecision],
        roster: Roster,
        officeHours: [OfficeHours],
        localRules: [LegalRule],
        outcomes: OutcomeBatch?,
        expectedRevision: Int?,
        actor: String,
        at: Date
    ) throws(StoreError) -> ImportReport

    // MARK: Series and briefings
    @discardableResult func updateSeries(
        _ id: RegularSeries.ID,
        expectedRevision: Int?,
        actor: String,
        at: Date,
        action: String,
        _ change: (inout RegularSeries) throws(SchedulingError) -> Void
    ) throws(StoreError) -> Int
    func seriesRevision(_ id: RegularSeries.ID) throws(StoreError) -> Int
    func cancelOccurrence(
        series: RegularSeries.ID,
        original: LocalDateTime,
        reason: String,
        expectedRevision: Int?,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int
    func moveOccurrence(
        series: RegularSeries.ID,
        original: LocalDateTime,
        to newStart: LocalDateTime?,
        venue: Venue.ID?,
        reason: String,
        expectedRevision: Int?,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int
    func split(
        series id: RegularSeries.ID,
        at original: LocalDateTime,
        newID: RegularSeries.ID,
        expectedRevision: Int?,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int
    @discardableResult func saveAdHoc(_ b: AdHocBriefing, expectedRevision: Int?, actor: String, at: Date)
        throws(StoreError) -> Int
    func adHoc(_ id: AdHocBriefing.ID) throws(StoreError) -> AdHocBriefing
    @discardableResult func createSeries(_ s: RegularSeries, actor: String, at: Date) throws(StoreError) -> Int
    @discardableResult func returnDraft(_ id: String, kind: String, comment: String, actor: String, at: Date)
        throws(StoreError) -> Int
    func returnComment(_ id: String) throws(StoreError) -> (comment: String, actor: String)?

    // MARK: Province settings
    func officeHours() throws(StoreError) -> [OfficeHours]
    func localRules() throws(StoreError) -> [LegalRule]
    func swapAutoApproval() throws(StoreError) -> Set<Agency.ID>

    // MARK: The roster and assignments
    func roster() throws(StoreError) -> Roster
    @discardableResult func assign(_ a: Assignment, expectedRevision: Int?, actor: String, at: Date, action: String)
        throws(StoreError) -> Int
    func saveAssignments(_ assignments: [Assignment], actor: String, at: Date) throws(StoreError) -> Int
    func addUnavailability(_ id: Spokesperson.ID, _ u: [Unavailability], actor: String, at: Date) throws(StoreError)
        -> (revision: Int, added: Int)

    // MARK: Answers: acknowledge, decline, swap
    func acknowledge(_ occurrence: OccurrenceID, person: Spokesperson.ID, sequence: Int, actor: String, at: Date)
        throws(StoreError)
    func assignmentVersion(_ occurrence: OccurrenceID) throws(StoreError) -> Int?
    func acknowledgements() throws(StoreError) -> [OccurrenceID: [Spokesperson.ID: Int]]
    @discardableResult func decline(
        _ occurrence: OccurrenceID,
        person: Spokesperson.ID,
        reason: String,
        decisions: [HolidayDecision],
        actor: String,
        at: Date
    ) throws(StoreError) -> Spokesperson.ID?
    func offerSwap(_ occurrence: OccurrenceID, person: Spokesperson.ID, actor: String, at: Date) throws(StoreError)
        -> Int
    func swapOffers(status: [SwapOffer.Status]) throws(StoreError) -> [SwapOffer]
    func takeSwap(
        _ id: Int,
        taker: Spokesperson.ID,
        approve: Bool,
        decisions: [HolidayDecision],
        actor: String,
        at: Date
    ) throws(StoreError)
    func decideSwap(_ id: Int, approve: Bool, actor: String, at: Date) throws(StoreError)

    // MARK: The outbox
    @discardableResult func queueReminders(now: Date, lead: TimeInterval) throws(StoreError) -> Int
    func dueMessages(now: Date, limit: Int) throws(StoreError) -> [OutboxMessage]
    func outbox(limit: Int, failedOnly: Bool) throws(StoreError) -> [OutboxMessage]
    func markSent(_ id: Int, at: Date) throws(StoreError)
    func markAttemptFailed(_ id: Int, error: String, retryAt: Date?, at: Date) throws(StoreError)
    func postpone(_ id: Int, until: Date) throws(StoreError)

    // MARK: Changes for the Atom feeds
    func scheduleChanges(limit: Int) throws(StoreError) -> [ScheduleChange]

    // MARK: Outcomes, follow-ups, report texts
    func outcomes() throws(StoreError) -> [OccurrenceID: Outcome]
    func outcome(_ id: OccurrenceID) throws(StoreError) -> Outcome?
    func followUps(occurrence: OccurrenceID?) throws(StoreError) -> [FollowUp]
    func narrative(year: Int, agency: Agency.ID?) throws(StoreError) -> ReportNarrative?
    @discardableResult func recordOutcome(
        _ outcome: Outcome,
        decisions: [HolidayDecision],
        expectedRevision: Int?,
        now: Date,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int?
    func outcomeRevision(_ id: OccurrenceID) throws(StoreError) -> Int
    func addFollowUp(_ f: FollowUp, decisions: [HolidayDecision], now: Date, actor: String, at: Date) throws(StoreError)
        -> FollowUp
    func answerFollowUp(id: Int, on day: LocalDate?, actor: String, at: Date) throws(StoreError)
    func saveNarrative(_ n: ReportNarrative, year: Int, agency: Agency.ID?, actor: String, at: Date) throws(StoreError)
    func importOutcomes(
        _ outcomes: [Outcome],
        followUps: [FollowUp],
        narratives: [(year: Int, agency: Agency.ID?, text: ReportNarrative)],
        decisions: [HolidayDecision],
        now: Date,
        actor: String,
        at: Date
    ) throws(StoreError) -> OutcomeImportReport

    // MARK: Accredited press
    func savePressAgency(_ p: PressAgency, replace: Bool, actor: String, at: Date) throws(StoreError)
    func pressAgencies() throws(StoreError) -> [PressAgency]
    func pressAgency(_ id: String) throws(StoreError) -> PressAgency?

    // MARK: Users and sessions
    func user(named name: String) throws(StoreError) -> User?
    func users() throws(StoreError) -> [User]
    func passwordHash(of name: String) throws(StoreError) -> String?
    func createUser(_ u: User, passwordHash: String, actor: String, at: Date) throws(StoreError)
    func updateUser(_ u: User, actor: String, at: Date) throws(StoreError)
    func setPasswordHash(_ hash: String, for name: String, actor: String, at: Date) throws(StoreError)
    func setDisabled(_ disabled: Bool, for name: String, actor: String, at: Date) throws(StoreError)
    func setGrant(_ g: Grant, for name: String, granted: Bool, actor: String, at: Date) throws(StoreError)
    func session(keyHash: String, now: Date) throws(StoreError) -> (value: Data, expiresAt: Date?)?
    @discardableResult func setSession(
        keyHash: String,
        value: Data,
        expiresAt: Date?,
        keepExpiry: Bool,
        create: Bool,
        now: Date
    ) throws(StoreError) -> Bool
    func removeSession(keyHash: String) throws(StoreError)

    // MARK: Tokens
    func issueToken(kind: AccessToken.Kind, subject: String, at: Date) throws(StoreError) -> String
    func subject(ofToken token: String, kind: AccessToken.Kind) throws(StoreError) -> String?
    func revokeTokens(kind: AccessToken.Kind, subject: String, fingerprint: String?, at: Date) throws(StoreError) -> Int
}

extension PodiumStore: PodiumStorage {}

/// The shorter calls the server and the CLI make, each giving the one value its omitted
/// arguments stand for (the same as `PodiumStore`'s defaults).
extension PodiumStorage {
    public func history(limit: Int = 50) throws(StoreError) -> [Change] { try history(limit: limit, entityID: nil) }
    public func dueMessages(now: Date) throws(StoreError) -> [OutboxMessage] { try dueMessages(now: now, limit: 50) }
    public func outbox(limit: Int = 200) throws(StoreError) -> [OutboxMessage] {
        try outbox(limit: limit, failedOnly: false)
    }
    public func scheduleChanges() throws(StoreError) -> [ScheduleChange] { try scheduleChanges(limit: 200) }
    @discardableResult public func queueReminders(now: Date) throws(StoreError) -> Int {
        try queueReminders(now: now, lead: 24 * 3600)
    }
    public func followUps() throws(StoreError) -> [FollowUp] { try followUps(occurrence: nil) }
    public func swapOffers() throws(StoreError) -> [SwapOffer] { try swapOffers(status: [.open, .taken]) }
    @discardableResult public func recordOutcome(
        _ outcome: Outcome,
        expectedRevision: Int?,
        now: Date,
        actor: String,
        at: Date
    ) throws(StoreError) -> Int? {
        try recordOutcome(outcome, decisions: [], expectedRevision: expectedRevision, now: now, actor: actor, at: at)
    }
    public func addFollowUp(_ f: FollowUp, now: Date, actor: String, at: Date) throws(StoreError) -> FollowUp {
        try addFollowUp(f, decisions: [], now: now, actor: actor, at: at)
    }
    @discardableResult public func assign(_ a: Assignment, expectedRevision: Int?, actor: String, at: Date)
        throws(StoreError) -> Int
    {
        try assign(a, expectedRevision: expectedRevision, actor: actor, at: at, action: "assign")
    }
    @discardableResult public func decline(
        _ occurrence: OccurrenceID,
        person: Spokesperson.ID,
        reason: String,
        actor: String,
        at: Date
    ) throws(StoreError) -> Spokesperson.ID? {
        try decline(occurrence, person: person, reason: reason, decisions: [], actor: actor, at: at)
    }
    public func takeSwap(_ id: Int, taker: Spokesperson.ID, approve: Bool, actor: String, at: Date) throws(StoreError) {
        try takeSwap(id, taker: taker, approve: approve, decisions: [], actor: actor, at: at)
    }
    public func revokeTokens(kind: AccessToken.Kind, subject: String, at: Date) throws(StoreError) -> Int {
        try revokeTokens(kind: kind, subject: subject, fingerprint: nil, at: at)
    }
}
