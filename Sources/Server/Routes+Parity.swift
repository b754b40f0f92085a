import APIBodies
import Foundation
import Hummingbird
import ICalendar
import NIOCore
import Scheduling
import Store

struct PersonReply: Codable {
    var id, name, title, agency: String
    var entitlements: [String]
    var absences: [String]
}

struct ChangeReply: Codable {
    var revision: Int
    var at: Date
    var actor, action, entity, entityID: String
    var changes: [String]
}

extension PodiumService {
    /// What the workspace does, the API does too (issue: "everything the workspace can do"):
    /// create a series, read and add to the roster, read the history — under the same
    /// authorization function.
    func addParityRoutes(to router: Router<PodiumRequestContext>) {
        let api = router.group("api").add(middleware: RequireIdentityMiddleware())
        api.post("series") { request, context in
            let body = try await request.decode(as: SeriesCreateBody.self, context: context)
            let series = try Problem.taking { try body.series() }
            let revision = try await self.createSeries(series, context)
            var response = try Self.json(RevisionReply(revision: revision), etag: revision)
            response.status = .created
            return response
        }
        api.get("roster") { _, context in
            let s = try await self.current()
            let policy = try await self.policy()
            let people = s.roster.people.values.filter {
                self.allows(context, .view, .agency($0.agency), policy)
            }.sorted { $0.id < $1.id }.map { p in
                PersonReply(
                    id: p.id.rawValue,
                    name: p.name,
                    title: p.title,
                    agency: p.agency.rawValue,
                    entitlements: p.entitlements.map { "\($0.agency): \($0.label)" },
                    absences: p.unavailable.map { "\($0.kind.rawValue) \($0.start) – \($0.end)" }
                )
            }
            return try Self.json(people, etag: nil)
        }
        api.post("roster/{person}/absences") { request, context in
            let id = Spokesperson.ID(try context.parameters.decoded("person"))
            let s = try await self.current()
            guard let p = s.roster.people[id] else { throw Problem.notFound("no spokesperson \(id)") }
            // The person themselves, or the secretariat of their agency.
            let actor = try await self.authorize(context, .respond, .person(p.id, agency: p.agency))
            let body = try await request.decode(as: AbsenceBody.self, context: context)
            let absence = try Problem.taking { try body.unavailability() }
            let result = try self.mapStore {
                try self.store.addUnavailability(
                    id,
                    [absence],
                    actor: actor.name,
                    at: Date()
                )
            }
            self.state.invalidate()
            var response = try Self.json(RevisionReply(revision: result.revision), etag: nil)
            response.status = .created
            return response
        }
        api.get("history") { request, context in
            guard let user = context.identity else { throw Problem.unauthorized() }
            let s = try await self.current()
            let policy = try await self.policy()
            let scope = policy.scope(of: user.actor, .view, among: s.schedule.agencies.keys)
            let q = request.uri.queryParameters
            let id = q["id"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let limit = min(max(q["limit"].flatMap { Int(String($0)) } ?? 100, 1), 1000)
            // The items of the user's agencies, as the workspace's history shows them.
            var visible = Set(s.schedule.series.values.filter { scope.contains($0.organizer) }.map(\.id.rawValue))
            visible.formUnion(s.schedule.adHoc.values.filter { scope.contains($0.organizer) }.map(\.id.rawValue))
            visible.formUnion(s.roster.people.values.filter { scope.contains($0.agency) }.map(\.id.rawValue))
            let everything = user.grants.contains { $0.scope == AccessPolicy.everywhere }
            let entries = try self.mapStore { try self.store.history(limit: limit, entityID: id) }.filter { c in
                everything || visible.contains(c.entityID) || visible.contains(String(c.entityID.prefix { $0 != "@" }))
            }
            return try Self.json(
                entries.map {
                    ChangeReply(
                        revision: $0.revision,
                        at: $0.at,
                        actor: $0.actor,
                        action: $0.action,
                        entity: $0.entity,
                        entityID: $0.entityID,
                        changes: ChangeDiff.lines(before: $0.before, after: $0.after)
                    )
                },
                etag: nil
            )
        }
    }
}

extension PodiumService {
    /// Creates a regular series from the API or the workspace's editor: the id a slug, the
    /// organiser and venue known, the author allowed to edit the organiser's plan; where the
    /// agency requires approval and the author may not approve, it waits as a draft
    /// (nothing reaches a public feed before an approver publishes it).
    func createSeries(_ draft: RegularSeries, _ context: PodiumRequestContext) async throws -> Int {
        if let problem = Slug.problem(with: draft.id.rawValue) {
            throw Problem(.unprocessableContent, "Invalid change", "id \"\(draft.id)\": \(problem)")
        }
        let s = try await current()
        guard s.schedule.agencies[draft.organizer] != nil else {
            throw Problem(.unprocessableContent, "Invalid change", "organizer: unknown agency \"\(draft.organizer)\"")
        }
        let actor = try await authorize(context, .edit, .agency(draft.organizer))
        if let v = draft.venue, s.schedule.venues[v] == nil {
            throw Problem(.unprocessableContent, "Invalid change", "venue: unknown venue \"\(v)\"")
        }
        var series = draft
        series.status = s.schedule.initialStatus(
            for: draft.organizer,
            authorMayApprove: allows(context, .approve, .agency(draft.organizer), try await policy())
        )
        let revision = try mapStore { try store.createSeries(series, actor: actor.name, at: Date()) }
        state.invalidate()
        return revision
    }
}

extension PodiumService {
    /// An approver's decision on a draft, from the approvals queue or `POST /api/approvals`:
    /// publish it (against the revision read), or return it to its editors with a comment
    /// (it stays a draft). Only someone who may approve for the organiser decides.
    /// - Returns: the revision of the change.
    func decideDraft(
        kind: String,
        id: String,
        returnWith comment: String?,
        expectedRevision: Int?,
        _ context: PodiumRequestContext
    ) async throws -> Int {
        let s = try await current()
        let organizer: Agency.ID?
        switch kind {
        case "series":
            organizer = s.schedule.series[RegularSeries.ID(id)].flatMap { $0.status == .draft ? $0.organizer : nil }
        case "adhoc":
            organizer = s.schedule.adHoc[AdHocBriefing.ID(id)].flatMap { $0.status == .draft ? $0.organizer : nil }
        default: throw Problem.notFound("no such kind \(kind): series or adhoc")
        }
        guard let organizer else { throw Problem.notFound("no draft \(kind) \(id)") }
        let actor = try await authorize(context, .approve, .agency(organizer)).name
        if let comment {
            return try mapStore { try store.returnDraft(id, kind: kind, comment: comment, actor: actor, at: Date()) }
        }
        let revision = try mapStore {
            if kind == "series" {
                return try store.updateSeries(
                    RegularSeries.ID(id),
                    expectedRevision: expectedRevision,
                    actor: actor,
                    at: Date(),
                    action: "approve"
                ) { $0.status = .scheduled }
            }
            guard var b = s.schedule.adHoc[AdHocBriefing.ID(id)] else {
                throw StoreError.notFound(entity: "adhoc", id: id)
            }
            b.status = .scheduled
            return try store.saveAdHoc(b, expectedRevision: expectedRevision, actor: actor, at: Date())
        }
        state.invalidate()
        return revision
    }
}

extension PodiumService {
    func addApprovalRoutes(to router: Router<PodiumRequestContext>) {
        let api = router.group("api").add(middleware: RequireIdentityMiddleware())
        api.post("approvals/{kind}/{id}") { request, context in
            let body = try await request.decode(as: DecisionBody.self, context: context)
            guard ["approve", "return"].contains(body.decision) else {
                throw Problem(.unprocessableContent, "Invalid change", "decision: approve or return")
            }
            guard let expected = try Self.ifMatch(request) else { throw Problem.ifMatchRequired() }
            let revision = try await self.decideDraft(
                kind: try context.parameters.decoded("kind"),
                id: try context.parameters.decoded("id"),
                returnWith: body.decision == "return" ? (body.comment ?? "") : nil,
                expectedRevision: expected,
                context
            )
            return try Self.json(RevisionReply(revision: revision), etag: revision)
        }
    }
}
