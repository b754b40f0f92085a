import APIBodies
import Feeds
import Foundation
import Hummingbird
import ICalendar
import Scheduling
import Store

/// A spokesperson's own page, signed in (`/my`): their coming assignments, each to
/// acknowledge, decline with a reason, or offer to colleagues; the offers they may take;
/// and their leave, travel and busy periods with the assignments those conflict with.
/// The token page (`/me/{token}`) stays a read-only view. Every form passes the one
/// authorization function as `respond` for the person the account is.
struct MyAssignmentsController {
    let service: PodiumService
    let templates: Templates

    func addRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/my") { request, context in try await self.page(request, context) }
        router.post("/my/assignments/{id}/{answer}") { request, context in try await self.answer(request, context) }
        router.post("/my/offers/{id}/take") { request, context in try await self.take(request, context) }
        router.post("/my/unavailability") { request, context in try await self.unavailable(request, context) }
        router.post("/my/mail") { request, context in try await self.mail(request, context) }
        router.post("/my/busy") { request, context in try await self.busy(request, context) }
    }

    /// The roster person of the signed-in account, or a refusal.
    func me(_ context: PodiumRequestContext, _ s: PodiumService.State) async throws -> (User, Spokesperson) {
        guard let user = context.identity else { throw Problem.unauthorized() }
        guard let id = user.person, let p = s.roster.people[id] else {
            throw Problem(.forbidden, "Forbidden", "\(user.name) is not linked to a spokesperson on the roster")
        }
        try await service.authorize(context, .respond, .person(p.id, agency: p.agency))
        return (user, p)
    }

    /// What a finished answer says on the page it returns to (`/my?done=…`).
    static func done(_ key: String, _ language: Language) -> String? {
        let en = language == .en
        switch key {
        case "acknowledged": return en ? "Acknowledged." : "Đã xác nhận."
        case "declined":
            return en
                ? "Declined; the secretariat and your backup are told."
                : "Đã từ chối; ban thư ký và người dự phòng được báo."
        case "offered": return en ? "Offered to colleagues." : "Đã đề nghị đồng nghiệp nhận thay."
        case "taken": return en ? "Taken: the briefing is yours." : "Đã nhận: buổi này do anh/chị phát ngôn."
        case "pending": return en ? "Taken: waiting for the secretariat's approval." : "Đã nhận: chờ ban thư ký duyệt."
        case "saved": return en ? "Saved." : "Đã lưu."
        case "busy": return en ? "Busy times read from your calendar." : "Đã đọc lịch bận từ tệp lịch của anh/chị."
        default: return nil
        }
    }

    /// After a form: back to `/my` (a reload does not post again).
    static func back(_ done: String) -> Response { Response.redirect(to: "/my?done=\(done)", type: .normal) }

    /// A refused answer: the page again with the reason, nothing changed.
    func refused(_ request: Request, _ context: PodiumRequestContext, _ body: () async throws -> Response)
        async throws -> Response
    {
        do { return try await body() } catch let p as Problem
            where p.status == .unprocessableContent || p.status == .badRequest || p.status == .preconditionFailed
        {
            var response = try await page(request, context, problem: p.detail)
            response.status = .unprocessableContent
            return response
        }
    }

    func page(_ request: Request, _ context: PodiumRequestContext, problem: String? = nil) async throws -> Response {
        guard context.identity != nil else { return WorkspaceController.signIn(request) }
        let s = try await service.current()
        let (user, me) = try await me(context, s)
        let language = user.language
        let now = service.now()
        let engine = service.engine(s, around: now)
        let acks = try service.store.acknowledgements()
        let offers = try service.store.swapOffers()
        var mine: [[String: Any]] = []
        var conflicts: [String] = []
        for (id, a) in s.roster.assignments.sorted(by: { $0.key < $1.key }) where a.people.contains(me.id) {
            guard let o = try? engine.resolve(id, in: s.schedule).occurrence, o.endInstant >= now, o.isHappening else {
                continue
            }
            let sequence = max(o.revision, a.revision)
            var row: [String: Any] = [
                "id": HTML.pathSegment(id.rawValue), "title": o.title.text(language),
                "when": HTML.when(o.start, o.end, language: language),
                "role": (a.role(of: me.id) ?? .backup).name(language).lowercased(),
                "sequence": sequence, "start": o.startInstant,
            ]
            if (acks[id]?[me.id] ?? -1) >= sequence { row["acknowledged"] = true }
            if offers.contains(where: { $0.occurrence == id && $0.from == me.id }) { row["offered"] = true }
            if let venue = o.venue.flatMap({ s.schedule.venues[$0]?.name.text(language) }) { row["venue"] = venue }
            if me.unavailable.contains(where: { $0.start < o.endInstant && o.startInstant < $0.end }) {
                row["conflict"] = true
                conflicts.append(o.title.text(language) + " — " + HTML.when(o.start, o.end, language: language))
            }
            mine.append(row)
        }
        mine.sort { ($0["start"] as! Date) < ($1["start"] as! Date) }
        var takeable: [[String: Any]] = []
        for offer in offers where offer.status == .open && offer.from != me.id {
            guard let a = s.roster.assignments[offer.occurrence],
                let o = try? engine.resolve(offer.occurrence, in: s.schedule).occurrence, o.startInstant > now,
                Responses.candidates(for: a, replacing: offer.from, at: o, roster: s.roster).contains(me.id)
            else { continue }
            takeable.append([
                "id": offer.id, "title": o.title.text(language), "when": HTML.when(o.start, o.end, language: language),
                "from": s.roster.people[offer.from]?.name ?? offer.from.rawValue,
            ])
        }
        let periods = me.unavailable.filter { $0.end > now }.sorted { $0.start < $1.start }.map { u -> [String: Any] in
            var row: [String: Any] = [
                "kind": WorkspaceText.result(u.kind.rawValue, language),
                "from": (try? TimeZones.wallTime(of: u.start, in: RegularSeries.defaultTimeZone).date.description)
                    ?? "",
                // The last day: an end at midnight closes the day before.
                "to":
                    (try? TimeZones.wallTime(of: u.end.addingTimeInterval(-1), in: RegularSeries.defaultTimeZone).date
                    .description) ?? "",
            ]
            if let r = u.reason { row["reason"] = r }
            return row
        }
        var page: [String: Any] = [
            "name": me.name, "assignments": mine, "offers": takeable, "periods": periods,
            "conflicts": conflicts, "hasConflicts": !conflicts.isEmpty,
        ]
        page["mailKinds"] = Notice.Kind.allCases.map { k -> [String: Any] in
            [
                "id": k.rawValue, "name": WorkspaceText.kind(k, language),
                "wanted": !user.mailOptOut.contains(k.rawValue),
            ]
        }
        if let key = request.uri.queryParameters["done"].map(String.init), var text = Self.done(key, language) {
            // After a decline: who speaks now (the promoted backup), when someone does.
            if key == "declined", let id = request.uri.queryParameters["speaker"].map(String.init),
                let name = s.roster.people[Spokesperson.ID(id)]?.name
            {
                text += language == .en ? " \(name) now speaks." : " \(name) sẽ phát ngôn."
            }
            page["notice"] = text
        }
        if let problem { page["problem"] = problem }
        let title = language == .en ? "My assignments" : "Lịch phát ngôn của tôi"
        return WorkspaceController(service: service, templates: templates)
            .render("my", page, user: user, session: context, title: title)
    }

    struct AnswerForm: Decodable {
        var csrf: String?
        var sequence: Int?
        var reason: String?
    }

    func answer(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return WorkspaceController.signIn(request) }
        let form = try await WebAuthController.form(AnswerForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        let s = try await service.current()
        let (user, me) = try await me(context, s)
        let id = OccurrenceID(rawValue: try context.parameters.decoded("id"))
        let now = Date()
        return try await refused(request, context) {
            let message: String
            switch try context.parameters.decoded("answer") {
            case "acknowledge":
                guard let sequence = form.sequence else {
                    throw Problem.badRequest("sequence: the version acknowledged")
                }
                try service.mapStore {
                    try service.store.acknowledge(id, person: me.id, sequence: sequence, actor: user.name, at: now)
                }
                message = "acknowledged"
            case "decline":
                let promoted = try service.mapStore {
                    try service.store.decline(id, person: me.id, reason: form.reason ?? "", actor: user.name, at: now)
                }
                message = "declined" + (promoted.map { "&speaker=\(HTML.queryValue($0.rawValue))" } ?? "")
            case "offer":
                _ = try service.mapStore { try service.store.offerSwap(id, person: me.id, actor: user.name, at: now) }
                message = "offered"
            default:
                throw Problem.notFound("no such answer")
            }
            service.state.invalidate()
            return Self.back(message)
        }
    }

    struct TakeForm: Decodable { var csrf: String? }

    func take(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return WorkspaceController.signIn(request) }
        let form = try await WebAuthController.form(TakeForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        let s = try await service.current()
        let (user, me) = try await me(context, s)
        guard let id = Int(try context.parameters.decoded("id")),
            let offer = try service.store.swapOffers().first(where: { $0.id == id })
        else { throw Problem.notFound("no such offer") }
        let organizer = try service.target(offer.occurrence, s).organizer
        let auto = try service.store.swapAutoApproval().contains(organizer)
        return try await refused(request, context) {
            try service.mapStore {
                try service.store.takeSwap(id, taker: me.id, approve: auto, actor: user.name, at: Date())
            }
            service.state.invalidate()
            return Self.back(auto ? "taken" : "pending")
        }
    }

    struct PeriodForm: Decodable {
        var csrf: String?
        var from: String
        var to: String
        var kind: String
        var reason: String?
    }

    /// Leave, travel or busy days, whole days in Vietnam time (`to` inclusive).
    func unavailable(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return WorkspaceController.signIn(request) }
        let form = try await WebAuthController.form(PeriodForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        let s = try await service.current()
        let (user, me) = try await me(context, s)
        guard let kind = Unavailability.Kind(rawValue: form.kind) else {
            throw Problem.badRequest("kind: leave, travel or busy")
        }
        let reason = form.reason.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        // The same days as the API's absence (whole days in the plan's zone, `to` inclusive).
        let absence = try Problem.taking {
            try AbsenceBody(from: form.from, to: form.to, kind: kind, reason: reason).unavailability()
        }
        _ = try service.mapStore {
            try service.store.addUnavailability(
                me.id,
                [absence],
                actor: user.name,
                at: Date()
            )
        }
        service.state.invalidate()
        return Self.back("saved")
    }

    struct MailForm: Decodable {
        var csrf: String?
        var assigned: String?
        var changed: String?
        var cancelled: String?
        var unassigned: String?
        var reminder: String?
    }

    /// Which kinds of notice the person wants by mail (ticked = wanted).
    func mail(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return WorkspaceController.signIn(request) }
        let form = try await WebAuthController.form(MailForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        let s = try await service.current()
        var (user, _) = try await me(context, s)
        let ticked: [Notice.Kind: String?] = [
            .assigned: form.assigned, .changed: form.changed, .cancelled: form.cancelled,
            .unassigned: form.unassigned, .reminder: form.reminder,
        ]
        user.mailOptOut = Set(ticked.filter { $0.value == nil }.map(\.key.rawValue))
        try service.mapStore { try service.store.updateUser(user, actor: user.name, at: Date()) }
        return Self.back("saved")
    }

    /// An `.ics` of the person's own calendar (a file input): its busy times — recurring
    /// events expanded, overrides respected — become absences, and the page lists the
    /// assignments they clash with.
    func busy(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return WorkspaceController.signIn(request) }
        let form = try await MultipartForm.read(request, context, limit: 256 * 1024)
        let s = try await service.current()
        let (user, me) = try await me(context, s)
        return try await refused(request, context) {
            guard let data = form.file("ics"), let text = String(data: data, encoding: .utf8), !text.isEmpty else {
                throw Problem(.unprocessableContent, "Invalid change", "choose an .ics file (UTF-8)")
            }
            let now = service.now()
            let busy: [Unavailability]
            do {
                let calendar = try ICalendarParser.parse(text, lenient: true)
                busy = try BusyTimes.from(calendar, from: now, to: now.addingTimeInterval(366 * 86_400)).0
            } catch {
                throw Problem(.unprocessableContent, "Invalid change", "the file: \(error)")
            }
            _ = try service.mapStore {
                try service.store.addUnavailability(me.id, busy, actor: user.name, at: Date())
            }
            service.state.invalidate()
            return Self.back("busy")
        }
    }
}
