import APIBodies
public import Foundation
import Hummingbird
public import PlanFile
public import Scheduling
public import Store

extension PodiumStorage {
    /// Everything stored that a plan file holds — the schedule, roster and assignments, days
    /// off, office hours and local rules — as the secretariat downloads it. Outcomes have
    /// their own file.
    public func plan() throws(StoreError) -> Plan {
        var plan = Plan(
            schedule: try schedule(),
            holidayDecisions: try holidayDecisions(),
            officeHours: try officeHours(),
            roster: try roster()
        )
        plan.localRules = try localRules()
        return plan
    }

    /// The plan as someone downloads it, with the revision it was read at (`based-on`).
    /// The revision is read first: a change landing between the two reads makes the file
    /// look older than it is (an upload refused), never newer (a change undone). Someone who
    /// reads only some agencies (`scope`) gets their part: its agencies, briefings, people
    /// and assignments, the venues and people those name — not the province's days off,
    /// office hours or local rules (theirs to read, not to upload).
    public func download(scope: Set<Agency.ID>?) throws(StoreError) -> Plan {
        let revision = try latestRevision()
        var plan = try plan()
        if let scope, scope.count < plan.schedule.agencies.count { plan = plan.scoped(to: scope) }
        plan.basedOn = revision
        return plan
    }

    /// Stores everything a plan holds in one transaction (see `importPlan(agencies:…)`):
    /// ids in order, so revision numbers are the same on every run. The one way a read plan
    /// reaches the store, from `podium import` and from an upload alike.
    public func importPlan(
        _ plan: Plan,
        decisions extra: [HolidayDecision] = [],
        outcomes: OutcomeBatch? = nil,
        expectedRevision: Int? = nil,
        actor: String,
        at: Date
    ) throws(StoreError) -> ImportReport {
        try importPlan(
            agencies: plan.schedule.agencies.values.sorted { $0.id < $1.id },
            venues: plan.schedule.venues.values.sorted { $0.id < $1.id },
            series: plan.schedule.series.values.sorted { $0.id < $1.id },
            adHoc: plan.schedule.adHoc.values.sorted { $0.id < $1.id },
            decisions: plan.holidayDecisions + extra,
            roster: plan.roster,
            officeHours: plan.officeHours,
            localRules: plan.localRules,
            outcomes: outcomes,
            expectedRevision: expectedRevision,
            actor: actor,
            at: at
        )
    }
}

extension Plan {
    /// Holds an incoming plan to what `actor` may change (`PlanChangeRules`): new items of
    /// agencies that need approval become drafts (returned, to be said), and what the actor
    /// may not do is refused with every reason. Every door that stores a whole plan — the
    /// upload, the API, `podium import` — passes here; the operator before any user exists
    /// (no actor) is not held.
    public mutating func holdTo(_ actor: Actor?, stored: Plan) -> (drafted: [String], refusals: [String]) {
        guard let actor else { return ([], []) }
        let policy = AccessPolicy(agencies: Array(stored.schedule.agencies.values) + Array(schedule.agencies.values))
        let outcome = PlanChangeRules.check(
            schedule,
            against: stored.schedule,
            mayApprove: { policy.decide(actor, .approve, .agency($0)).isAllowed },
            mayAdminister: { policy.decide(actor, .manageAccess, .agency($0)).isAllowed }
        )
        schedule = outcome.schedule
        var refusals = outcome.refusals
        // People and who speaks: changed only by those who edit the person's agency, or the
        // briefing organiser's (a file is not a way into another agency's roster).
        for p in roster.people.values.sorted(by: { $0.id < $1.id }) where stored.roster.people[p.id] != p {
            let agencies = [p.agency] + (stored.roster.people[p.id].map { [$0.agency] } ?? [])
            if !agencies.allSatisfy({ policy.decide(actor, .edit, .agency($0)).isAllowed }) {
                refusals.append("spokesperson \(p.id): only the secretariat of \(p.agency) may change them")
            }
        }
        for a in roster.assignments.values.sorted(by: { $0.occurrence < $1.occurrence }) {
            guard let old = stored.roster.assignments[a.occurrence] else {
                if let o = schedule.organizer(of: a.occurrence), !policy.decide(actor, .edit, .agency(o)).isAllowed {
                    refusals.append("assignment \(a.occurrence): only the secretariat of \(o) may assign it")
                }
                continue
            }
            var same = a
            same.revision = old.revision
            if same != old, let o = schedule.organizer(of: a.occurrence) ?? stored.schedule.organizer(of: a.occurrence),
                !policy.decide(actor, .edit, .agency(o)).isAllowed
            {
                refusals.append("assignment \(a.occurrence): only the secretariat of \(o) may change it")
            }
        }
        // Days off, office hours and local rules are the province's: changed only by someone
        // who edits every top agency (as `podium import` of a holiday file requires).
        let roots = Set(
            (Array(stored.schedule.agencies.values) + Array(schedule.agencies.values)).filter {
                $0.parent == nil && ($0.level == .province || $0.level == .central)
            }
            .map(\.id)
        )
        let provinceWide =
            roots.isEmpty
            ? policy.decide(actor, .edit, .agency(AccessPolicy.everywhere)).isAllowed
            : roots.allSatisfy { policy.decide(actor, .edit, .agency($0)).isAllowed }
        if !provinceWide {
            let storedDecisions = Set(stored.holidayDecisions)
            for d in holidayDecisions where !storedDecisions.contains(d) {
                refusals.append("holidays \(d.year): only the province's secretariat may change the days off")
            }
            if !officeHours.isEmpty && officeHours != stored.officeHours {
                refusals.append("office-hours: only the province's secretariat may change them")
            }
            if !localRules.isEmpty && localRules != stored.localRules {
                refusals.append("local-rules: only the province's secretariat may change them")
            }
        }
        return (outcome.drafted, refusals)
    }
}

extension Plan {
    /// Why this downloaded plan may not be stored any more (nil: it may): it was read at an
    /// older revision than `latest`, so storing it would undo someone's change.
    public func staleness(latest: Int, file: String) -> String? {
        guard let basedOn, basedOn != latest else { return nil }
        return
            "\(file) was read at revision \(basedOn) and the plan has changed since (now \(latest)): download it again and make your changes there, so no one else's change is undone"
    }

    /// The part of the plan that belongs to `agencies` (see `PodiumService.downloadPlan`).
    func scoped(to agencies: Set<Agency.ID>) -> Plan {
        let series = schedule.series.values.filter { agencies.contains($0.organizer) }
        let adHoc = schedule.adHoc.values.filter { agencies.contains($0.organizer) }
        var venues: Set<Venue.ID> = []
        for s in series {
            venues.formUnion([s.venue].compactMap { $0 } + s.exceptions.values.compactMap(\.newVenue))
        }
        for b in adHoc { if let v = b.venue { venues.insert(v) } }
        let assignments = roster.assignments.values.filter { a in
            schedule.organizer(of: a.occurrence).map(agencies.contains) ?? false
        }
        let named = Set(assignments.flatMap(\.people))
        var out = Plan(
            title: title,
            schedule: Schedule(
                agencies: schedule.agencies.values.filter { agencies.contains($0.id) },
                venues: schedule.venues.values.filter { venues.contains($0.id) },
                series: Array(series),
                adHoc: Array(adHoc)
            ),
            roster: Roster(
                people: roster.people.values.filter { agencies.contains($0.agency) || named.contains($0.id) },
                assignments: Array(assignments)
            )
        )
        out.outcomesFile = outcomesFile
        return out
    }
}

/// `GET /api/plan`: the plan's YAML with the data revision it was read at; `POST /api/plan`
/// takes `PlanBody` back with that revision as If-Match.
struct PlanReply: Codable {
    var revision: Int
    var yaml: String
}

/// What an upload did: the plan's items created, changed and left as they were.
struct PlanUploadReply: Codable {
    var created: [String]
    var updated: [String]
    var unchanged: Int
    var revision: Int
    /// Said when the plan names an outcomes file (an upload carries one file only).
    var note: String?
    /// New items stored as drafts (their agency's items wait for approval).
    var drafted: [String]
}

extension PodiumService {
    /// The stored plan as YAML, for someone who may view every agency (it holds drafts and
    /// internal items of all of them). Refused with the reason otherwise.
    func downloadPlan(_ context: PodiumRequestContext) async throws -> (text: String, revision: Int) {
        let s = try await current()
        guard let user = context.identity else { throw Problem.unauthorized() }
        let policy = try await policy()
        let scope = policy.scope(of: user.actor, .view, among: s.schedule.agencies.keys)
        guard !scope.isEmpty else {
            throw Problem(.forbidden, "Forbidden", "\(user.name) may not view any agency's plan")
        }
        let plan = try mapStore { try store.download(scope: scope) }
        return (PlanWriter.write(plan), plan.basedOn ?? 0)
    }

    /// Reads an uploaded plan and stores it all or nothing, as `podium import` does: a
    /// problem is a 422 naming the file, line and field, and nothing is stored; every agency
    /// the plan touches must be the user's to edit; a stale `expected` revision is a 412.
    func uploadPlan(_ text: String, name: String, expected: Int?, _ context: PodiumRequestContext) async throws
        -> PlanUploadReply
    {
        guard let user = context.identity else { throw Problem.unauthorized() }
        var plan: Plan
        do { plan = try PlanReader.read(text, file: name) } catch {
            throw Problem(.unprocessableContent, "Invalid plan", error.description)
        }
        let problems = OccurrenceEngine(calendar: WorkingCalendar(years: 2000...2000, pending: [])).problems(
            in: plan.schedule
        )
        if !problems.isEmpty {
            throw Problem(
                .unprocessableContent,
                "Invalid plan",
                "\(name): " + problems.map(\.description).joined(separator: "; ")
            )
        }
        if let problem = plan.localRules.laxer(than: configuration.rules) {
            throw Problem(.unprocessableContent, "Invalid plan", "\(name): \(problem)")
        }
        let s = try await current()
        // New agencies are judged by their place under the stored ones.
        let policy = AccessPolicy(agencies: Array(s.schedule.agencies.values) + Array(plan.schedule.agencies.values))
        for id in plan.schedule.agencies.keys.sorted() {
            if case .refused(let why) = policy.decide(user.actor, .edit, .agency(id)) {
                throw Problem(.forbidden, "Forbidden", why)
            }
        }
        let (drafted, refusals) = plan.holdTo(user.actor, stored: try mapStore { try store.plan() })
        if !refusals.isEmpty { throw Problem(.forbidden, "Forbidden", "\(name): " + refusals.joined(separator: "; ")) }
        // Both the page (or If-Match) and a downloaded file say which revision they were read
        // at: either one older than the plan means someone's change would be undone.
        let latest = try mapStore { try store.latestRevision() }
        if let expected, expected != latest {
            throw Problem.stale("the plan has changed since revision \(expected) (now \(latest)): reload and retry")
        }
        if let why = plan.staleness(latest: latest, file: name) { throw Problem.stale(why) }
        let report = try mapStore {
            try store.importPlan(plan, expectedRevision: latest, actor: user.name, at: Date())
        }
        state.invalidate()
        return PlanUploadReply(
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged.count,
            revision: report.revision ?? s.revision,
            note: plan.outcomesFile.map {
                "the plan names \($0); outcomes are not uploaded with the plan (podium import, or the occurrence pages)"
            },
            drafted: drafted
        )
    }

    func addPlanRoutes(to router: Router<PodiumRequestContext>) {
        let api = router.group("api").add(middleware: RequireIdentityMiddleware())
        api.get("plan") { _, context in
            let (text, revision) = try await self.downloadPlan(context)
            return try Self.json(PlanReply(revision: revision, yaml: text), etag: revision)
        }
        api.post("plan") { request, context in
            let body = try await request.decode(as: PlanBody.self, context: context)
            guard let expected = try Self.ifMatch(request) else { throw Problem.ifMatchRequired() }
            let reply = try await self.uploadPlan(body.yaml, name: "plan.yaml", expected: expected, context)
            return try Self.json(reply, etag: reply.revision)
        }
    }
}
