public import Foundation
public import ICalendar

/// A regular briefing series (họp báo định kỳ, Decree 09/2017 Art. 5): an RRULE from a first
/// local start in an IANA zone, with per-occurrence exceptions.
public struct RegularSeries: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<RegularSeries>

    public var id: ID
    public var title: BilingualText
    public var description: BilingualText?
    public var organizer: Agency.ID
    /// The matter spoken about (for authorizations that cover a named matter, Decree 09 Art. 3).
    public var topic: String?
    public var rule: RecurrenceRule
    /// The first occurrence's local start; must be an occurrence of `rule` (RFC 5545 §3.8.5.3).
    public var start: LocalDateTime
    /// Length in seconds.
    public var duration: Int
    /// IANA zone; `Asia/Ho_Chi_Minh` by default (R-TZ).
    public var timeZone: String
    public var venue: Venue.ID?
    public var form: InformationForm
    public var access: AccessClass
    public var attribution: AttributionRule
    public var visibility: Visibility
    public var status: BriefingStatus
    /// Hidden from public views until this instant.
    public var embargoUntil: Date?
    public var holidayPolicy: HolidayPolicy
    public var languages: Set<Language>
    public var interpretation: Bool
    /// Who sits on the panel besides the spokesperson (none unless declared).
    public var panel: PanelNeeds
    /// Per-occurrence changes, keyed by the occurrence's original start.
    public var exceptions: [LocalDateTime: OccurrenceException]
    /// The series this one continues after a split ("this and following").
    public var continues: ID?
    /// The series that continues this one after a split.
    public var continuedBy: ID?
    /// Grows on every change a subscriber would see (assigned by the store).
    public var revision: Int

    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"

    public init(
        id: ID,
        title: BilingualText,
        organizer: Agency.ID,
        rule: RecurrenceRule,
        start: LocalDateTime,
        duration: Int,
        timeZone: String = RegularSeries.defaultTimeZone,
        venue: Venue.ID? = nil,
        form: InformationForm = .pressConference,
        access: AccessClass = .open,
        attribution: AttributionRule = .onTheRecord,
        visibility: Visibility = .public,
        status: BriefingStatus = .scheduled,
        holidayPolicy: HolidayPolicy = .nextWorkingDay,
        languages: Set<Language> = [.vi],
        revision: Int = 1
    ) {
        self.id = id
        self.title = title
        self.description = nil
        self.organizer = organizer
        self.topic = nil
        self.rule = rule
        self.start = start
        self.duration = duration
        self.timeZone = timeZone
        self.venue = venue
        self.form = form
        self.access = access
        self.attribution = attribution
        self.visibility = visibility
        self.status = status
        self.embargoUntil = nil
        self.holidayPolicy = holidayPolicy
        self.languages = languages
        self.interpretation = false
        self.panel = PanelNeeds()
        self.exceptions = [:]
        self.continues = nil
        self.continuedBy = nil
        self.revision = revision
    }

    /// The recurrence set libical expands: DTSTART in the series zone, the rule, no EXDATEs
    /// (cancellations are exceptions, applied by the engine).
    public var recurrenceSet: RecurrenceSet { RecurrenceSet(start: .zoned(start, tzid: timeZone), rule: rule) }
}

/// A change to one occurrence of a series, keyed by its original start.
///
/// An exception is never deleted: undoing one clears its fields and bumps its revision,
/// so the occurrence's revision (and the feed's SEQUENCE) never goes down.
public struct OccurrenceException: Hashable, Sendable {
    public var originalStart: LocalDateTime
    /// Set when the occurrence is cancelled.
    public var cancellationReason: String?
    /// A new local start (same zone as the series).
    public var newStart: LocalDateTime?
    public var newDuration: Int?
    public var newVenue: Venue.ID?
    public var title: BilingualText?
    public var description: BilingualText?
    /// Why it moved or changed.
    public var reason: String?
    public var revision: Int

    public init(originalStart: LocalDateTime, revision: Int) {
        self.originalStart = originalStart
        self.revision = revision
    }

    public static func cancel(_ original: LocalDateTime, reason: String, revision: Int) -> OccurrenceException {
        var e = OccurrenceException(originalStart: original, revision: revision)
        e.cancellationReason = reason
        return e
    }

    public static func move(
        _ original: LocalDateTime,
        to newStart: LocalDateTime?,
        venue: Venue.ID? = nil,
        reason: String,
        revision: Int
    ) -> OccurrenceException {
        var e = OccurrenceException(originalStart: original, revision: revision)
        e.newStart = newStart
        e.newVenue = venue
        e.reason = reason
        return e
    }

    /// Whether the exception changes nothing (an undone exception).
    public var isEmpty: Bool {
        cancellationReason == nil && newStart == nil && newDuration == nil && newVenue == nil && title == nil
            && description == nil
    }
}

extension RegularSeries {
    /// The series starting at `newStart` instead. When only the time of day changes, every
    /// changed occurrence (a move, a cancellation, a new title) is still the same occurrence,
    /// now named by its new original start (its RECURRENCE-ID, RFC 5545 §3.8.4.4), so its
    /// change is kept under that name; a move's new start is a time of its own and stays.
    public func retimed(_ newStart: LocalDateTime) -> RegularSeries {
        var s = self
        s.start = newStart
        guard newStart.date == start.date, newStart != start else { return s }
        let shift = (newStart.hour - start.hour) * 3600 + (newStart.minute - start.minute) * 60
        s.exceptions = Dictionary(
            exceptions.values.map { e -> (LocalDateTime, OccurrenceException) in
                var renamed = e
                renamed.originalStart = e.originalStart.adding(seconds: shift)
                return (renamed.originalStart, renamed)
            },
            uniquingKeysWith: { a, _ in a }
        )
        return s
    }
}
