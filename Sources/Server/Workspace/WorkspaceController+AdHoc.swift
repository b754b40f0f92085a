import Foundation
import Hummingbird
import ICalendar
import Scheduling
import Store

/// The ad-hoc briefing form (Decree 09/2017 Art. 6): what happened and when, the proposed
/// start; a first step shows the statement deadline, how long remains, and every finding
/// (past the deadline, a day off…), and only the second step creates the briefing — a draft
/// where the agency requires approval.
extension WorkspaceController {
    func addAdHocRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace/adhoc") { request, context in
            try await self.adHocForm(request, context, form: nil)
        }
        router.post("/workspace/adhoc/preview") { request, context in
            let form = try await WebAuthController.form(AdHocForm.self, request, context)
            try WebAuthController.checkCSRF(form.csrf, context)
            return try await self.adHocForm(request, context, form: form)
        }
        router.post("/workspace/adhoc/create") { request, context in
            let form = try await WebAuthController.form(AdHocForm.self, request, context)
            try WebAuthController.checkCSRF(form.csrf, context)
            return try await self.createAdHoc(request, context, form)
        }
    }

    struct AdHocForm: Decodable {
        var csrf: String?
        var titleVi: String
        var titleEn: String?
        var organizer: String
        var trigger: String
        var triggeredAt: String
        var start: String
        var minutes: Int
    }

    /// The briefing the form describes, or a 400 naming the field.
    func briefing(_ form: AdHocForm) throws -> AdHocBriefing {
        guard let trigger = TriggerKind(rawValue: form.trigger) else { throw Problem.badRequest("trigger") }
        guard let triggered = LocalDateTime(iso: form.triggeredAt),
            let triggeredAt = try? TimeZones.instant(of: triggered, in: RegularSeries.defaultTimeZone)
        else { throw Problem.badRequest("when it happened: a date and time (YYYY-MM-DDTHH:MM)") }
        guard let start = LocalDateTime(iso: form.start) else {
            throw Problem.badRequest("start: a date and time (YYYY-MM-DDTHH:MM)")
        }
        guard (1...1440).contains(form.minutes) else { throw Problem.badRequest("minutes: 1–1440") }
        let title = form.titleVi.trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { throw Problem.badRequest("a title") }
        let base = Slug.make(title, maxLength: 50)
        let day = String(format: "%04d%02d%02d", start.date.year, start.date.month, start.date.day)
        var b = AdHocBriefing(
            id: AdHocBriefing.ID((base.isEmpty ? "hop-bao" : base) + "-" + day),
            title: BilingualText(vi: title, en: form.titleEn.flatMap { $0.isEmpty ? nil : $0 }),
            organizer: Agency.ID(form.organizer),
            trigger: trigger,
            triggeredAt: triggeredAt,
            start: start,
            duration: form.minutes * 60
        )
        b.visibility = .public
        return b
    }

    func adHocForm(_ request: Request, _ context: PodiumRequestContext, form: AdHocForm?) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let policy = try await service.policy()
        let editable = policy.scope(of: user.actor, .edit, among: s.schedule.agencies.keys)
        guard !editable.isEmpty else { throw Problem(.forbidden, "Forbidden", "\(user.name) may not edit any agency") }
        let language = user.language
        let now = service.now()
        let nowLocal = try TimeZones.wallTime(of: now, in: RegularSeries.defaultTimeZone)
        let stamp = { (t: LocalDateTime) in
            String(format: "%04d-%02d-%02dT%02d:%02d", t.date.year, t.date.month, t.date.day, t.hour, t.minute)
        }
        var values: [String: Any] = [
            "titleVi": form?.titleVi ?? "", "titleEn": form?.titleEn ?? "", "organizer": form?.organizer ?? "",
            "trigger": form?.trigger ?? TriggerKind.incident.rawValue,
            "triggeredAt": form?.triggeredAt ?? stamp(nowLocal),
            "start": form?.start ?? stamp(nowLocal.adding(seconds: 6 * 3600)), "minutes": form?.minutes ?? 60,
        ]
        var page: [String: Any] = [
            "agencies": s.schedule.agencies.values.filter { editable.contains($0.id) }.sorted { $0.id < $1.id }.map {
                ["id": $0.id.rawValue, "name": $0.name.text(language), "selected": $0.id.rawValue == form?.organizer]
                    as [String: Any]
            },
            "triggers": TriggerKind.allCases.map {
                ["id": $0.rawValue, "name": $0.rawValue, "selected": $0.rawValue == (values["trigger"] as? String)]
                    as [String: Any]
            },
        ]
        if let form {
            let b = try briefing(form)
            try await service.authorize(context, .edit, .agency(b.organizer))
            values["organizer"] = b.organizer.rawValue
            // The checks `podium check` runs, on this briefing as it would be.
            var after = s.schedule
            after.adHoc[b.id] = b
            let engine = service.engine(s, around: now)
            let o = try engine.occurrence(of: b)
            let findings = PlanChecker(calendar: engine.calendar, officeHours: s.officeHours, rules: service.rules(s))
                .check(
                    [o],
                    schedule: after,
                    roster: s.roster,
                    window: try PlanWindow(covering: o.startInstant, o.endInstant)
                )
                .filter { $0.agency == nil && $0.rule != "UNCOVERED" && $0.rule != "NO-BACKUP" }
            let due = try TimeZones.wallTime(of: b.dueBy, in: RegularSeries.defaultTimeZone)
            let remaining = Int(b.dueBy.timeIntervalSince(now) / 60)
            let left =
                remaining >= 0
                ? (language == .en
                    ? "\(remaining / 60) h \(remaining % 60) min left"
                    : "còn \(remaining / 60) giờ \(remaining % 60) phút")
                : (language == .en ? "already passed" : "đã quá hạn")
            let late = (try? TimeZones.instant(of: b.start, in: b.timeZone)).map { $0 > b.dueBy } ?? false
            page["preview"] = true
            page["late"] = late
            page["deadlineText"] =
                (language == .en ? "First statement due by " : "Hạn phát ngôn lần đầu: ")
                + HTML.when(due, nil, language: language) + " (\(b.deadline.hours) h; \(left))"
                + (late
                    ? (language == .en
                        ? " — the proposed start is after it: give a first statement by other means in time"
                        : " — giờ bắt đầu đề xuất đã quá hạn: cần phát ngôn trước bằng hình thức khác")
                    : "")
            page["hasFindings"] = !findings.isEmpty
            page["findings"] = findings.map {
                WorkspaceController.finding($0)
            }
        }
        page["form"] = values
        let title = language == .en ? "Call an ad-hoc briefing" : "Triệu tập họp báo đột xuất"
        return render("adhoc", page, user: user, session: context, title: title)
    }

    func createAdHoc(_ request: Request, _ context: PodiumRequestContext, _ form: AdHocForm) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        var b = try briefing(form)
        try await service.authorize(context, .edit, .agency(b.organizer))
        let s = try await service.current()
        guard s.schedule.adHoc[b.id] == nil, s.schedule.series[RegularSeries.ID(b.id.rawValue)] == nil else {
            throw Problem(.conflict, "Already exists", "\(b.id) exists already; change the title or the day")
        }
        b.status = s.schedule.initialStatus(
            for: b.organizer,
            authorMayApprove: service.allows(context, .approve, .agency(b.organizer), try await service.policy())
        )
        do { _ = try service.store.saveAdHoc(b, expectedRevision: nil, actor: user.name, at: Date()) } catch {
            throw service.problem(error)
        }
        service.state.invalidate()
        return Response.redirect(to: "/workspace/occurrences/\(HTML.pathSegment(b.id.rawValue))", type: .normal)
    }
}
