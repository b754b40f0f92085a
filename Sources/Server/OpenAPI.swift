import APIBodies
import Foundation
import Scheduling

/// The OpenAPI 3.1 description of every route, served at `/openapi.json`. Built from one
/// table so the test that compares it with the router reads the same list.
enum OpenAPI {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let auth: Bool
        let body: (any APIBody.Type)?
    }

    static let operations: [Operation] = [
        Operation(method: "get", path: "/healthz", summary: "Liveness and database check", auth: false, body: nil),
        Operation(method: "get", path: "/openapi.json", summary: "This document", auth: false, body: nil),
        Operation(
            method: "get",
            path: "/feeds/public.vi.ics",
            summary: "Public feed, Vietnamese",
            auth: false,
            body: nil
        ),
        Operation(method: "get", path: "/feeds/public.en.ics", summary: "Public feed, English", auth: false, body: nil),
        Operation(
            method: "get",
            path: "/feeds/public.vi.atom",
            summary: "Changes to public briefings (Atom), Vietnamese",
            auth: false,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/feeds/public.en.atom",
            summary: "Changes to public briefings (Atom), English",
            auth: false,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/feeds/agencies/{file}",
            summary: "An agency's feed: <id>.ics or <id>.en.ics",
            auth: false,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/feeds/spokespeople/{file}",
            summary: "A spokesperson's private feed: <token>.ics",
            auth: false,
            body: nil
        ),
        Operation(method: "get", path: "/", summary: "Public calendar page (?lang=en)", auth: false, body: nil),
        Operation(method: "get", path: "/briefings/{id}", summary: "A briefing's page", auth: false, body: nil),
        Operation(method: "get", path: "/series/{id}", summary: "A regular series' page", auth: false, body: nil),
        Operation(
            method: "get",
            path: "/login",
            summary: "Sign-in form (sets the form's CSRF cookie)",
            auth: false,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/login",
            summary: "Sign in (form: user, password, csrf, next); 302 with a session cookie",
            auth: false,
            body: nil
        ),
        Operation(method: "post", path: "/logout", summary: "Sign out (form: csrf)", auth: true, body: nil),
        Operation(
            method: "get",
            path: "/workspace",
            summary: "The workspace (redirects to the month)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/month",
            summary: "Month calendar of the occurrences in scope (?m=YYYY-MM&agency=&form=)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/occurrences/{id}",
            summary: "An occurrence: findings, who speaks, move, cancel, assign",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/occurrences/{id}/{change}",
            summary: "move | cancel | assign (form: csrf, revision, reason, to, primary, backup); 409 when stale",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/approvals",
            summary: "Drafts waiting for approval",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/approvals/{kind}/{id}",
            summary: "Approve a draft series or ad-hoc briefing (form: csrf, revision)",
            auth: true,
            body: nil
        ),
        Operation(method: "get", path: "/workspace/history", summary: "The audit log (?id=)", auth: true, body: nil),
        Operation(method: "get", path: "/workspace/users", summary: "Users and grants (admins)", auth: true, body: nil),
        Operation(
            method: "post",
            path: "/workspace/users",
            summary: "Create a user (form); the one-time password is shown once",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/users/{name}/{action}",
            summary: "Revoke a grant (form: role, scope), disable or enable",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/grants",
            summary: "Grant a role (form: user, role, scope)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/week",
            summary: "The plan, week view (?d=&agency=&form=&person=)",
            auth: true,
            body: nil
        ),
        Operation(method: "get", path: "/workspace/adhoc", summary: "The ad-hoc briefing form", auth: true, body: nil),
        Operation(
            method: "post",
            path: "/workspace/adhoc/preview",
            summary: "The statement deadline and findings of a proposed ad-hoc briefing; saves nothing",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/adhoc/create",
            summary: "Create the ad-hoc briefing (a draft where the agency requires approval)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/board",
            summary: "Who speaks at each occurrence of a window (?from=&to=); uncovered ones marked",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/board/preview",
            summary: "What auto-assign would change (form: csrf, from, to); saves nothing",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/board/apply",
            summary: "Apply the previewed changes (form: csrf, from, to, proposal)",
            auth: true,
            body: nil
        ),
        Operation(method: "get", path: "/account", summary: "The signed-in user's page", auth: true, body: nil),
        Operation(
            method: "post",
            path: "/account/password",
            summary: "Change the password (form: csrf, current, new); ends other sessions",
            auth: true,
            body: nil
        ),
        Operation(method: "get", path: "/me/{token}", summary: "A spokesperson's own page", auth: false, body: nil),
        Operation(
            method: "get",
            path: "/press/{token}",
            summary: "An accredited press agency's page (press-only and embargoed items)",
            auth: false,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/feeds/press/{file}",
            summary: "An accredited press agency's private feed: <token>.ics or <token>.en.ics",
            auth: false,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/secretariat",
            summary: "Secretariat overview: checks and uncovered briefings",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/api/occurrences",
            summary: "Occurrences in a window (?from=&to=)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/api/series/{id}",
            summary: "A series; ETag is its revision",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/api/series/{id}/cancel",
            summary: "Cancel one occurrence (If-Match)",
            auth: true,
            body: CancelBody.self
        ),
        Operation(
            method: "post",
            path: "/api/series/{id}/move",
            summary: "Move one occurrence (If-Match)",
            auth: true,
            body: MoveBody.self
        ),
        Operation(
            method: "post",
            path: "/api/series/{id}/split",
            summary: "Split this and following (If-Match)",
            auth: true,
            body: SplitBody.self
        ),
        Operation(
            method: "post",
            path: "/api/adhoc",
            summary: "Create an ad-hoc briefing",
            auth: true,
            body: AdHocBody.self
        ),
        Operation(
            method: "get",
            path: "/api/adhoc/{id}",
            summary: "An ad-hoc briefing; ETag is its revision",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/api/assignments/{occurrence}",
            summary: "Who speaks at an occurrence; ETag is the assignment's revision (0: none yet)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "put",
            path: "/api/adhoc/{id}",
            summary: "Edit an ad-hoc briefing (If-Match required)",
            auth: true,
            body: AdHocBody.self
        ),
        Operation(
            method: "post",
            path: "/api/adhoc/{id}/cancel",
            summary: "Cancel an ad-hoc briefing (If-Match required)",
            auth: true,
            body: ReasonBody.self
        ),
        Operation(
            method: "put",
            path: "/api/assignments/{occurrence}",
            summary: "Assign spokespeople (If-Match)",
            auth: true,
            body: AssignBody.self
        ),
        Operation(
            method: "post",
            path: "/api/auto-assign",
            summary: "Automatic assignment over a window",
            auth: true,
            body: WindowBody.self
        ),
        Operation(
            method: "get",
            path: "/api/check",
            summary: "Checks before publishing (?from=&to=)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/api/series",
            summary: "Create a regular series (a draft where the agency requires approval)",
            auth: true,
            body: SeriesCreateBody.self
        ),
        Operation(
            method: "get",
            path: "/api/roster",
            summary: "The spokespeople of your agencies",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/api/roster/{person}/absences",
            summary: "Add a leave, travel or busy period (the person, or their secretariat)",
            auth: true,
            body: AbsenceBody.self
        ),
        Operation(
            method: "get",
            path: "/api/history",
            summary: "The audit log of your agencies' items (?id=&limit=)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/api/approvals/{kind}/{id}",
            summary: "Approve a draft (series or adhoc) or return it with a comment (If-Match: its revision)",
            auth: true,
            body: DecisionBody.self
        ),
        Operation(
            method: "get",
            path: "/api/plan",
            summary: "The whole plan as the YAML podium import reads, with its revision (ETag)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/api/plan",
            summary: "Upload a plan (YAML in the body; If-Match the revision downloaded): all or nothing",
            auth: true,
            body: PlanBody.self
        ),
        Operation(
            method: "get",
            path: "/api/outcomes/{occurrence}",
            summary: "What happened at an occurrence, with its follow-ups",
            auth: true,
            body: nil
        ),
        Operation(
            method: "put",
            path: "/api/outcomes/{occurrence}",
            summary: "Record (or replace) an occurrence's outcome",
            auth: true,
            body: OutcomeBody.self
        ),
        Operation(
            method: "get",
            path: "/api/followups",
            summary: "Answers promised to the press",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/api/followups",
            summary: "Record an answer promised at a briefing",
            auth: true,
            body: FollowUpBody.self
        ),
        Operation(
            method: "post",
            path: "/api/followups/{id}/answer",
            summary: "Mark a follow-up answered (or reopen it)",
            auth: true,
            body: AnswerBody.self
        ),
        Operation(
            method: "get",
            path: "/api/report",
            summary: "The yearly report's numbers (?year=&agency=)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/report",
            summary: "The yearly report: numbers and the written parts (?year=&agency=)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/report",
            summary: "Save the report's written parts (form)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/report/{file}",
            summary: "The report as report.html, report.csv or report.json (?year=&agency=)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/my",
            summary: "A spokesperson's own assignments, offers and absences (signed in)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/my/assignments/{id}/{answer}",
            summary: "Acknowledge (form: sequence), decline (form: reason) or offer an assignment",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/my/offers/{id}/take",
            summary: "Take a colleague's offered assignment",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/my/unavailability",
            summary: "Add a leave, travel or busy period (form: from, to, kind, reason)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/my/busy",
            summary: "Busy times from the person's own .ics (multipart form: csrf, ics)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/my/mail",
            summary: "Which kinds of notice to get by mail (form: a box per kind)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/swaps/{id}/{decision}",
            summary: "Approve or refuse a taken swap",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/series/new",
            summary: "The series editor: a rule builder in words, the RRULE and the next 12 dates",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/series/new",
            summary: "Preview a new series (form), or create it (form field save)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/series/{id}",
            summary: "A series: its rule in words, the next 12 dates, and changes to one, the following or all",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/series/{id}",
            summary: "Preview a change to the whole series (form), or save it (form fields save, revision)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/series/{id}/split",
            summary: "This and following: split the series at an occurrence (form: original, newId, revision)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/plan",
            summary: "The plan as a file: download link and upload form",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/plan",
            summary: "Upload a plan (multipart form: csrf, revision, plan)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "get",
            path: "/workspace/plan.yaml",
            summary: "The whole plan as YAML (someone who may view every agency)",
            auth: true,
            body: nil
        ),
        Operation(
            method: "post",
            path: "/workspace/followups/{id}/answer",
            summary: "Mark a follow-up answered (form: csrf, on)",
            auth: true,
            body: nil
        ),
    ]

    /// The request bodies' schemas, read from the body types themselves (`BodySchema`), so
    /// what the document declares required or enumerated is what the decoder requires.
    static let schemas: [String: BodySchema] = Dictionary(
        operations.compactMap(\.body).map { (name(of: $0), BodySchema.of($0)) },
        uniquingKeysWith: { first, _ in first }
    )

    static func name(of body: any APIBody.Type) -> String { String(describing: body) }

    /// Every status an operation may answer, each 4xx and 5xx with an RFC 9457 problem body.
    static func responses(for op: Operation) -> [String: Any] {
        let problem: [String: Any] = ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]
        var out: [String: Any] = [
            "200": ["description": "OK"], "400": ["description": "Bad request", "content": problem],
            "404": ["description": "Not found"], "405": ["description": "Method not allowed", "content": problem],
            "413": ["description": "Body too large"], "500": ["description": "Server error", "content": problem],
            "503": ["description": "Busy or degraded", "content": problem],
        ]
        if op.method == "get" { out["304"] = ["description": "Not modified"] }
        if op.path.hasPrefix("/feeds/") { return out }
        if op.auth || op.path.hasPrefix("/api/") || op.path.hasPrefix("/workspace") || op.path.hasPrefix("/my")
            || op.path == "/secretariat"
        {
            out["302"] = ["description": "Sign in first (pages)"]
            out["401"] = ["description": "No valid token or session", "content": problem]
            out["403"] = ["description": "Not allowed (the reason is given)", "content": problem]
        }
        if op.method != "get" {
            out["201"] = ["description": "Created"]
            out["303"] = ["description": "Done; see the page"]
            out["409"] = ["description": "Changed by someone else meanwhile (pages)"]
            out["412"] = ["description": "Stale If-Match", "content": problem]
            out["422"] = ["description": "Refused by the rules", "content": problem]
            out["428"] = ["description": "If-Match required", "content": problem]
        }
        if op.path == "/login" { out["429"] = ["description": "Too many failed sign-ins"] }
        return out
    }

    static let document: String = {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var entry: [String: Any] = ["summary": op.summary, "responses": responses(for: op)]
            let parameters = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                [
                    "name": String($0.dropFirst().dropLast()), "in": "path", "required": true,
                    "schema": ["type": "string"],
                ] as [String: Any]
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if op.auth { entry["security"] = [["bearer": [String]()]] }
            if let body = op.body {
                entry["requestBody"] = [
                    "required": true,
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(name(of: body))"]]],
                ]
            }
            paths[op.path, default: [:]][op.method] = entry
        }
        let components: [String: Any] = [
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            "schemas": schemas.mapValues(\.jsonObject).merging(
                [
                    "Problem": [
                        "type": "object", "required": ["type", "title", "status", "detail"],
                        "properties": [
                            "type": ["type": "string"], "title": ["type": "string"], "status": ["type": "integer"],
                            "detail": ["type": "string"], "instance": ["type": "string"],
                        ],
                    ]
                ],
                uniquingKeysWith: { a, _ in a }
            ),
        ]
        let doc: [String: Any] = [
            "openapi": "3.1.0", "info": ["title": "Podium", "version": "1.0.0"], "paths": paths,
            "components": components,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }()
}
