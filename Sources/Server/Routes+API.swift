import APIBodies
import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import NIOCore
import Scheduling
import Store

struct RevisionReply: Codable { var revision: Int }

extension PodiumService {
    /// The secretariat's API: bearer tokens, ETag / If-Match (412 on a stale revision),
    /// RFC 9457 problem details. Every route is listed in `/openapi.json`.
    func addAPIRoutes(to router: Router<PodiumRequestContext>) {
        let api = router.group("api").add(middleware: RequireIdentityMiddleware())
        api.get("occurrences") { request, context in
            let (from, to) = try Self.window(request, now: self.now())
            let s = try await self.current()
            let policy = try await self.policy()
            let list = try self.engine(s, around: from).occurrences(in: s.schedule, from: from, to: to)
                .filter { self.allows(context, .view, .agency($0.organizer), policy) }
                .map(OccurrenceReply.init)
            return try Self.json(list)
        }
        api.get("series/{id}") { request, context in
            let id = RegularSeries.ID(try context.parameters.decoded("id"))
            let revision = try self.mapStore { try self.store.seriesRevision(id) }
            guard let s = try await self.current().schedule.series[id] else {
                throw Problem.notFound("no series \(id)")
            }
            try await self.authorize(context, .view, .agency(s.organizer))
            return try Self.json(SeriesReply(s, revision: revision), etag: revision)
        }
        seriesChange(api, "cancel", CancelBody.self) { id, body, expected, actor in
            try self.store.cancelOccurrence(
                series: id,
                original: try Self.local(body.original),
                reason: body.reason,
                expectedRevision: expected,
                actor: actor,
                at: Date()
            )
        }
        seriesChange(api, "move", MoveBody.self) { id, body, expected, actor in
            let target = try body.to.map { try Self.local($0) }
            guard target != nil || body.venue != nil else { throw Problem.badRequest("give to and/or venue") }
            return try self.store.moveOccurrence(
                series: id,
                original: try Self.local(body.original),
                to: target,
                venue: body.venue.map { Venue.ID($0) },
                reason: body.reason,
                expectedRevision: expected,
                actor: actor,
                at: Date()
            )
        }
        seriesChange(api, "split", SplitBody.self) { id, body, expected, actor in
            try self.store.split(
                series: id,
                at: try Self.local(body.original),
                newID: RegularSeries.ID(body.newId),
                expectedRevision: expected,
                actor: actor,
                at: Date()
            )
        }
        api.post("adhoc") { request, context in
            let body = try await request.decode(as: AdHocBody.self, context: context)
            var b = try Problem.taking { try body.briefing() }
            guard try await self.current().schedule.agencies[b.organizer] != nil else {
                throw Problem.badRequest("unknown organizer \(b.organizer)")
            }
            let actor = try await self.authorize(context, .edit, .agency(b.organizer)).name
            // Where the agency requires approval, an editor's briefing waits for an approver.
            b.status = try await self.current().schedule.initialStatus(
                for: b.organizer,
                authorMayApprove: self.allows(context, .approve, .agency(b.organizer), try await self.policy())
            )
            let rev = try self.mapStore { try self.store.saveAdHoc(b, expectedRevision: nil, actor: actor, at: Date()) }
            self.state.invalidate()
            var response = try Self.json(RevisionReply(revision: rev), etag: rev)
            response.status = .created
            response.headers[.location] = "/api/adhoc/\(b.id.rawValue)"
            return response
        }
        api.get("adhoc/{id}") { request, context in
            let id = AdHocBriefing.ID(try context.parameters.decoded("id"))
            guard let b = try await self.current().schedule.adHoc[id] else {
                throw Problem.notFound("no ad-hoc briefing \(id)")
            }
            try await self.authorize(context, .view, .agency(b.organizer))
            return try Self.json(AdHocReply(b), etag: b.revision)
        }
        api.put("adhoc/{id}") { request, context in
            let body = try await request.decode(as: AdHocBody.self, context: context)
            guard body.id == (try context.parameters.decoded("id")) else {
                throw Problem.badRequest("the id in the path and the body differ")
            }
            // PUT changes an existing briefing; POST /api/adhoc creates one.
            guard let old = try await self.current().schedule.adHoc[AdHocBriefing.ID(body.id)] else {
                throw Problem.notFound("no ad-hoc briefing \(body.id); create it with POST /api/adhoc")
            }
            try await self.authorize(context, .edit, .agency(old.organizer))
            let actor = try await self.authorize(context, .edit, .agency(Agency.ID(body.organizer))).name
            guard let expected = try Self.ifMatch(request) else { throw Problem.ifMatchRequired() }
            let rev = try self.mapStore {
                try self.store.saveAdHoc(
                    try Problem.taking { try body.briefing() },
                    expectedRevision: expected,
                    actor: actor,
                    at: Date()
                )
            }
            self.state.invalidate()
            return try Self.json(RevisionReply(revision: rev), etag: rev)
        }
        api.post("adhoc/{id}/cancel") { request, context in
            let id = AdHocBriefing.ID(try context.parameters.decoded("id"))
            guard let old = try await self.current().schedule.adHoc[id] else {
                throw Problem.notFound("no ad-hoc briefing \(id)")
            }
            // Cancelling what is published is the approver's; a draft is still the editor's.
            let actor = try await self.authorize(
                context,
                old.status == .draft ? .edit : .approve,
                .agency(old.organizer)
            ).name
            let body = try await request.decode(as: ReasonBody.self, context: context)
            guard let expected = try Self.ifMatch(request) else { throw Problem.ifMatchRequired() }
            let rev = try self.mapStore {
                var b = try self.store.adHoc(id)
                b.status = .cancelled
                b.cancellationReason = body.reason
                return try self.store.saveAdHoc(b, expectedRevision: expected, actor: actor, at: Date())
            }
            self.state.invalidate()
            return try Self.json(RevisionReply(revision: rev), etag: rev)
        }
        api.get("assignments/{occurrence}") { request, context in
            let given = OccurrenceID(rawValue: try context.parameters.decoded("occurrence"))
            let s = try await self.current()
            let target: Occurrence
            do {
                target = try self.engine(s, around: self.now()).resolve(given, in: s.schedule).occurrence
            } catch {
                throw Problem.notFound("\(given): \(error)")
            }
            try await self.authorize(context, .view, .agency(target.organizer))
            let a = s.roster.assignments[target.id]
            // Revision 0: nobody assigned yet; PUT with If-Match "0" creates the assignment.
            return try Self.json(AssignmentReply(target.id, a), etag: a?.revision ?? 0)
        }
        api.put("assignments/{occurrence}") { request, context in
            let given = OccurrenceID(rawValue: try context.parameters.decoded("occurrence"))
            let s = try await self.current()
            let target: Occurrence
            do {
                target = try self.engine(s, around: self.now()).resolve(given, in: s.schedule).occurrence
            } catch {
                throw Problem.notFound("\(given): \(error)")
            }
            let actor = try await self.authorize(context, .edit, .agency(target.organizer)).name
            let body = try await request.decode(as: AssignBody.self, context: context)
            guard let expected = try Self.ifMatch(request) else { throw Problem.ifMatchRequired() }
            let a = try Problem.taking { try body.assignment(target.id, current: s.roster.assignments[target.id]) }
            let blocking = AssignmentCheck().problems(a, for: target, roster: s.roster).filter(\.isBlocking)
            guard blocking.isEmpty else {
                throw Problem(
                    .unprocessableContent,
                    "Invalid change",
                    blocking.map(\.description).joined(separator: "; ")
                )
            }
            let rev = try self.mapStore {
                try self.store.assign(a, expectedRevision: expected, actor: actor, at: Date())
            }
            self.state.invalidate()
            return try Self.json(RevisionReply(revision: rev), etag: rev)
        }
        api.post("auto-assign") { request, context in
            let body = try await request.decode(as: WindowBody.self, context: context)
            let (from, to) = try Self.window(from: body.from, to: body.to)
            let s = try await self.current()
            let policy = try await self.policy()
            guard let user = context.identity else { throw Problem.unauthorized() }
            guard !policy.scope(of: user.actor, .edit, among: s.schedule.agencies.keys).isEmpty else {
                throw Problem(.forbidden, "Forbidden", "\(user.name) may not edit any agency's briefings")
            }
            // Everyone's briefings count for double bookings; only those the caller may edit
            // are saved.
            let occurrences = try self.engine(s, around: from).occurrences(in: s.schedule, from: from, to: to)
            let editable = Set(
                occurrences.filter { self.allows(context, .edit, .agency($0.organizer), policy) }.map(\.id)
            )
            let outcome = try await HeavyWork.run { AutoAssigner().assign(occurrences, roster: s.roster) }
            let saved = try self.mapStore {
                try self.store.saveAssignments(
                    outcome.assignments.values.filter { editable.contains($0.occurrence) },
                    actor: user.name,
                    at: Date()
                )
            }
            self.state.invalidate()
            return try Self.json(AutoAssignReply(outcome, saved: saved))
        }
        api.get("check") { request, context in
            let window = try Self.planWindow(request, now: self.now())
            let s = try await self.current()
            let engine = self.engine(s, around: window.start)
            guard let user = context.identity else { throw Problem.unauthorized() }
            let policy = try await self.policy()
            let scope = policy.scope(of: user.actor, .view, among: s.schedule.agencies.keys)
            // The whole plan is checked; the caller sees the findings of their agencies.
            let rules = self.rules(s)
            let findings = try await HeavyWork.run {
                let occurrences = try engine.occurrences(in: s.schedule, from: window.start, to: window.end)
                let organizers = Dictionary(occurrences.map { ($0.id, $0.organizer) }, uniquingKeysWith: { a, _ in a })
                return PlanChecker(calendar: engine.calendar, officeHours: s.officeHours, rules: rules)
                    .check(occurrences, schedule: s.schedule, roster: s.roster, window: window)
                    .filter { $0.concerns(scope, organizers: organizers) }
            }
            return try Self.json(findings.map(FindingReply.init))
        }
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPI.document))
            )
        }
        // "ok", or 503 "degraded" naming each feed whose last build failed (and why).
        router.get("healthz") { _, _ in
            _ = try self.store.latestRevision()
            let failed = self.state.failedFeeds
            guard failed.isEmpty else {
                let lines = failed.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                return Response(
                    status: .serviceUnavailable,
                    headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "degraded\n" + lines.joined(separator: "\n") + "\n"))
                )
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "ok"))
            )
        }
    }

    /// `POST /api/series/{id}/<action>`: authorize, decode the body, read If-Match, apply
    /// the change in the store, and answer the new revision as the ETag.
    func seriesChange<Body: Decodable & Sendable>(
        _ api: RouterGroup<PodiumRequestContext>,
        _ action: String,
        _: Body.Type,
        _ apply: @escaping @Sendable (RegularSeries.ID, Body, Int, String) throws -> Int
    ) {
        api.post("series/{id}/\(action)") { request, context in
            let id = RegularSeries.ID(try context.parameters.decoded("id"))
            guard let series = try await self.current().schedule.series[id] else {
                throw Problem.notFound("no series \(id)")
            }
            let actor = try await self.authorize(context, .edit, .agency(series.organizer)).name
            let body = try await request.decode(as: Body.self, context: context)
            guard let expected = try Self.ifMatch(request) else { throw Problem.ifMatchRequired() }
            let revision = try self.mapStore { try apply(id, body, expected, actor) }
            self.state.invalidate()
            return try Self.json(RevisionReply(revision: revision), etag: revision)
        }
    }

    /// Maps store errors to problem details: conflict → 412, unknown → 404, invalid → 422.
    func mapStore<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as StoreError {
            throw problem(e)
        }
    }

    /// The problem document of a store error.
    func problem(_ e: StoreError) -> Problem {
        switch e {
        case .conflict: return Problem.stale(e.description)
        case .notFound: return Problem.notFound(e.description)
        case .invalid, .rejected: return Problem(.unprocessableContent, "Invalid change", e.description)
        case .locked: return Problem(.serviceUnavailable, "Busy", e.description)
        default: return Problem(.internalServerError, "Store error", e.description)
        }
    }

    static func ifMatch(_ request: Request) throws -> Int? {
        guard let header = request.headers[.ifMatch] else { return nil }
        let tag = header.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let revision = Int(tag) else {
            throw Problem.badRequest("If-Match must be an ETag from this API, e.g. \"42\"")
        }
        return revision
    }

    /// A local date and time from a body (400 naming it when it is not one).
    static func local(_ text: String) throws -> LocalDateTime {
        try Problem.taking { try BodyFields.local(text) }
    }

    static func window(_ request: Request, now: Date) throws -> (Date, Date) {
        let from = request.uri.queryParameters["from"].map(String.init) ?? LocalDateTime(utc: now).date.description
        let to =
            request.uri.queryParameters["to"].map(String.init)
            ?? LocalDateTime(utc: now.addingTimeInterval(366 * 86_400)).date.description
        return try window(from: from, to: to)
    }

    /// The request's window (`?from=&to=`, dates in the plan's zone; default: a year from today).
    static func planWindow(_ request: Request, now: Date) throws -> PlanWindow {
        let (from, to) = try window(request, now: now)
        do { return try PlanWindow(covering: from, to) } catch { throw Problem.badRequest("\(error)") }
    }

    static func window(from: String, to: String) throws -> (Date, Date) {
        guard let f = LocalDate(iso: from), let t = LocalDate(iso: to), f < t else {
            throw Problem.badRequest("from and to are dates (YYYY-MM-DD), from before to")
        }
        guard t.daysSinceEpoch - f.daysSinceEpoch <= HeavyWork.maximumWindowDays else {
            throw Problem.badRequest("a window is at most \(HeavyWork.maximumWindowDays) days; ask for shorter ones")
        }
        return (
            try TimeZones.instant(of: LocalDateTime(f, hour: 0, minute: 0), in: RegularSeries.defaultTimeZone),
            try TimeZones.instant(of: LocalDateTime(t, hour: 0, minute: 0), in: RegularSeries.defaultTimeZone)
        )
    }

    static func json(_ value: some Encodable, etag: Int? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        var headers: HTTPFields = [.contentType: "application/json"]
        if let etag { headers[.eTag] = "\"\(etag)\"" }
        return Response(
            status: .ok,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value)))
        )
    }
}

struct OccurrenceReply: Codable {
    var id, title, start, end, timeZone, status: String
    var venue: String?
    var revision: Int
    init(_ o: Occurrence) {
        id = o.id.rawValue
        title = o.title.vi
        start = o.start.description
        end = o.end.description
        timeZone = o.timeZone
        status = o.status.rawValue
        venue = o.venue?.rawValue
        revision = o.revision
    }
}

struct SeriesReply: Codable {
    var id, title, rrule, start, timeZone, status: String
    var duration: Int
    var revision: Int
    var exceptions: [String]
    init(_ s: RegularSeries, revision: Int) {
        id = s.id.rawValue
        title = s.title.vi
        rrule = s.rule.text
        start = s.start.description
        timeZone = s.timeZone
        status = s.status.rawValue
        duration = s.duration / 60
        self.revision = revision
        exceptions = s.exceptions.keys.sorted().map(\.description)
    }
}

struct AdHocReply: Codable {
    var id, title, organizer, trigger, start, timeZone, status, visibility: String
    var titleEn, venue, topic: String?
    var triggeredAt, dueBy: Date
    var duration: Int
    var revision: Int

    init(_ b: AdHocBriefing) {
        id = b.id.rawValue
        title = b.title.vi
        titleEn = b.title.en
        organizer = b.organizer.rawValue
        trigger = b.trigger.rawValue
        triggeredAt = b.triggeredAt
        dueBy = b.dueBy
        start = b.start.description
        timeZone = b.timeZone
        duration = b.duration / 60
        status = b.status.rawValue
        visibility = b.visibility.rawValue
        venue = b.venue?.rawValue
        topic = b.topic
        revision = b.revision
    }
}

struct AssignmentReply: Codable {
    var occurrence: String
    var primary: String?
    var backups: [String]
    /// `ROLE:PERSON[:MATTER]`, as PUT takes it.
    var panel: [String]
    var locked: Bool
    var reason: String?
    var revision: Int

    init(_ id: OccurrenceID, _ a: Assignment?) {
        occurrence = id.rawValue
        primary = a?.primary?.person.rawValue
        backups = a?.backups.map(\.person.rawValue) ?? []
        panel = a?.panel.map(\.text) ?? []
        locked = a?.locked ?? false
        reason = a?.reason
        revision = a?.revision ?? 0
    }
}

struct AutoAssignReply: Codable {
    var assigned: [String: String]
    var uncovered: [String]
    var forced: [String: String]
    var saved: Int
    init(_ o: AssignmentOutcome, saved: Int) {
        assigned = Dictionary(
            uniqueKeysWithValues: o.assignments.compactMap { k, v in v.primary.map { (k.rawValue, $0.person.rawValue) }
            }
        )
        uncovered = o.uncovered.keys.map(\.rawValue).sorted()
        forced = Dictionary(uniqueKeysWithValues: o.forced.map { ($0.key.rawValue, $0.value) })
        self.saved = saved
    }
}

struct FindingReply: Codable {
    var severity, rule, message, suggestion: String
    var occurrences: [String]
    var legalBasis: String?
    init(_ f: Finding) {
        severity = f.severity.rawValue
        rule = f.rule
        message = f.message
        suggestion = f.suggestion
        occurrences = f.occurrences.map(\.rawValue)
        legalBasis = f.legalBasis
    }
}
