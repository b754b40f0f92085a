import Foundation
import Hummingbird
import ICalendar
import Scheduling
import Store

/// The week view of the plan: seven days side by side, each occurrence with its time, state
/// and speaker; days off named; filters by agency, form and spokesperson.
extension WorkspaceController {
    func addWeekRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace/week") { request, context in try await self.week(request, context) }
    }

    func week(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let policy = try await service.policy()
        let scope = policy.scope(of: user.actor, .view, among: s.schedule.agencies.keys)
        guard !scope.isEmpty else {
            throw Problem(.forbidden, "Forbidden", "\(user.name) may not view any agency's plan")
        }
        let language = user.language
        let q = request.uri.queryParameters
        let today = try TimeZones.wallTime(of: service.now(), in: RegularSeries.defaultTimeZone).date
        let day = q["d"].flatMap { LocalDate(iso: String($0)) } ?? today
        let monday = day.adding(days: -(day.isoWeekday - 1))
        let agencyFilter = q["agency"].map(String.init).flatMap { $0.isEmpty ? nil : Agency.ID($0) }
        let formFilter = q["form"].map(String.init).flatMap { InformationForm(rawValue: $0) }
        let personFilter = q["person"].map(String.init).flatMap { $0.isEmpty ? nil : Spokesperson.ID($0) }
        let window = try PlanWindow(from: monday, to: monday.adding(days: 7))
        let engine = service.engine(s, around: window.start)
        let occurrences = try engine.occurrences(in: s.schedule, from: window.start, to: window.end).filter { o in
            scope.contains(o.organizer) && (agencyFilter.map { o.organizer == $0 } ?? true)
                && (formFilter.map { o.form == $0 } ?? true)
                && (personFilter.map { s.roster.assignments[o.id]?.people.contains($0) ?? false } ?? true)
        }
        let weekdays = WorkspaceText.weekdays(language)
        let days = (0..<7).map { i -> [String: Any] in
            let d = monday.adding(days: i)
            var cell: [String: Any] = [
                "label": "\(weekdays[i]) \(String(format: "%02d/%02d", d.day, d.month))",
                "off": !engine.calendar.isWorkingDay(d),
                "items": occurrences.filter { $0.start.date == d }.map { o -> [String: Any] in
                    var item: [String: Any] = [
                        "link": HTML.pathSegment(o.id.rawValue), "title": o.title.text(language),
                        "time": String(
                            format: "%02d:%02d–%02d:%02d",
                            o.start.hour,
                            o.start.minute,
                            o.end.hour,
                            o.end.minute
                        ),
                        "status": o.status == .cancelled ? "cancelled" : o.status.rawValue,
                        "badge": WorkspaceText.badge(o, language),
                    ]
                    if let p = s.roster.assignments[o.id]?.primary?.person {
                        item["speaker"] = s.roster.people[p]?.name ?? p.rawValue
                    }
                    return item
                },
            ]
            if let holiday = engine.calendar.holiday(on: d) { cell["offName"] = holiday.name.text(language) }
            return cell
        }
        var query = ""
        if let agencyFilter { query += "&agency=" + HTML.queryValue(agencyFilter.rawValue) }
        if let formFilter { query += "&form=" + formFilter.rawValue }
        if let personFilter { query += "&person=" + HTML.queryValue(personFilter.rawValue) }
        let page: [String: Any] = [
            "day": monday.description, "days": days, "query": query,
            "previous": monday.adding(days: -7).description, "next": monday.adding(days: 7).description,
            "month": String(format: "%04d-%02d", monday.year, monday.month),
            "agencies": s.schedule.agencies.values.filter { scope.contains($0.id) }.sorted { $0.id < $1.id }.map {
                ["id": $0.id.rawValue, "name": $0.name.text(language), "selected": $0.id == agencyFilter]
                    as [String: Any]
            },
            "forms": InformationForm.allCases.map {
                ["id": $0.rawValue, "name": WorkspaceText.form($0, language), "selected": $0 == formFilter]
                    as [String: Any]
            },
            "people": s.roster.people.values.filter { scope.contains($0.agency) }.sorted { $0.name < $1.name }.map {
                ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id == personFilter] as [String: Any]
            },
        ]
        let title = (language == .en ? "Week of " : "Tuần từ ") + monday.description
        return render("week", page, user: user, session: context, title: title)
    }
}
