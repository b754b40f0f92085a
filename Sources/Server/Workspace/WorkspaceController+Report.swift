import Foundation
import Hummingbird
import ICalendar
import Scheduling
import Store

/// The yearly report in the workspace: its numbers, the briefings still missing an outcome,
/// the written parts to edit before export, and the document itself (HTML for print, CSV and
/// JSON) — all from `ReportDocument`, like `podium report`.
extension WorkspaceController {
    struct NarrativeForm: Decodable {
        var csrf: String?
        var year: Int
        var agency: String?
        var number: String?
        var date: String?
        var place: String?
        var signer: String?
        var achievements: String?
        var shortcomings: String?
        var directions: String?
    }

    func addReportRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace/report") { request, context in try await self.reportPage(request, context) }
        router.post("/workspace/report") { request, context in try await self.saveNarrative(request, context) }
        router.get("/workspace/report/{file}") { request, context in try await self.reportFile(request, context) }
    }

    func reportPage(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let (year, agency) = try await service.reportScope(request, context)
        let report = try await service.report(year: year, agency: agency)
        let s = try await service.current()
        let policy = try await service.policy()
        let language = user.language
        let canEdit = service.allows(context, .edit, .agency(agency ?? AccessPolicy.everywhere), policy)
        let query = "?year=\(year)" + (agency.map { "&agency=" + HTML.queryValue($0.rawValue) } ?? "")
        let viewable = s.schedule.agencies.values.filter {
            service.allows(context, .view, .agency($0.id), policy)
        }.sorted { $0.id < $1.id }
        let n = report.narrative
        var page: [String: Any] = [
            "year": year, "query": query, "canEdit": canEdit,
            "agencies": viewable.map {
                ["id": $0.id.rawValue, "name": $0.name.text(language), "selected": $0.id == agency] as [String: Any]
            },
            "planned": report.summary.planned, "held": report.summary.held,
            "unmet": report.compliance.reduce(0) { $0 + $1.unmet },
            "open": report.press.stillOpen,
            "missing": report.unrecorded.map { id -> [String: Any] in
                ["id": id, "link": HTML.pathSegment(id)]
            },
            "number": n.number, "place": n.place, "signer": n.signer, "achievements": n.achievements,
            "shortcomings": n.shortcomings, "directions": n.directions,
        ]
        if let agency { page["agency"] = agency.rawValue }
        if let d = n.date { page["date"] = d.description }
        if !report.unrecorded.isEmpty { page["hasMissing"] = true }
        let title = (language == .en ? "Yearly report " : "Báo cáo năm ") + "\(year)"
        return render("yearreport", page, user: user, session: context, title: title)
    }

    func saveNarrative(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let form = try await WebAuthController.form(NarrativeForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        guard (1990...2200).contains(form.year) else { throw Problem.badRequest("year: a calendar year") }
        let agency = form.agency.flatMap { $0.isEmpty ? nil : Agency.ID($0) }
        let s = try await service.current()
        if let agency, s.schedule.agencies[agency] == nil { throw Problem.notFound("unknown agency \(agency)") }
        try await service.authorize(context, .edit, .agency(agency ?? AccessPolicy.everywhere))
        var date: LocalDate? = nil
        if let text = form.date, !text.isEmpty {
            guard let d = LocalDate(iso: text) else { throw Problem.badRequest("date: YYYY-MM-DD") }
            date = d
        }
        func clean(_ s: String?) -> String {
            (s ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let narrative = ReportNarrative(
            number: clean(form.number),
            date: date,
            place: clean(form.place),
            achievements: clean(form.achievements),
            shortcomings: clean(form.shortcomings),
            directions: clean(form.directions),
            signer: clean(form.signer)
        )
        try service.mapStore {
            try service.store.saveNarrative(narrative, year: form.year, agency: agency, actor: user.name, at: Date())
        }
        service.state.invalidate()
        let query = "?year=\(form.year)" + (agency.map { "&agency=" + HTML.queryValue($0.rawValue) } ?? "")
        return Response.redirect(to: "/workspace/report" + query, type: .normal)
    }

    func reportFile(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let file = try context.parameters.decoded("file")
        let (year, agency) = try await service.reportScope(request, context)
        let report = try await service.report(year: year, agency: agency)
        let s = try await service.current()
        let (type, bytes): (String, [UInt8])
        switch file {
        case "report.html":
            type = "text/html; charset=utf-8"
            bytes = Array(ReportDocument.html(report, schedule: s.schedule, language: user.language).utf8)
        case "report.csv":
            type = "text/csv; charset=utf-8"
            bytes = Array(ReportDocument.csv(report).utf8)
        case "report.json":
            type = "application/json; charset=utf-8"
            bytes = Array(try ReportDocument.json(report))
        default:
            throw Problem.notFound("no \(file): report.html, report.csv or report.json")
        }
        var response = PodiumService.html("", personal: true)
        response.headers[.contentType] = type
        response.body = .init(byteBuffer: .init(bytes: bytes))
        return response
    }
}
