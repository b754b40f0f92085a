import APIBodies
import Foundation
import Hummingbird
import ICalendar
import Scheduling
import Store

/// "After the briefing" on the occurrence page: what happened, who spoke, who came, what was
/// asked and what answers were promised (docs/outcomes.md). The form sends the same fields as
/// the API's `OutcomeBody`; the store applies the one rule check (OutcomeCheck).
extension WorkspaceController {
    struct OutcomeForm: Decodable {
        var csrf: String?
        /// The outcome's revision when the page was read (0: none recorded).
        var revision: Int
        var result: String
        var reason: String?
        var postponedTo: String?
        var actualStart: String?
        var actualEnd: String?
        var speaker1: String?
        var role1: String?
        var speaker2: String?
        var role2: String?
        var speaker3: String?
        var role3: String?
        var guest1: String?
        var guestRole1: String?
        var guest2: String?
        var guestRole2: String?
        var agencies: String?
        var journalists: String?
        var foreignAgencies: String?
        var foreignJournalists: String?
        var questionsReceived: String?
        var questionsAnswered: String?
        var pressRelease: String?
        var transcript: String?
        var recording: String?
        var note: String?

        /// The API body: empty fields are absent; a number field that is not a number is
        /// refused by name. The form is pre-filled from the plan, so for a briefing that was
        /// not held the held-only fields (times, speakers, press, questions) are left out.
        func body() throws -> OutcomeBody {
            if result != "held" {
                return OutcomeBody(result: result, reason: reason, postponedTo: postponedTo, note: note)
            }
            func number(_ s: String?, _ field: String) throws -> Int? {
                guard let t = s?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
                guard let n = Int(t) else { throw Problem.badRequest("\(field): \"\(t)\" is not a whole number") }
                return n
            }
            func pair(_ who: String?, _ role: String?) -> String? {
                guard let w = who?.trimmingCharacters(in: .whitespaces), !w.isEmpty else { return nil }
                return "\(w):\(role ?? "spokesperson")"
            }
            return OutcomeBody(
                result: result,
                reason: reason,
                postponedTo: postponedTo,
                actualStart: actualStart,
                actualEnd: actualEnd,
                speakers: [pair(speaker1, role1), pair(speaker2, role2), pair(speaker3, role3)].compactMap { $0 },
                guests: [pair(guest1, guestRole1), pair(guest2, guestRole2)].compactMap { $0 },
                agencies: try number(agencies, "agencies"),
                journalists: try number(journalists, "journalists"),
                foreignAgencies: try number(foreignAgencies, "foreignAgencies"),
                foreignJournalists: try number(foreignJournalists, "foreignJournalists"),
                questionsReceived: try number(questionsReceived, "questionsReceived"),
                questionsAnswered: try number(questionsAnswered, "questionsAnswered"),
                pressRelease: pressRelease,
                transcript: transcript,
                recording: recording,
                note: note
            )
        }
    }

    struct FollowUpForm: Decodable {
        var csrf: String?
        var outlet: String
        var question: String
        var promised: String
    }

    struct AnswerForm: Decodable {
        var csrf: String?
        var on: String
    }

    func addOutcomeRoutes(to router: Router<PodiumRequestContext>) {
        router.post("/workspace/followups/{id}/answer") { request, context in
            try await self.answerFollowUp(request, context)
        }
    }

    /// The page's "after the briefing" part: shown once the occurrence has started.
    func afterSection(_ o: Occurrence, _ s: PodiumService.State, canEdit: Bool, language: Language) throws
        -> [String: Any]
    {
        guard o.startInstant <= service.now(), o.status != .draft else { return [:] }
        var out: [String: Any] = ["after": true, "outcomeRevision": try service.store.outcomeRevision(o.id)]
        let outcome = try service.store.outcome(o.id)
        if let outcome {
            var summary = [WorkspaceText.result(outcome.result.name, language)]
            if let r = outcome.result.reason { summary.append(r) }
            if let a = outcome.attendance {
                summary.append(
                    language == .en
                        ? "\(a.agencies) press agencies, \(a.journalists) journalists (\(a.foreignJournalists) foreign)"
                        : "\(a.agencies) cơ quan báo chí, \(a.journalists) phóng viên (\(a.foreignJournalists) nước ngoài)"
                )
            }
            if let q = outcome.questions {
                summary.append(
                    language == .en
                        ? "\(q.answered)/\(q.received) questions answered"
                        : "trả lời \(q.answered)/\(q.received) câu hỏi"
                )
            }
            out["outcomeSummary"] = summary.joined(separator: " · ")
            out["outcomeSpeakers"] = outcome.speakers.map {
                "\($0.person.flatMap { s.roster.people[$0]?.name } ?? $0.name ?? $0.person?.rawValue ?? "?") (\(WorkspaceText.result($0.role.rawValue, language)))"
            }
        }
        let day = (try? TimeZones.wallTime(of: service.now(), in: o.timeZone).date) ?? o.start.date
        out["followUps"] = try service.store.followUps(occurrence: o.id).map { f -> [String: Any] in
            var row: [String: Any] = [
                "id": f.id, "outlet": f.outlet, "question": f.question, "promised": f.promised.description,
                "status": WorkspaceText.result(f.status(on: day).rawValue, language),
            ]
            if let a = f.answered { row["answered"] = a.description } else if canEdit { row["canAnswer"] = true }
            return row
        }
        guard canEdit else { return out }
        out["canRecord"] = true
        out["today"] = day.description
        // The form starts from what is recorded, else from the plan and the assignment.
        let a = s.roster.assignments[o.id]
        let people = (outcome?.speakers.compactMap(\.person) ?? a?.primary.map { [$0.person] } ?? [])
        let roles = outcome?.speakers.filter { $0.person != nil }.map(\.role.rawValue) ?? ["spokesperson"]
        let guests = outcome?.speakers.filter { $0.person == nil } ?? []
        out["speakerRows"] = (0..<3).map { i -> [String: Any] in
            let chosen = i < people.count ? people[i].rawValue : ""
            let role = i < roles.count ? roles[i] : "spokesperson"
            return [
                "n": i + 1,
                "people": s.roster.people.values.sorted { $0.name < $1.name }.map {
                    ["id": $0.id.rawValue, "name": $0.name, "selected": $0.id.rawValue == chosen] as [String: Any]
                },
                "roles": Self.roleOptions(role, language),
            ]
        }
        out["guestRows"] = (0..<2).map { i -> [String: Any] in
            var row: [String: Any] = [
                "n": i + 1,
                "roles": Self.roleOptions(i < guests.count ? guests[i].role.rawValue : "panelist", language),
            ]
            if i < guests.count, let name = guests[i].name { row["value"] = name }
            return row
        }
        out["results"] = OutcomeBody.results.map {
            [
                "id": $0, "name": WorkspaceText.result($0, language),
                "selected": (outcome?.result.name ?? "held") == $0,
            ] as [String: Any]
        }
        func put(_ key: String, _ value: (some CustomStringConvertible)?) {
            if let value { out[key] = value.description }
        }
        put("reasonValue", outcome?.result.reason)
        if case .postponed(let to, _) = outcome?.result { put("postponedValue", to.rawValue) }
        put("actualStartValue", (outcome?.actualStart ?? o.start).description.prefix(16))
        put("actualEndValue", (outcome?.actualEnd ?? o.end).description.prefix(16))
        put("agenciesValue", outcome?.attendance?.agencies)
        put("journalistsValue", outcome?.attendance?.journalists)
        put("foreignAgenciesValue", outcome?.attendance?.foreignAgencies)
        put("foreignJournalistsValue", outcome?.attendance?.foreignJournalists)
        put("receivedValue", outcome?.questions?.received)
        put("answeredValue", outcome?.questions?.answered)
        put("pressReleaseValue", outcome?.materials.pressRelease)
        put("transcriptValue", outcome?.materials.transcript)
        put("recordingValue", outcome?.materials.recording)
        put("noteValue", outcome?.note)
        return out
    }

    static func roleOptions(_ selected: String, _ language: Language) -> [[String: Any]] {
        Outcome.SpeakerRole.allCases.map {
            [
                "id": $0.rawValue, "name": WorkspaceText.result($0.rawValue, language),
                "selected": $0.rawValue == selected,
            ]
        }
    }

    /// POST …/outcome and …/followup (through the occurrence's change route).
    func afterChange(_ action: String, _ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return Self.signIn(request) }
        let s = try await service.current()
        let o = try resolve(context, s)
        do {
            switch action {
            case "outcome":
                let form = try await WebAuthController.form(OutcomeForm.self, request, context)
                try WebAuthController.checkCSRF(form.csrf, context)
                _ = try await service.recordOutcome(try form.body(), for: o, expected: form.revision, context: context)
            default:
                let form = try await WebAuthController.form(FollowUpForm.self, request, context)
                try WebAuthController.checkCSRF(form.csrf, context)
                let actor = try await service.authorize(context, .edit, .agency(o.organizer)).name
                guard let promised = LocalDate(iso: form.promised) else {
                    throw Problem.badRequest("promised: \"\(form.promised)\" is not a date (YYYY-MM-DD)")
                }
                _ = try service.mapStore {
                    try service.store.addFollowUp(
                        FollowUp(occurrence: o.id, outlet: form.outlet, question: form.question, promised: promised),
                        now: service.now(),
                        actor: actor,
                        at: Date()
                    )
                }
            }
        } catch let p as Problem
            where p.status == .unprocessableContent || p.status == .badRequest || p.status == .preconditionFailed
        {
            // Refused (or changed by someone else meanwhile): the page again, saying what was
            // wrong; nothing was saved.
            var response = try await occurrence(request, context, flash: nil, problem: p.detail)
            response.status = p.status == .preconditionFailed ? .conflict : .unprocessableContent
            return response
        }
        service.state.invalidate()
        return Response.redirect(to: "/workspace/occurrences/\(HTML.pathSegment(o.id.rawValue))", type: .normal)
    }

    func answerFollowUp(_ request: Request, _ context: PodiumRequestContext) async throws -> Response {
        guard context.identity != nil else { return Self.signIn(request) }
        let form = try await WebAuthController.form(AnswerForm.self, request, context)
        try WebAuthController.checkCSRF(form.csrf, context)
        guard let id = Int(try context.parameters.decoded("id")),
            let f = try service.store.followUps().first(where: { $0.id == id })
        else { throw Problem.notFound("no such follow-up") }
        let s = try await service.current()
        let o = try service.target(f.occurrence, s)
        let actor = try await service.authorize(context, .edit, .agency(o.organizer)).name
        guard let day = LocalDate(iso: form.on) else { throw Problem.badRequest("on: a date, YYYY-MM-DD") }
        try service.mapStore { try service.store.answerFollowUp(id: id, on: day, actor: actor, at: Date()) }
        service.state.invalidate()
        return Response.redirect(to: "/workspace/occurrences/\(HTML.pathSegment(o.id.rawValue))", type: .normal)
    }
}
