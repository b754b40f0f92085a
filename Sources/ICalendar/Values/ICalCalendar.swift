/// A VCALENDAR as Podium writes and reads it (RFC 5545 §3.4, RFC 7986 §5).
///
/// VTIMEZONEs are not part of the value: the writer emits exactly one per TZID the events
/// use (RFC 5545 §3.6.5 "MUST be specified for each unique TZID"), and the parser resolves
/// TZIDs by IANA name.
public struct ICalCalendar: Hashable, Sendable {
    /// `PRODID` (RFC 5545 §3.7.3).
    public var productID: String
    /// `METHOD` (§3.7.2). Podium writes `PUBLISH` for public feeds and nothing for private ones.
    public var method: String?
    /// `NAME;LANGUAGE=…` (RFC 7986 §5.1), one per language.
    public var names: [LocalizedText]
    /// `X-WR-CALNAME`, the legacy name Google, Apple and Outlook read.
    public var legacyName: String?
    /// `DESCRIPTION` (RFC 7986 §5.2) mirrored in `X-WR-CALDESC`.
    public var description: String?
    /// `X-WR-TIMEZONE`: a hint only; never relied on (icalendar.md §1.1).
    public var timeZoneHint: String?
    /// `REFRESH-INTERVAL;VALUE=DURATION` (RFC 7986 §5.7) and `X-PUBLISHED-TTL` (MS-OXCICAL), seconds.
    public var refreshInterval: Int?
    /// `SOURCE;VALUE=URI` (RFC 7986 §5.8).
    public var source: String?
    public var events: [ICalEvent]
    /// Busy periods from VFREEBUSY components (RFC 5545 §3.6.4), read on import.
    public var busyPeriods: [BusyPeriod]
    /// Components and properties the parser read but Podium does not model (VTODO, VALARM…),
    /// so an import can report what it skipped.
    public var skipped: [SkippedItem]

    public init(
        productID: String,
        method: String? = nil,
        names: [LocalizedText] = [],
        legacyName: String? = nil,
        description: String? = nil,
        timeZoneHint: String? = nil,
        refreshInterval: Int? = nil,
        source: String? = nil,
        events: [ICalEvent] = [],
        busyPeriods: [BusyPeriod] = [],
        skipped: [SkippedItem] = []
    ) {
        self.productID = productID
        self.method = method
        self.names = names
        self.legacyName = legacyName
        self.description = description
        self.timeZoneHint = timeZoneHint
        self.refreshInterval = refreshInterval
        self.source = source
        self.events = events
        self.busyPeriods = busyPeriods
        self.skipped = skipped
    }
}

/// Text tagged with an RFC 5646 language (`LANGUAGE=vi`, RFC 5545 §3.2.10).
public struct LocalizedText: Hashable, Sendable {
    public var language: String
    public var text: String
    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }
}

/// A busy interval from a VFREEBUSY `FREEBUSY` value (RFC 5545 §3.8.2.6), in UTC.
public struct BusyPeriod: Hashable, Sendable {
    public var start: LocalDateTime
    public var end: LocalDateTime
    public init(start: LocalDateTime, end: LocalDateTime) {
        self.start = start
        self.end = end
    }
}

/// Something the parser saw and deliberately did not import.
public struct SkippedItem: Hashable, Sendable, CustomStringConvertible {
    public var location: ICalLocation
    public var reason: String
    public init(location: ICalLocation, reason: String) {
        self.location = location
        self.reason = reason
    }
    public var description: String { "\(location): skipped: \(reason)" }
}
