/// A VEVENT (RFC 5545 §3.6.1) with the properties Podium's feeds use (icalendar.md §0–§1).
public struct ICalEvent: Hashable, Sendable {
    /// `UID`: stable forever for one briefing or series (§3.8.4.7; RFC 7986 §5.3).
    public var uid: String
    /// `DTSTAMP`, in UTC. Podium sets it to the last real change so bytes are stable (icalendar.md §1.3).
    public var timestamp: LocalDateTime
    /// `LAST-MODIFIED`, in UTC (§3.8.7.3).
    public var lastModified: LocalDateTime?
    /// `SEQUENCE` (§3.8.7.4): grows on every change a subscriber should see.
    public var sequence: Int
    public var start: ICalDateTime
    /// `DTEND`; exclusive (§3.8.2.2).
    public var end: ICalDateTime?
    /// `DURATION` in seconds, when the source used it instead of DTEND (§3.8.2.5).
    public var duration: Int?
    public var recurrenceRule: RecurrenceRule?
    /// `EXDATE` values, in DTSTART's form (§3.8.5.1).
    public var exceptionDates: [ICalDateTime]
    /// `RDATE` values (§3.8.5.2; PERIOD values are refused, libical 3.0.16 cannot read them).
    public var recurrenceDates: [ICalDateTime]
    /// `RECURRENCE-ID`: the original start of the overridden instance (§3.8.4.4).
    public var recurrenceID: ICalDateTime?
    public var summary: String?
    /// `LANGUAGE` parameter put on SUMMARY, DESCRIPTION and LOCATION when set.
    public var language: String?
    public var description: String?
    public var location: String?
    public var geo: Geo?
    /// `URL` (§3.8.4.6); checked by `ICalURI` before it reaches libical.
    public var url: String?
    /// `CONFERENCE` (RFC 7986 §5.11): livestream or dial-in links.
    public var conferences: [Conference]
    /// `CONTACT` (§3.8.4.2): who speaks, with published contact details only.
    public var contacts: [String]
    /// `CATEGORIES` (§3.8.1.2), one item each.
    public var categories: [String]
    public var classification: Classification?
    public var status: EventStatus?
    public var transparency: Transparency?
    public var organizer: CalendarUser?
    /// `ATTENDEE`s: only in private feeds without METHOD (RFC 5546 §3.2.1 forbids them in PUBLISH).
    public var attendees: [CalendarUser]
    /// Extension properties (`X-…`), written as TEXT.
    public var extensions: [ExtensionProperty]

    public init(
        uid: String,
        timestamp: LocalDateTime,
        start: ICalDateTime,
        end: ICalDateTime? = nil,
        sequence: Int = 0
    ) {
        self.uid = uid
        self.timestamp = timestamp
        self.start = start
        self.end = end
        self.sequence = sequence
        self.lastModified = nil
        self.duration = nil
        self.recurrenceRule = nil
        self.exceptionDates = []
        self.recurrenceDates = []
        self.recurrenceID = nil
        self.summary = nil
        self.language = nil
        self.description = nil
        self.location = nil
        self.geo = nil
        self.url = nil
        self.conferences = []
        self.contacts = []
        self.categories = []
        self.classification = nil
        self.status = nil
        self.transparency = nil
        self.organizer = nil
        self.attendees = []
        self.extensions = []
    }
}

/// `GEO` (§3.8.1.6): latitude and longitude in degrees.
public struct Geo: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// `CONFERENCE;VALUE=URI;FEATURE=…;LABEL=…` (RFC 7986 §5.11).
public struct Conference: Hashable, Sendable {
    public var uri: String
    public var label: String?
    /// `FEATURE` (RFC 7986 §6.3). One value: libical 3.x has no multi-valued parameters.
    public var feature: ConferenceFeature?
    public init(uri: String, label: String? = nil, feature: ConferenceFeature? = nil) {
        self.uri = uri
        self.label = label
        self.feature = feature
    }
}

/// RFC 7986 §6.3 FEATURE values.
public enum ConferenceFeature: String, Hashable, Sendable, CaseIterable {
    case audio = "AUDIO", chat = "CHAT", feed = "FEED", moderator = "MODERATOR", phone = "PHONE"
    case screen = "SCREEN", video = "VIDEO"
}

/// An ORGANIZER or ATTENDEE (§3.8.4.1, §3.8.4.3): a `mailto:` address and a display name.
public struct CalendarUser: Hashable, Sendable {
    public var address: String
    public var commonName: String?
    public var role: ParticipantRole?
    public init(address: String, commonName: String? = nil, role: ParticipantRole? = nil) {
        self.address = address
        self.commonName = commonName
        self.role = role
    }
}

/// `ROLE` (§3.2.16).
public enum ParticipantRole: String, Hashable, Sendable, CaseIterable {
    case chair = "CHAIR"
    case required = "REQ-PARTICIPANT"
    case optional = "OPT-PARTICIPANT"
    case nonParticipant = "NON-PARTICIPANT"
}

/// An `X-` property with a TEXT value.
public struct ExtensionProperty: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// `CLASS` (§3.8.1.3).
public enum Classification: String, Hashable, Sendable, CaseIterable {
    case publicAccess = "PUBLIC"
    case privateAccess = "PRIVATE"
    case confidential = "CONFIDENTIAL"
}

/// `STATUS` for VEVENT (§3.8.1.11).
public enum EventStatus: String, Hashable, Sendable, CaseIterable {
    case tentative = "TENTATIVE"
    case confirmed = "CONFIRMED"
    case cancelled = "CANCELLED"
}

/// `TRANSP` (§3.8.2.7).
public enum Transparency: String, Hashable, Sendable, CaseIterable {
    case opaque = "OPAQUE"
    case transparent = "TRANSPARENT"
}
