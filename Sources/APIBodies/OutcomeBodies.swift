import Foundation
import ICalendar
public import Scheduling

/// What happened at a briefing, as the API and the workspace form send it: flat fields, and
/// speakers as "ID:ROLE" (someone on the roster) and guests as "NAME:ROLE", like the CLI.
/// `podium outcome record|show --json` print the same shape, so one client reads both.
public struct OutcomeBody: APIBody {
    public var result: String
    public var reason: String?
    public var postponedTo: String?
    public var actualStart: String?
    public var actualEnd: String?
    public var speakers: [String]?
    public var guests: [String]?
    public var agencies: Int?
    public var journalists: Int?
    public var foreignAgencies: Int?
    public var foreignJournalists: Int?
    public var questionsReceived: Int?
    public var questionsAnswered: Int?
    public var pressRelease: String?
    public var transcript: String?
    public var recording: String?
    public var note: String?

    public static let results = ["held", "not-held", "postponed"]
    public static var annotations: [String: BodyAnnotation] { ["result": .oneOf(results)] }

    public init(
        result: String,
        reason: String? = nil,
        postponedTo: String? = nil,
        actualStart: String? = nil,
        actualEnd: String? = nil,
        speakers: [String]? = nil,
        guests: [String]? = nil,
        agencies: Int? = nil,
        journalists: Int? = nil,
        foreignAgencies: Int? = nil,
        foreignJournalists: Int? = nil,
        questionsReceived: Int? = nil,
        questionsAnswered: Int? = nil,
        pressRelease: String? = nil,
        transcript: String? = nil,
        recording: String? = nil,
        note: String? = nil
    ) {
        self.result = result
        self.reason = reason
        self.postponedTo = postponedTo
        self.actualStart = actualStart
        self.actualEnd = actualEnd
        self.speakers = speakers
        self.guests = guests
        self.agencies = agencies
        self.journalists = journalists
        self.foreignAgencies = foreignAgencies
        self.foreignJournalists = foreignJournalists
        self.questionsReceived = questionsReceived
        self.questionsAnswered = questionsAnswered
        self.pressRelease = pressRelease
        self.transcript = transcript
        self.recording = recording
        self.note = note
    }

    /// The body of an outcome on record, so a client can read, change and send it back.
    public init(_ o: Outcome) {
        var postponedTo: String? = nil
        if case .postponed(let to, _) = o.result { postponedTo = to.rawValue }
        self.init(
            result: o.result.name,
            reason: o.result.reason,
            postponedTo: postponedTo,
            actualStart: o.actualStart.map { String($0.description.prefix(16)) },
            actualEnd: o.actualEnd.map { String($0.description.prefix(16)) },
            speakers: o.speakers.compactMap { s in s.person.map { "\($0.rawValue):\(s.role.rawValue)" } },
            guests: o.speakers.compactMap { s in s.person == nil ? s.name.map { "\($0):\(s.role.rawValue)" } : nil },
            agencies: o.attendance?.agencies,
            journalists: o.attendance?.journalists,
            foreignAgencies: o.attendance?.foreignAgencies,
            foreignJournalists: o.attendance?.foreignJournalists,
            questionsReceived: o.questions?.received,
            questionsAnswered: o.questions?.answered,
            pressRelease: o.materials.pressRelease,
            transcript: o.materials.transcript,
            recording: o.materials.recording,
            note: o.note
        )
    }

    /// The engine value; only the form is checked here (OutcomeCheck judges the rest).
    public func outcome(_ id: OccurrenceID) throws(BodyError) -> Outcome {
        func text(_ s: String?) -> String? {
            guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
            return t
        }
        let r: Outcome.Result
        switch result {
        case "held": r = .held
        case "not-held": r = .notHeld(reason: text(reason) ?? "")
        case "postponed":
            guard let to = text(postponedTo) else {
                throw BodyError(.refused, "postponedTo: name the occurrence that took its place")
            }
            r = .postponed(to: OccurrenceID(rawValue: to), reason: text(reason) ?? "")
        default:
            throw BodyError(.refused, "result: one of held, not-held, postponed")
        }
        func time(_ s: String?, _ field: String) throws(BodyError) -> LocalDateTime? {
            guard let s = text(s) else { return nil }
            guard let t = LocalDateTime(iso: s) else {
                throw BodyError(.refused, "\(field): \"\(s)\" is not YYYY-MM-DDTHH:MM")
            }
            return t
        }
        func split(_ s: String, _ field: String) throws(BodyError) -> (String, Outcome.SpeakerRole) {
            guard let colon = s.lastIndex(of: ":"),
                let role = Outcome.SpeakerRole(rawValue: String(s[s.index(after: colon)...])),
                !s[..<colon].trimmingCharacters(in: .whitespaces).isEmpty
            else {
                let roles = Outcome.SpeakerRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw BodyError(.refused, "\(field): \"\(s)\" should be WHO:ROLE, the role one of \(roles)")
            }
            return (s[..<colon].trimmingCharacters(in: .whitespaces), role)
        }
        var o = Outcome(occurrence: id, result: r, note: text(note))
        o.actualStart = try time(actualStart, "actualStart")
        o.actualEnd = try time(actualEnd, "actualEnd")
        for s in (speakers ?? []).compactMap(text) {
            let (who, role) = try split(s, "speakers")
            o.speakers.append(Outcome.Speaker(person: Spokesperson.ID(who), role: role))
        }
        for g in (guests ?? []).compactMap(text) {
            let (who, role) = try split(g, "guests")
            o.speakers.append(Outcome.Speaker(name: who, role: role))
        }
        if agencies != nil || journalists != nil || foreignAgencies != nil || foreignJournalists != nil {
            o.attendance = Outcome.Attendance(
                agencies: agencies ?? 0,
                journalists: journalists ?? 0,
                foreignAgencies: foreignAgencies ?? 0,
                foreignJournalists: foreignJournalists ?? 0
            )
        }
        if questionsReceived != nil || questionsAnswered != nil {
            o.questions = Outcome.Questions(received: questionsReceived ?? 0, answered: questionsAnswered ?? 0)
        }
        o.materials = Outcome.Materials(
            pressRelease: text(pressRelease),
            transcript: text(transcript),
            recording: text(recording)
        )
        return o
    }
}

/// `POST /api/followups`: a question a journalist was promised an answer to.
public struct FollowUpBody: APIBody {
    public var occurrence: String
    public var outlet: String
    public var question: String
    public var promised: String
    public static var annotations: [String: BodyAnnotation] { ["promised": .format("date")] }
}

/// `POST /api/followups/{id}/answer`.
public struct AnswerBody: APIBody {
    /// The day it was answered (YYYY-MM-DD); absent with `reopen`.
    public var on: String?
    public var reopen: Bool?
    public static var annotations: [String: BodyAnnotation] { ["on": .format("date")] }
}
