import APIBodies
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import ICalendar
import Scheduling
import Store

/// The secretariat's workspace in the browser: a month calendar of every occurrence in
/// scope, an occurrence page to move, cancel and assign, the approval queue and the history.
/// Server-rendered from templates; works without JavaScript. Every page and form passes the
/// one authorization function (`PodiumService.authorize`); every form carries the CSRF token
/// and the revision it was read at, so a stale save shows who changed what and saves nothing.
struct WorkspaceController {
    let service: PodiumService
    let templates: Templates

    func addRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace") { _, _ in Response.redirect(to: "/workspace/month", type: .found) }
        router.get("/workspace/month") { request, context in try await self.month(request, context) }
        router.get("/workspace/occurrences/{id}") { request, context in try await self.occurrence(request, context) }
        router.post("/workspace/occurrences/{id}/{change}") { request, context in
            try await self.change(request, context)
        }
        router.get("/workspace/approvals") { request, context in try await self.approvals(request, context) }
        router.post("/workspace/approvals/{kind}/{id}") { request, context in try await self.approve(request, context) }
        router.post("/workspace/swaps/{id}/{decision}") { request, context in
            try await self.decideSwap(request, context)
        }
        router.get("/workspace/history") { request, context in try await self.history(request, context) }
        addBoardRoutes(to: router)
        addAdHocRoutes(to: router)
        addOutcomeRoutes(to: router)
        addReportRoutes(to: router)
        addWeekRoutes(to: router)
        addUserRoutes(to: router)
        addPlanRoutes(to: router)
        addSeriesRoutes(to: router)
    }

    // MARK: - the frame

    /// The signed-in user, or a redirect to sign in (browsers; the workspace is not an API).
    func user(_ request: Request, _ context: PodiumRequestContext) throws -> User? {
        context.identity
    }

    static func signIn(_ request: Request) -> Response {
        Response.redirect(to: "/login?next=" + HTML.queryValue(request.uri.path), type: .found)
    }

    func render(_ template: String, _ context: [String: Any], user: User, session: PodiumRequestContext, title: String)
        -> Response
    {
        var inner = context
        inner["t"] = WorkspaceText.words(user.language)
        inner["csrf"] = session.sessions.session?.csrf ?? ""
        inner["title"] = title
        var layout: [String: Any] = [
            "lang": user.language.rawValue, "title": title, "t": WorkspaceText.words(user.language),
            "user": user.displayName, "csrf": session.sessions.session?.csrf ?? "", "hasPerson": user.person != nil,
            // A spokesperson who answers only for themselves is not shown the secretariat's pages.
            "secretariat": user.grants.contains { $0.role != .spokesperson },
            "admin": user.grants.contains { $0.role == .admin },
            // Creating series and briefings is an editor's (an approver only publishes).
            "editor": user.grants.contains { $0.role == .editor || $0.role == .admin },
        ]
        // An empty string is truthy in Mustache: only a real message makes the bar.
        if let flash = context["flash"] as? String, !flash.isEmpty { layout["flash"] = flash }
        return PodiumService.html(templates.page(template, inner, layout: layout), personal: true)
    }

    // MARK: - month

    func month(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let policy = try await service.policy()
        let scope = policy.scope(of: user.actor, .view, among: s.schedule.agencies.keys)
        guard !scope.isEmpty else {
            throw Problem(.forbidden, "Forbidden", "\(user.name) may not view any agency's plan")
        }
        let language = user.language
        let today = try TimeZones.wallTime(of: service.now(), in: RegularSeries.defaultTimeZone).date
        let q = request.uri.queryParameters
        let (year, monthNumber) = Self.month(q["m"].map(String.init)) ?? (today.year, today.month)
        let agencyFilter = q["agency"].map(String.init).flatMap { $0.isEmpty ? nil : Agency.ID($0) }
        let formFilter = q["form"].map(String.init).flatMap { InformationForm(rawValue: $0) }
        let first = LocalDate(year: year, month: monthNumber, day: 1)
        let gridStart = first.adding(days: -(first.isoWeekday - 1))
        let nextMonth =
            monthNumber == 12
            ? LocalDate(year: year + 1, month: 1, day: 1) : LocalDate(year: year, month: monthNumber + 1, day: 1)
        let lastDay = nextMonth.adding(days: -1)
        let gridEnd = lastDay.adding(days: 7 - lastDay.isoWeekday + 1)
        let window = try PlanWindow(from: gridStart, to: gridEnd)
        let engine = service.engine(s, around: window.start)
        let occurrences = try engine.occurrences(in: s.schedule, from: window.start, to: window.end).filter { o in
            scope.contains(o.organizer) && (agencyFilter.map { o.organizer == $0 } ?? true)
                && (formFilter.map { o.form == $0 } ?? true)
        }
        let byDay = Dictionary(grouping: occurrences, by: \.start.date)
        var weeks: [[String: Any]] = []
        var day = gridStart
        while day < gridEnd {
            var days: [[String: Any]] = []
            for _ in 0..<7 {
                let items = (byDay[day] ?? []).map { o -> [String: Any] in
                    [
                        "link": HTML.pathSegment(o.id.rawValue), "title": o.title.text(language),
                        "time": o.start.hourMinute,
                        "status": o.status == .cancelled ? "cancelled" : o.status.rawValue,
                        "badge": WorkspaceText.badge(o, language),
                    ]
                }
                var cell: [String: Any] = [
                    "day": day.day, "off": !engine.calendar.isWorkingDay(day), "other": day.month != monthNumber,
                    "items": items,
                ]
                // Days off and compensatory days carry their names (a missing key is falsy).
                if let holiday = engine.calendar.holiday(on: day) { cell["offName"] = holiday.name.text(language) }
                days.append(cell)
                day = day.adding(days: 1)
            }
            weeks.append(["days": days])
        }
        let monthText = String(format: "%04d-%02d", year, monthNumber)
        let previous = first.adding(days: -1)
        var query = ""
        if let agencyFilter { query += "&agency=" + HTML.queryValue(agencyFilter.rawValue) }
        if let formFilter { query += "&form=" + formFilter.rawValue }
        let page: [String: Any] = [
            "month": monthText, "weeks": weeks, "weekdays": WorkspaceText.weekdays(language),
            "previous": String(format: "%04d-%02d", previous.year, previous.month),
            "next": String(format: "%04d-%02d", nextMonth.year, nextMonth.month), "query": query,
            "agencies": s.schedule.agencies.values.filter { scope.contains($0.id) }.sorted { $0.id < $1.id }.map {
                ["id": $0.id.rawValue, "name": $0.name.text(language), "selected": $0.id == agencyFilter]
                    as [String: Any]
            },
            "forms": InformationForm.allCases.map {
                ["id": $0.rawValue, "name": WorkspaceText.form($0, language), "selected": $0 == formFilter]
                    as [String: Any]
            },
        ]
        let title = (language == .en ? "Plan calendar " : "Lịch kế hoạch tháng ") + monthText
        return render("month", page, user: user, session: context, title: title)
    }

    static func month(_ text: String?) -> (Int, Int)? {
        guard let text, text.count == 7, let y = Int(text.prefix(4)), let m = Int(text.suffix(2)), (1...12).contains(m),
            (1900...2100).contains(y)
        else { return nil }
        return (y, m)
    }

    // MARK: - one occurrence

    func resolve(_ context: PodiumRequestContext, _ s: PodiumService.State) throws -> Occurrence {
        let id = OccurrenceID(rawValue: try context.parameters.decoded("id"))
        do {
            return try service.engine(s, around: service.now()).resolve(id, in: s.schedule).occurrence
        } catch {
            throw Problem.notFound("\(id): \(error)")
        }
    }

    func occurrence(
        _ request: Request,
        _ context: PodiumRequestContext,
        flash: String? = nil,
        problem: String? = nil
    ) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let o = try resolve(context, s)
        try await service.authorize(context, .view, .agency(o.organizer))
        let canEdit = service.allows(context, .edit, .agency(o.organizer), try await service.policy())
        let language = user.language
        let engine = service.engine(s, around: o.startInstant)
        let findings = PlanChecker(calendar: engine.calendar, officeHours: s.officeHours, rules: service.rules(s))
            .check(
                [o],
                schedule: s.schedule,
                roster: s.roster,
                window: try PlanWindow(covering: o.startInstant, o.endInstant)
            )
            .filter { $0.agency == nil }
            .map(Self.finding)
        let a = s.roster.assignments[o.id]
        let name = { (id: Spokesperson.ID) in s.roster.people[id]?.name ?? id.rawValue }
        // Who has acknowledged the assignment as it stands (its version), for the secretariat.
        let acks = try service.store.acknowledgements()[o.id] ?? [:]
        let version = try service.store.assignmentVersion(o.id) ?? 0
        let acknowledged = { (id: Spokesperson.ID) -> String in
            (acks[id] ?? -1) >= version
                ? (language == .en ? " (acknowledged)" : " (đã xác nhận)")
                : (language == .en ? " (not acknowledged)" : " (chưa xác nhận)")
        }
        // Candidates: everyone the rules do not refuse outright, those with no problem first.
        let candidates = s.roster.people.values.sorted { $0.name < $1.name }.compactMap { p -> (Int, [String: Any])? in
            let problems = AssignmentCheck().problems(
                Assignment(occurrence: o.id, primary: .init(person: p.id, source: .manual)),
                for: o,
                roster: s.roster
            )
            guard !problems.contains(where: \.isBlocking) else { return nil }
            let why =
                problems.first.map { $0.refusal?.text(language) ?? "" }
                ?? (language == .en ? "eligible" : "đủ điều kiện")
            return (
                problems.count,
                [
                    "id": p.id.rawValue, "name": p.name, "why": why, "current": a?.primary?.person == p.id,
                    "backup": a?.backups.first?.person == p.id,
                ]
            )
        }.sorted { $0.0 < $1.0 }.map(\.1)
        let series = o.seriesID.flatMap { s.schedule.series[$0] }
        // The revision the store checks a change against: for a series, the highest of the
        // series and its occurrence changes (the API's ETag), not the series body's alone.
        let revision =
            try series.map { try service.store.seriesRevision($0.id) }
            ?? s.schedule.adHoc[AdHocBriefing.ID(o.id.rawValue)]?.revision ?? 0
        let entity = o.seriesID?.rawValue ?? o.id.rawValue
        // A series' own changes and its occurrence's; an ad-hoc briefing is both at once.
        let changes =
            try service.store.history(limit: 20, entityID: entity)
            + (entity == o.id.rawValue ? [] : service.store.history(limit: 20, entityID: o.id.rawValue))
        var page: [String: Any] = [
            "link": HTML.pathSegment(o.id.rawValue), "when": HTML.when(o.start, o.end, language: language),
            "organizer": s.schedule.agencies[o.organizer]?.name.text(language) ?? o.organizer.rawValue,
            "badge": WorkspaceText.badge(o, language),

            "findings": findings, "hasFindings": !findings.isEmpty,
            "primary": a?.primary.map { name($0.person) + acknowledged($0.person) } ?? "—",

            "canEdit": canEdit && o.status != .cancelled, "isSeries": series != nil, "candidates": candidates,
            "seriesLink": series.map { HTML.pathSegment($0.id.rawValue) } ?? "",
            "assignmentRevision": a?.revision ?? 0, "revision": revision,
            "startValue": String(
                format: "%04d-%02d-%02dT%02d:%02d",
                o.start.date.year,
                o.start.date.month,
                o.start.date.day,
                o.start.hour,
                o.start.minute
            ),
            "changes": changes.sorted { $0.revision > $1.revision }.map(Self.change),
            "flash": flash ?? "",
        ]
        // An empty string is truthy in Mustache: a missing venue or backup leaves its key out,
        // so the page shows no empty "·" item and no dangling "backups:".
        if let venue = o.venue.flatMap({ s.schedule.venues[$0]?.name.text(language) }) { page["venue"] = venue }
        if let backups = a?.backups, !backups.isEmpty {
            page["backups"] = backups.map { name($0.person) + acknowledged($0.person) }.joined(separator: ", ")
        }
        page["seats"] = seatChoices(o, a, s, language)
        // The seats as they are, then the seats the briefing needs that nobody holds.
        let open = o.panel.open(in: a).map { need -> [String: Any] in
            [
                "role": need.role.name(language), "person": language == .en ? "(open)" : "(còn trống)",
                "matter": need.matter.map { " — \($0)" } ?? "",
            ]
        }
        let seated = PanelSeat.reading(a?.panel ?? [], matters: o.panel.matters).map { seat -> [String: Any] in
            [
                "role": seat.role.name(language), "person": name(seat.person) + acknowledged(seat.person),
                "matter": seat.matter.map { " — \($0)" } ?? "",
            ]
        }
        if !(seated + open).isEmpty { page["panel"] = seated + open }
        page.merge(try afterSection(o, s, canEdit: canEdit, language: language)) { a, _ in a }
        if let problem { page["problem"] = problem }
        return render("occurrence", page, user: user, session: context, title: o.title.text(language))
    }

    /// One select per seat of the panel — each seat the briefing needs, then any other seat
    /// it has — offering everyone its role's rule lets sit there, the current one selected.
    func seatChoices(_ o: Occurrence, _ a: Assignment?, _ s: PodiumService.State, _ language: Language)
        -> [[String: Any]]
    {
        let (needed, extra) = o.panel.matched(a?.panel ?? [])
        let seats = needed.map { ($0.role, $0.matter, $0.seat) } + extra.map { ($0.role, $0.matter, Optional($0)) }
        let people = s.roster.people.values.sorted { $0.name < $1.name }
        return seats.enumerated().map { n, seat in
            let (role, matter, sitting) = seat
            let options = people.filter {
                $0.id == sitting?.person || AssignmentCheck().refusal($0, as: role, matter: matter, for: o) == nil
            }.map { p -> [String: Any] in
                let value = PanelSeat(role: role, person: p.id, matter: matter).text
                return ["value": value, "name": p.name, "selected": p.id == sitting?.person]
            }
            return [
                "n": n, "label": role.name(language) + (matter.map { " — \($0)" } ?? ""), "options": options,
            ]
        }
    }

    /// A finding for a template (a missing basis is a missing key: an empty string is truthy).
    static func finding(_ f: Finding) -> [String: Any] {
        var out: [String: Any] = ["severity": f.severity.rawValue, "rule": f.rule, "message": f.message]
        if let basis = f.legalBasis { out["basis"] = basis }
        return out
    }

    static func change(_ c: Change) -> [String: Any] {
        var out: [String: Any] = [
            "at": (try? TimeZones.wallTime(of: c.at, in: RegularSeries.defaultTimeZone).description) ?? "",
            "actor": c.actor, "action": c.action,
            "lines": Array(ChangeDiff.lines(before: c.before, after: c.after).prefix(6)), "revision": c.revision,
            "entity": c.entity, "entityID": c.entityID,
        ]
        if let reason = ChangeDiff.reason(before: c.before, after: c.after) { out["reason"] = reason }
        return out
    }

    struct ChangeForm: Decodable {
        var csrf: String?
        var revision: Int
        var reason: String
        var to: String?
        var primary: String?
        var backup: String?
        /// The panel's seats as `ROLE:PERSON[:MATTER]`, one select each (empty: nobody);
        /// absent when the page showed no seat, and the panel then stays as it is.
        var seat: [String]?
    }

    func change(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let action = try context.parameters.decoded("change")
        if action == "outcome" || action == "followup" { return try await afterChange(action, request, context) }
        let form = try await WebAuthController.form(ChangeForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        let s = try await service.current()
        let o = try resolve(context, s)
        let reason = form.reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw Problem.badRequest("give a reason") }
        let now = Date()
        do {
            switch action {
            case "assign":
                try await service.authorize(context, .edit, .agency(o.organizer))
                guard let primary = form.primary else { throw Problem.badRequest("choose the primary spokesperson") }
                let backups = [form.backup].compactMap { $0 }.filter { !$0.isEmpty && $0 != primary }
                let a = Assignment(
                    occurrence: o.id,
                    primary: .init(person: Spokesperson.ID(primary), source: .manual),
                    backups: backups.map { .init(person: Spokesperson.ID($0), source: .manual) },
                    panel: try form.seat.map { seats in
                        try seats.filter { !$0.isEmpty }.map { text in try Problem.taking { try BodyFields.seat(text) }
                        }
                    } ?? s.roster.assignments[o.id]?.panel ?? [],
                    reason: reason
                )
                let blocking = AssignmentCheck().problems(a, for: o, roster: s.roster).filter(\.isBlocking)
                guard blocking.isEmpty else {
                    // Said in the user's language, people by name (the API keeps ids).
                    let name = { (id: Spokesperson.ID) in s.roster.people[id]?.name ?? id.rawValue }
                    throw Problem(
                        .unprocessableContent,
                        user.language == .en ? "Invalid change" : "Không lưu được",
                        blocking.map { $0.text(user.language, name: name) }.joined(separator: "; ")
                    )
                }
                _ = try service.store.assign(a, expectedRevision: form.revision, actor: user.name, at: now)
            case "move":
                try await service.authorize(context, .edit, .agency(o.organizer))
                guard let series = o.seriesID, let original = o.originalStart,
                    let to = form.to.flatMap({ LocalDateTime(iso: $0) })
                else { throw Problem.badRequest("a new start (YYYY-MM-DDTHH:MM) for an occurrence of a series") }
                _ = try service.store.moveOccurrence(
                    series: series,
                    original: original,
                    to: to,
                    venue: nil,
                    reason: reason,
                    expectedRevision: form.revision,
                    actor: user.name,
                    at: now
                )
            case "cancel":
                if let series = o.seriesID, let original = o.originalStart {
                    try await service.authorize(context, .edit, .agency(o.organizer))
                    _ = try service.store.cancelOccurrence(
                        series: series,
                        original: original,
                        reason: reason,
                        expectedRevision: form.revision,
                        actor: user.name,
                        at: now
                    )
                } else {
                    var b = try service.store.adHoc(AdHocBriefing.ID(o.id.rawValue))
                    try await service.authorize(context, b.status == .draft ? .edit : .approve, .agency(b.organizer))
                    b.status = .cancelled
                    b.cancellationReason = reason
                    _ = try service.store.saveAdHoc(b, expectedRevision: form.revision, actor: user.name, at: now)
                }
            default:
                throw Problem.notFound("no change \(action)")
            }
        } catch let e as StoreError {
            if case .conflict = e { return try conflict(o, user: user, context: context) }
            throw service.problem(e)
        }
        service.state.invalidate()
        return Response.redirect(to: "/workspace/occurrences/\(HTML.pathSegment(o.id.rawValue))", type: .normal)
    }

    /// A stale save: who changed what since, with the current values a reload shows; nothing saved.
    func conflict(_ o: Occurrence, user: User, context: PodiumRequestContext) throws -> Response {
        let entity = o.seriesID?.rawValue ?? o.id.rawValue
        let changes =
            (try service.store.history(limit: 10, entityID: entity)
            + (entity == o.id.rawValue ? [] : service.store.history(limit: 10, entityID: o.id.rawValue)))
            .sorted { $0.revision > $1.revision }.prefix(5).map(Self.change)
        var response = render(
            "conflict",
            ["changes": changes, "link": HTML.pathSegment(o.id.rawValue)],
            user: user,
            session: context,
            title: WorkspaceText.words(user.language)["conflictTitle"] ?? ""
        )
        response.status = .conflict
        return response
    }

    // MARK: - approvals

    func approvals(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let policy = try await service.policy()
        let language = user.language
        var drafts: [[String: Any]] = []
        for series in s.schedule.series.values.sorted(by: { $0.id < $1.id }) where series.status == .draft {
            guard policy.decide(user.actor, .view, .agency(series.organizer)).isAllowed else { continue }
            drafts.append(
                [
                    "kind": "series", "id": series.id.rawValue, "title": series.title.text(language),
                    "organizer": s.schedule.agencies[series.organizer]?.name.text(language)
                        ?? series.organizer.rawValue,
                    "first": HTML.when(series.start, nil, language: language), "revision": series.revision,
                    "canApprove": policy.decide(user.actor, .approve, .agency(series.organizer)).isAllowed,
                    "link": "/workspace/series/" + HTML.pathSegment(series.id.rawValue),
                ].merging(try returned(series.id.rawValue)) { a, _ in a }
            )
        }
        for b in s.schedule.adHoc.values.sorted(by: { $0.id < $1.id }) where b.status == .draft {
            guard policy.decide(user.actor, .view, .agency(b.organizer)).isAllowed else { continue }
            drafts.append(
                [
                    "kind": "adhoc", "id": b.id.rawValue, "title": b.title.text(language),
                    "organizer": s.schedule.agencies[b.organizer]?.name.text(language) ?? b.organizer.rawValue,
                    "first": HTML.when(b.start, nil, language: language), "revision": b.revision,
                    "canApprove": policy.decide(user.actor, .approve, .agency(b.organizer)).isAllowed,
                    "link": "/workspace/occurrences/" + HTML.pathSegment(b.id.rawValue),
                ].merging(try returned(b.id.rawValue)) { a, _ in a }
            )
        }
        // Swaps a colleague has taken, waiting for the secretariat (issue: swap requests).
        let engine = service.engine(s, around: service.now())
        var swaps: [[String: Any]] = []
        for offer in try service.store.swapOffers(status: [.taken]) {
            guard let taker = offer.takenBy, let o = try? engine.resolve(offer.occurrence, in: s.schedule).occurrence,
                policy.decide(user.actor, .view, .agency(o.organizer)).isAllowed
            else { continue }
            swaps.append([
                "id": offer.id, "title": o.title.text(language), "when": HTML.when(o.start, o.end, language: language),
                "from": s.roster.people[offer.from]?.name ?? offer.from.rawValue,
                "to": s.roster.people[taker]?.name ?? taker.rawValue,
                "canDecide": policy.decide(user.actor, .edit, .agency(o.organizer)).isAllowed,
            ])
        }
        let title = language == .en ? "Drafts waiting for approval" : "Bản nháp chờ duyệt"
        return render(
            "approvals",
            ["drafts": drafts, "swaps": swaps, "hasSwaps": !swaps.isEmpty],
            user: user,
            session: context,
            title: title
        )
    }

    struct ApproveForm: Decodable {
        var csrf: String?
        var revision: Int
        /// "return" sends the draft back with `comment`; anything else approves it.
        var decision: String?
        var comment: String?
    }

    /// The comment a draft was last returned with, for the queue (a missing key is falsy).
    func returned(_ id: String) throws -> [String: Any] {
        guard let r = try service.mapStore({ try service.store.returnComment(id) }) else { return [:] }
        return ["returnedComment": r.comment, "returnedBy": r.actor]
    }

    func approve(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return Self.signIn(request) }
        let form = try await WebAuthController.form(ApproveForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        _ = try await service.decideDraft(
            kind: try context.parameters.decoded("kind"),
            id: try context.parameters.decoded("id"),
            returnWith: form.decision == "return" ? (form.comment ?? "") : nil,
            expectedRevision: form.revision,
            context
        )
        return Response.redirect(to: "/workspace/approvals", type: .normal)
    }

    struct SwapForm: Decodable { var csrf: String? }

    /// The secretariat approves a taken swap (the assignment changes, both people are told)
    /// or refuses it.
    func decideSwap(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let form = try await WebAuthController.form(SwapForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        guard let id = Int(try context.parameters.decoded("id")),
            let offer = try service.store.swapOffers(status: [.taken]).first(where: { $0.id == id })
        else { throw Problem.notFound("no swap waiting with that number") }
        let s = try await service.current()
        let o = try service.target(offer.occurrence, s)
        try await service.authorize(context, .edit, .agency(o.organizer))
        let decision = try context.parameters.decoded("decision")
        guard decision == "approve" || decision == "refuse" else { throw Problem.notFound("approve or refuse") }
        try service.mapStore {
            try service.store.decideSwap(id, approve: decision == "approve", actor: user.name, at: Date())
        }
        service.state.invalidate()
        return Response.redirect(to: "/workspace/approvals", type: .normal)
    }

    // MARK: - history

    func history(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let policy = try await service.policy()
        let scope = policy.scope(of: user.actor, .view, among: s.schedule.agencies.keys)
        let id = request.uri.queryParameters["id"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        // The items of the user's agencies; an administrator of everything sees every entry.
        var visible = Set(s.schedule.series.values.filter { scope.contains($0.organizer) }.map(\.id.rawValue))
        visible.formUnion(s.schedule.adHoc.values.filter { scope.contains($0.organizer) }.map(\.id.rawValue))
        visible.formUnion(s.roster.people.values.filter { scope.contains($0.agency) }.map(\.id.rawValue))
        let everything = user.grants.contains { $0.scope == AccessPolicy.everywhere }
        let entries = try service.store.history(limit: 200, entityID: id).filter { c in
            everything || visible.contains(c.entityID)
                || visible.contains(String(c.entityID.prefix { $0 != "@" }))
        }
        let title = user.language == .en ? "History" : "Lịch sử thay đổi"
        return render(
            "history",
            ["changes": entries.map(Self.change), "id": id ?? ""],
            user: user,
            session: context,
            title: title
        )
    }
}
