public import Foundation
public import ICalendar

/// The identity of one briefing occurrence: the series and the *original* local start the
/// rule produced, or the ad-hoc briefing. It never changes when the occurrence is moved,
/// retitled or reassigned, so feeds can use it for UID/RECURRENCE-ID and assignments can
/// hang off it.
public struct OccurrenceID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(series: RegularSeries.ID, originalStart: LocalDateTime) {
        rawValue = "\(series.rawValue)@\(originalStart.basicFormat)"
    }

    public init(adHoc: AdHocBriefing.ID) { rawValue = adHoc.rawValue }

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// One briefing as it happens (or would have): exceptions and holiday policy applied.
public struct Occurrence: Hashable, Sendable, Identifiable {
    public enum Source: Hashable, Sendable {
        case series(RegularSeries.ID, originalStart: LocalDateTime)
        case adHoc(AdHocBriefing.ID)
    }

    /// How the start differs from what the rule produced.
    public enum Shift: Hashable, Sendable {
        /// Moved off a day off by the holiday policy; `holiday` names the day off.
        case holiday(from: LocalDate, holiday: String)
        /// Moved by an exception.
        case moved(reason: String?)
    }

    public var id: OccurrenceID
    public var source: Source
    public var title: BilingualText
    public var description: BilingualText?
    public var organizer: Agency.ID
    public var topic: String?
    public var start: LocalDateTime
    public var end: LocalDateTime
    public var timeZone: String
    public var startInstant: Date
    public var endInstant: Date
    public var venue: Venue.ID?
    public var form: InformationForm
    public var access: AccessClass
    public var attribution: AttributionRule
    public var visibility: Visibility
    public var status: BriefingStatus
    public var cancellationReason: String?
    public var shift: Shift?
    public var embargoUntil: Date?
    public var languages: Set<Language>
    public var interpretation: Bool
    /// Who sits on the panel besides the spokesperson (none unless declared).
    public var panel: PanelNeeds
    /// Grows on every change a subscriber would see; feeds write it as SEQUENCE.
    public var revision: Int

    /// The original start for a series occurrence (its RECURRENCE-ID).
    public var originalStart: LocalDateTime? {
        if case .series(_, let original) = source { return original }
        return nil
    }

    public var seriesID: RegularSeries.ID? {
        if case .series(let id, _) = source { return id }
        return nil
    }

    public var isAdHoc: Bool {
        if case .adHoc = source { return true }
        return false
    }

    /// Whether the briefing takes place (not cancelled, not a draft).
    public var isHappening: Bool { status == .scheduled || status == .held }

    /// Whether the public may see it at `now` (`Reader.public`).
    public func isPublic(at now: Date) -> Bool { isVisible(to: .public, at: now) }
}
