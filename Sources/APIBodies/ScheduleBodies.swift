public import Foundation
import ICalendar
public import Scheduling

/// `POST /api/series/{id}/cancel`: one occurrence, by its original start.
public struct CancelBody: APIBody {
    public var original: String
    public var reason: String
}

/// `POST /api/series/{id}/move`: one occurrence to another time, another venue, or both.
public struct MoveBody: APIBody {
    public var original: String
    public var to: String?
    public var venue: String?
    public var reason: String
}

/// `POST /api/series/{id}/split`: this and the following occurrences become a new series.
public struct SplitBody: APIBody {
    public var original: String
    public var newId: String
}

/// An ad-hoc (or planned one-off) briefing, as `POST /api/adhoc` and `PUT /api/adhoc/{id}` take it.
public struct AdHocBody: APIBody {
    public var id: String
    public var title: String
    public var titleEn: String?
    public var organizer: String
    public var trigger: TriggerKind
    public var triggeredAt: Date
    public var start: String
    public var duration: Int
    public var venue: String?
    public var topic: String?
    public var visibility: Visibility?
    /// The seats its panel needs: `chair`, `moderator`, `interpreter`, `matter:MATTER`.
    public var panel: [String]?

    /// The engine value (a draft or not is the server's decision, by the agency's policy).
    public func briefing() throws(BodyError) -> AdHocBriefing {
        if let problem = Slug.problem(with: id) { throw BodyError(.malformed, "id: \(problem)") }
        guard (1...24 * 60).contains(duration) else { throw BodyError(.malformed, "duration is 1–1440 minutes") }
        var b = AdHocBriefing(
            id: AdHocBriefing.ID(id),
            title: BilingualText(vi: title, en: titleEn),
            organizer: Agency.ID(organizer),
            trigger: trigger,
            triggeredAt: triggeredAt,
            start: try BodyFields.local(start),
            duration: duration * 60
        )
        b.venue = venue.map { Venue.ID($0) }
        b.topic = topic
        b.visibility = visibility ?? .public
        b.panel = try BodyFields.panelNeeds(panel)
        return b
    }
}

/// A reason alone (approve, withdraw and the like).
public struct ReasonBody: APIBody {
    public var reason: String
}

/// `PUT /api/assignments/{occurrence}`: who speaks, who stands by, who sits on the panel
/// (`ROLE:PERSON[:MATTER]`; absent keeps the panel as it is, `[]` empties it).
public struct AssignBody: APIBody {
    public var primary: String
    public var backups: [String]?
    public var panel: [String]?
    public var locked: Bool?
    public var reason: String

    /// The assignment of `occurrence` this body asks for, over what is stored (`current`).
    public func assignment(_ occurrence: OccurrenceID, current: Assignment?) throws(BodyError) -> Assignment {
        var seats: [PanelSeat] = []
        for text in panel ?? [] { seats.append(try BodyFields.seat(text)) }
        return Assignment(
            occurrence: occurrence,
            primary: .init(person: Spokesperson.ID(primary), source: .manual),
            backups: (backups ?? []).map { .init(person: Spokesperson.ID($0), source: .manual) },
            panel: panel == nil ? current?.panel ?? [] : seats,
            locked: locked ?? false,
            reason: reason
        )
    }
}

/// A window of days for checks and auto-assign (dates in the plan's zone).
public struct WindowBody: APIBody {
    public var from: String
    public var to: String
    public static var annotations: [String: BodyAnnotation] { ["from": .format("date"), "to": .format("date")] }
}

/// A new regular series, as the API takes it (the fields `podium series add` takes).
public struct SeriesCreateBody: APIBody {
    public var id: String
    public var title: String
    public var titleEn: String?
    public var organizer: String
    public var rrule: String
    public var start: String
    public var minutes: Int
    public var venue: String?
    public var form: InformationForm?
    public var visibility: Visibility?
    public var holidayPolicy: HolidayPolicy?
    /// The seats its panel needs: `chair`, `moderator`, `interpreter`, `matter:MATTER`.
    public var panel: [String]?

    /// The engine value; a rule, start or length it cannot take is refused by field.
    public func series() throws(BodyError) -> RegularSeries {
        let rule: RecurrenceRule
        do { rule = try RecurrenceRule(rrule) } catch { throw BodyError(.refused, "rrule: \(error)") }
        guard let first = LocalDateTime(iso: start) else {
            throw BodyError(.refused, "start: \"\(start)\" is not YYYY-MM-DDTHH:MM")
        }
        guard (1...1440).contains(minutes) else { throw BodyError(.refused, "minutes: 1 to 1440") }
        var series = RegularSeries(
            id: RegularSeries.ID(id),
            title: BilingualText(vi: title, en: titleEn),
            organizer: Agency.ID(organizer),
            rule: rule,
            start: first,
            duration: minutes * 60,
            venue: venue.map { Venue.ID($0) },
            form: form ?? .pressConference,
            visibility: visibility ?? .public,
            holidayPolicy: holidayPolicy ?? .nextWorkingDay
        )
        series.panel = try BodyFields.panelNeeds(panel)
        return series
    }
}

/// `POST /api/plan`: the plan's YAML in a JSON envelope (`GET /api/plan` gives the same).
public struct PlanBody: APIBody {
    public var yaml: String
    public init(yaml: String) { self.yaml = yaml }
}

/// `POST /api/approvals/{kind}/{id}`: approve (the default) or return with a comment.
public struct DecisionBody: APIBody {
    /// "approve" or "return".
    public var decision: String
    public var comment: String?
    public static let decisions = ["approve", "return"]
    public static var annotations: [String: BodyAnnotation] { ["decision": .oneOf(decisions)] }
}
