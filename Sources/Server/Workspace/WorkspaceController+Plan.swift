import Foundation
import HTTPTypes
import Hummingbird
import Scheduling
import Store

/// The plan as a file (`/workspace/plan`): download the whole plan as the YAML `podium import`
/// reads, and upload one back — all or nothing, a problem named at its file, line and field,
/// and nothing stored. The upload is based on the revision shown on the page, so a plan
/// downloaded before someone else's change is refused rather than undoing it. The same
/// operations as `GET /api/plan` and `POST /api/plan`, through the same checks.
extension WorkspaceController {
    func addPlanRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace/plan") { request, context in try await self.planPage(request, context) }
        router.get("/workspace/plan.yaml") { request, context in
            guard context.identity != nil else { return Self.signIn(request) }
            let (text, revision) = try await self.service.downloadPlan(context)
            var headers: HTTPFields = [
                .contentType: "application/yaml; charset=utf-8",
                .contentDisposition: "attachment; filename=\"plan-\(revision).yaml\"",
            ]
            headers[.eTag] = "\"\(revision)\""
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        router.post("/workspace/plan") { request, context in try await self.uploadPlan(request, context) }
    }

    func planPage(
        _ request: Request,
        _ context: PodiumRequestContext,
        outcome: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        // Someone who reads only some agencies downloads their part (the page says so).
        let policy = try await service.policy()
        let everything = s.schedule.agencies.keys.allSatisfy { service.allows(context, .view, .agency($0), policy) }
        var page: [String: Any] = [
            "revision": s.revision, "series": s.schedule.series.count, "adhoc": s.schedule.adHoc.count,
            "people": s.roster.people.count, "assignments": s.roster.assignments.count,
        ]
        page["canDownload"] = true
        if !everything { page["partOnly"] = true }
        page.merge(outcome) { _, b in b }
        let title = user.language == .en ? "The plan as a file" : "Kế hoạch dạng tệp"
        var response = render("plan", page, user: user, session: context, title: title)
        response.status = status
        return response
    }

    func uploadPlan(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return Self.signIn(request) }
        let form = try await MultipartForm.read(request, context, limit: 4 * 1024 * 1024)
        let name = form.fileName("plan") ?? "plan.yaml"
        do {
            guard let data = form.file("plan"), !data.isEmpty, let text = String(data: data, encoding: .utf8) else {
                throw Problem(.unprocessableContent, "Invalid plan", "choose a plan file (YAML, UTF-8)")
            }
            let reply = try await service.uploadPlan(
                text,
                name: name,
                expected: form.field("revision").flatMap { Int($0) },
                context
            )
            var done: [String: Any] = [
                "uploaded": name, "created": reply.created, "updated": reply.updated, "unchanged": reply.unchanged,
            ]
            if reply.created.isEmpty && reply.updated.isEmpty { done["nothingChanged"] = true }
            if !reply.created.isEmpty { done["hasCreated"] = true }
            if !reply.updated.isEmpty { done["hasUpdated"] = true }
            if let note = reply.note { done["note"] = note }
            if !reply.drafted.isEmpty {
                done["drafted"] = reply.drafted
                done["hasDrafted"] = true
            }
            return try await planPage(request, context, outcome: done)
        } catch let p as Problem
            where p.status == .unprocessableContent || p.status == .badRequest || p.status == .preconditionFailed
        {
            // Nothing was stored: the page again, with what was wrong and where.
            return try await planPage(request, context, outcome: ["problem": p.detail], status: p.status)
        }
    }
}
