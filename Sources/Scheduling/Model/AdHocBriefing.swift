public import Foundation
public import ICalendar

/// What prompted an ad-hoc briefing (Decree 09/2017 Art. 6; R-ADHOC-COVERAGE).
public enum TriggerKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// An incident or event with large social impact.
    case incident
    /// Public opinion divided on a matter the agency manages.
    case dividedOpinion = "divided-opinion"
    /// A press agency or the press management agency asked for a statement.
    case pressRequest = "press-request"
    /// Not triggered: a planned one-off briefing (an investment forum). It has no statutory
    /// deadline, and a planned press conference counts for the periodic rule.
    case planned
}

/// The time allowed between the trigger and the first statement, with its legal basis.
///
/// Decree 09/2017 Art. 6 says only "promptly" (kịp thời); the 24-hour default comes from the
/// superseded Decision 25/2013/QĐ-TTg ("no later than 1 day") and is configurable
/// (R-ADHOC-DEADLINE, domain.md §5).
public struct StatementDeadline: Hashable, Sendable, Codable {
    public var hours: Int
    public var legalBasis: String

    public init(hours: Int, legalBasis: String) {
        self.hours = hours
        self.legalBasis = legalBasis
    }

    public static let standard = StatementDeadline(
        hours: 24,
        legalBasis: "Decree 09/2017/NĐ-CP Art. 6 (\"promptly\"); 24 h from Decision 25/2013/QĐ-TTg, kept as default"
    )
}

/// An ad-hoc briefing (họp báo đột xuất).
public struct AdHocBriefing: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<AdHocBriefing>

    /// How it relates to a regular occurrence, if at all.
    public enum Relation: String, Hashable, Sendable, Codable, CaseIterable {
        case replaces, addsTo = "adds-to"
    }

    public var id: ID
    public var title: BilingualText
    public var description: BilingualText?
    public var organizer: Agency.ID
    public var topic: String?
    public var trigger: TriggerKind
    public var triggeredAt: Date
    public var deadline: StatementDeadline
    public var start: LocalDateTime
    public var duration: Int
    public var timeZone: String
    public var venue: Venue.ID?
    public var form: InformationForm
    public var access: AccessClass
    public var attribution: AttributionRule
    public var visibility: Visibility
    public var status: BriefingStatus
    public var cancellationReason: String?
    public var embargoUntil: Date?
    public var languages: Set<Language>
    public var interpretation: Bool
    /// Who sits on the panel besides the spokesperson (none unless declared).
    public var panel: PanelNeeds
    /// The regular occurrence it replaces or adds to, and how.
    public var relatedOccurrence: OccurrenceID?
    public var relation: Relation?
    /// When the first statement went out, if before the briefing (a press release): the
    /// deadline is met by the first statement in any form.
    public var firstStatementAt: Date?
    public var revision: Int

    public init(
        id: ID,
        title: BilingualText,
        organizer: Agency.ID,
        trigger: TriggerKind,
        triggeredAt: Date,
        start: LocalDateTime,
        duration: Int,
        timeZone: String = RegularSeries.defaultTimeZone,
        deadline: StatementDeadline = .standard,
        revision: Int = 1
    ) {
        self.id = id
        self.title = title
        self.description = nil
        self.organizer = organizer
        self.topic = nil
        self.trigger = trigger
        self.triggeredAt = triggeredAt
        self.deadline = deadline
        self.start = start
        self.duration = duration
        self.timeZone = timeZone
        self.venue = nil
        self.form = .pressConference
        self.access = .open
        self.attribution = .onTheRecord
        self.visibility = .public
        self.status = .scheduled
        self.cancellationReason = nil
        self.embargoUntil = nil
        self.languages = [.vi]
        self.interpretation = false
        self.panel = PanelNeeds()
        self.relatedOccurrence = nil
        self.relation = nil
        self.firstStatementAt = nil
        self.revision = revision
    }

    /// When the first statement is due.
    public var dueBy: Date { triggeredAt.addingTimeInterval(TimeInterval(deadline.hours * 3600)) }
}
