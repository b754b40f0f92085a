import Foundation
import Hummingbird
import ICalendar
import Scheduling
import Store

/// The assignment board: upcoming occurrences × who speaks, uncovered ones standing out, and
/// automatic assignment over the window shown as a diff first, applied only on confirmation
/// (and only if nothing changed in between). Locked assignments are never moved: the
/// assigner keeps every earlier choice that still holds.
extension WorkspaceController {
    func addBoardRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace/board") { request, context in
            try await self.board(
                request,
                context,
                from: request.uri.queryParameters["from"].map(String.init),
                to: request.uri.queryParameters["to"].map(String.init),
                propose: false
            )
        }
        router.post("/workspace/board/preview") { request, context in
            let form = try await WebAuthController.form(BoardForm.self, request, context)
            try WebAuthController.checkCSRF(form.csrf, context)
            return try await self.board(request, context, from: form.from, to: form.to, propose: true)
        }
        router.post("/workspace/board/apply") { request, context in
            let form = try await WebAuthController.form(BoardForm.self, request, context)
            try WebAuthController.checkCSRF(form.csrf, context)
            return try await self.apply(request, context, form)
        }
    }

    struct BoardForm: Decodable {
        var csrf: String?
        var from: String?
        var to: String?
        var proposal: String?
    }

    /// The window of the board: dates in the plan's zone, a month from today by default.
    func boardWindow(_ from: String?, _ to: String?) throws -> PlanWindow {
        let today = try TimeZones.wallTime(of: service.now(), in: RegularSeries.defaultTimeZone).date
        let f = from.flatMap { LocalDate(iso: $0) } ?? today
        let t = to.flatMap { LocalDate(iso: $0) } ?? f.adding(days: 31)
        guard f < t, t.daysSinceEpoch - f.daysSinceEpoch <= 366 else {
            throw Problem.badRequest("the board shows at most a year, from before to")
        }
        return try PlanWindow(from: f, to: t)
    }

    /// What auto-assign would change in the window, for the occurrences the user may edit.
    func proposal(_ s: PodiumService.State, _ window: PlanWindow, _ context: PodiumRequestContext)
        async throws -> (changes: [Assignment], outcome: AssignmentOutcome, occurrences: [Occurrence])
    {
        let policy = try await service.policy()
        let engine = service.engine(s, around: window.start)
        let occurrences = try engine.occurrences(in: s.schedule, from: window.start, to: window.end)
        let outcome = try await HeavyWork.run { AutoAssigner().assign(occurrences, roster: s.roster) }
        let editable = Set(
            occurrences.filter { service.allows(context, .edit, .agency($0.organizer), policy) }.map(\.id)
        )
        let changes = outcome.assignments.values.filter {
            editable.contains($0.occurrence) && s.roster.assignments[$0.occurrence]?.people != $0.people
        }.sorted { $0.occurrence < $1.occurrence }
        return (changes, outcome, occurrences)
    }

    static func hash(_ changes: [Assignment]) -> String {
        Digest.sha256Hex(
            Array(
                changes.map { "\($0.occurrence):\($0.people.map(\.rawValue).joined(separator: ","))" }.joined(
                    separator: "\n"
                ).utf8
            )
        )
    }

    func board(_ request: Request, _ context: PodiumRequestContext, from: String?, to: String?, propose: Bool)
        async throws -> Response
    {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let policy = try await service.policy()
        let scope = policy.scope(of: user.actor, .view, among: s.schedule.agencies.keys)
        guard !scope.isEmpty else {
            throw Problem(.forbidden, "Forbidden", "\(user.name) may not view any agency's plan")
        }
        let window = try boardWindow(from, to)
        let language = user.language
        let name = { (id: Spokesperson.ID) in s.roster.people[id]?.name ?? id.rawValue }
        let occurrences = try service.engine(s, around: window.start)
            .occurrences(in: s.schedule, from: window.start, to: window.end)
            .filter { scope.contains($0.organizer) && $0.isHappening }
        let rows = occurrences.map { o -> [String: Any] in
            let a = s.roster.assignments[o.id]
            return [
                "when": HTML.when(o.start, o.end, language: language), "title": o.title.text(language),
                "link": HTML.pathSegment(o.id.rawValue), "primary": a?.primary.map { name($0.person) } ?? "—",
                "backups": a?.backups.map { name($0.person) }.joined(separator: ", ") ?? "",
                "uncovered": a?.primary == nil, "locked": a?.locked ?? false,
            ]
        }
        var page: [String: Any] = [
            "from": window.from.description, "to": window.to.description, "rows": rows,
            "uncoveredCount": rows.filter { ($0["uncovered"] as? Bool) == true }.count,
            "canEdit": !policy.scope(of: user.actor, .edit, among: s.schedule.agencies.keys).isEmpty,
        ]
        if propose {
            let (changes, outcome, all) = try await proposal(s, window, context)
            let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            page["proposal"] = true
            page["changeCount"] = changes.count
            page["proposalHash"] = Self.hash(changes)
            page["changes"] = changes.map { a -> [String: Any] in
                let o = byID[a.occurrence]
                return [
                    "title": o?.title.text(language) ?? a.occurrence.rawValue,
                    "when": o.map { HTML.when($0.start, nil, language: language) } ?? "",
                    "before": s.roster.assignments[a.occurrence]?.people.map(name).joined(separator: ", ") ?? "—",
                    "after": a.people.map(name).joined(separator: ", "),
                    "why": outcome.explanations[a.occurrence]?.why.text(language) ?? "",
                ]
            }
            let uncovered = outcome.uncovered.keys.filter { id in byID[id].map { scope.contains($0.organizer) } ?? false
            }
            page["uncoveredAfter"] = uncovered.sorted().map {
                byID[$0].map { $0.title.text(language) + " — " + HTML.when($0.start, nil, language: language) }
                    ?? $0.rawValue
            }
        }
        let title = (language == .en ? "Who speaks " : "Phân công ") + "\(window.from)…\(window.to.adding(days: -1))"
        return render("board", page, user: user, session: context, title: title)
    }

    func apply(_ request: Request, _ context: PodiumRequestContext, _ form: BoardForm) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let window = try boardWindow(form.from, form.to)
        let (changes, _, _) = try await proposal(s, window, context)
        // Something changed since the preview: show the new proposal instead of applying.
        guard Self.hash(changes) == form.proposal else {
            return try await board(request, context, from: form.from, to: form.to, propose: true)
        }
        do {
            _ = try service.store.saveAssignments(changes, actor: user.name, at: Date())
        } catch {
            throw service.problem(error)
        }
        service.state.invalidate()
        return Response.redirect(
            to: "/workspace/board?from=\(window.from)&to=\(window.to)",
            type: .normal
        )
    }
}
