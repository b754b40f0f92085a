public import APIBodies
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import NIOCore
public import Scheduling
import Store

/// A follow-up as the API shows it (dates as YYYY-MM-DD, like the bodies it takes).
public struct FollowUpReply: Codable, Sendable {
    public var id: Int
    public var occurrence: String
    public var outlet: String
    public var question: String
    public var promised: String
    public var answered: String?

    public init(_ f: FollowUp) {
        id = f.id
        occurrence = f.occurrence.rawValue
        outlet = f.outlet
        question = f.question
        promised = f.promised.description
        answered = f.answered?.description
    }
}

/// An outcome in the shape PUT takes, so a client can read, change and send it back.
public struct OutcomeReply: Codable, Sendable {
    public var occurrence: String
    public var outcome: OutcomeBody
    public var followUps: [FollowUpReply]

    public init(occurrence: String, outcome: OutcomeBody, followUps: [FollowUpReply]) {
        self.occurrence = occurrence
        self.outcome = outcome
        self.followUps = followUps
    }
}

extension PodiumService {
    /// The occurrence an id names (404 when none), for outcome routes.
    func target(_ given: OccurrenceID, _ s: State) throws -> Occurrence {
        do {
            return try engine(s, around: now()).resolve(given, in: s.schedule).occurrence
        } catch {
            throw Problem.notFound("\(given): \(error)")
        }
    }

    /// Records an outcome for any door (API, workspace): the one rule check runs in the
    /// store, against the revision the caller read (`expected`; 0 when none was recorded).
    func recordOutcome(_ body: OutcomeBody, for o: Occurrence, expected: Int, context: PodiumRequestContext)
        async throws -> Int?
    {
        let actor = try await authorize(context, .edit, .agency(o.organizer)).name
        let outcome = try Problem.taking { try body.outcome(o.id) }
        let revision = try mapStore {
            try store.recordOutcome(outcome, expectedRevision: expected, now: now(), actor: actor, at: Date())
        }
        state.invalidate()
        return revision
    }

    func addOutcomeRoutes(to router: Router<PodiumRequestContext>) {
        let api = router.group("api").add(middleware: RequireIdentityMiddleware())
        api.get("outcomes/{occurrence}") { _, context in
            let s = try await self.current()
            let o = try self.target(OccurrenceID(rawValue: try context.parameters.decoded("occurrence")), s)
            try await self.authorize(context, .view, .agency(o.organizer))
            guard let outcome = try self.mapStore({ try self.store.outcome(o.id) }) else {
                throw Problem.notFound("\(o.id): no outcome recorded yet (PUT with If-Match \"0\" records one)")
            }
            let followUps = try self.mapStore { try self.store.followUps(occurrence: o.id) }
            let reply = OutcomeReply(
                occurrence: o.id.rawValue,
                outcome: OutcomeBody(outcome),
                followUps: followUps.map(FollowUpReply.init)
            )
            return try Self.json(reply, etag: try self.mapStore { try self.store.outcomeRevision(o.id) })
        }
        api.put("outcomes/{occurrence}") { request, context in
            let s = try await self.current()
            let o = try self.target(OccurrenceID(rawValue: try context.parameters.decoded("occurrence")), s)
            try await self.authorize(context, .edit, .agency(o.organizer))
            let body = try await request.decode(as: OutcomeBody.self, context: context)
            guard let expected = try Self.ifMatch(request) else { throw Problem.ifMatchRequired() }
            _ = try await self.recordOutcome(body, for: o, expected: expected, context: context)
            let revision = try self.mapStore { try self.store.outcomeRevision(o.id) }
            return try Self.json(RevisionReply(revision: revision), etag: revision)
        }
        api.get("followups") { _, context in
            let s = try await self.current()
            let policy = try await self.policy()
            let engine = self.engine(s, around: self.now())
            let list = try self.mapStore { try self.store.followUps() }.filter { f in
                guard let o = try? engine.resolve(f.occurrence, in: s.schedule).occurrence else { return false }
                return self.allows(context, .view, .agency(o.organizer), policy)
            }
            return try Self.json(list.map(FollowUpReply.init), etag: nil)
        }
        api.post("followups") { request, context in
            let body = try await request.decode(as: FollowUpBody.self, context: context)
            let s = try await self.current()
            let o = try self.target(OccurrenceID(rawValue: body.occurrence), s)
            let actor = try await self.authorize(context, .edit, .agency(o.organizer)).name
            let promised = try Problem.taking { try BodyFields.day(body.promised, field: "promised") }
            let f = try self.mapStore {
                try self.store.addFollowUp(
                    FollowUp(occurrence: o.id, outlet: body.outlet, question: body.question, promised: promised),
                    now: self.now(),
                    actor: actor,
                    at: Date()
                )
            }
            self.state.invalidate()
            var response = try Self.json(FollowUpReply(f), etag: nil)
            response.status = .created
            return response
        }
        api.post("followups/{id}/answer") { request, context in
            let body = try await request.decode(as: AnswerBody.self, context: context)
            guard let id = Int(try context.parameters.decoded("id")) else {
                throw Problem.notFound("no such follow-up")
            }
            let s = try await self.current()
            guard let f = try self.mapStore({ try self.store.followUps() }).first(where: { $0.id == id }) else {
                throw Problem.notFound("no follow-up #\(id)")
            }
            let o = try self.target(f.occurrence, s)
            let actor = try await self.authorize(context, .edit, .agency(o.organizer)).name
            var day: LocalDate? = nil
            if body.reopen != true {
                let d = try Problem.taking {
                    try BodyFields.day(body.on, field: "on", meaning: "the day it was answered, YYYY-MM-DD")
                }
                day = d
            }
            try self.mapStore { try self.store.answerFollowUp(id: id, on: day, actor: actor, at: Date()) }
            self.state.invalidate()
            return try Self.json(
                RevisionReply(revision: try self.mapStore { try self.store.latestRevision() }),
                etag: nil
            )
        }
        api.get("report") { request, context in
            let (year, agency) = try await self.reportScope(request, context)
            let report = try await self.report(year: year, agency: agency)
            return Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: Array(try ReportDocument.json(report))))
            )
        }
    }

    /// `?year=&agency=` of a report request, refused unless the user may view every agency
    /// it covers.
    func reportScope(_ request: Request, _ context: PodiumRequestContext) async throws -> (Int, Agency.ID?) {
        let q = request.uri.queryParameters
        let today = LocalDateTime(utc: now()).date
        guard let year = q["year"].map({ Int(String($0)) }) ?? today.year, (1990...2200).contains(year) else {
            throw Problem.badRequest("year: a calendar year, e.g. 2024")
        }
        let agency = q["agency"].map(String.init).flatMap { $0.isEmpty ? nil : Agency.ID($0) }
        let s = try await current()
        if let agency, s.schedule.agencies[agency] == nil { throw Problem.notFound("unknown agency \(agency)") }
        for id in YearReport.scope(agency, in: s.schedule).sorted() { try await authorize(context, .view, .agency(id)) }
        return (year, agency)
    }

    /// The report, computed off the request threads (it expands a whole year).
    func report(year: Int, agency: Agency.ID?) async throws -> YearReport {
        let store = self.store
        let rules = configuration.rules
        let now = now()
        return try await HeavyWork.run {
            try ReportDocument.build(store: store, year: year, agency: agency, rules: rules, now: now)
        }
    }
}
