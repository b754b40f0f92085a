import ICalendar

/// A message that is not an invitation: to the secretariat (a decline, a swap waiting for
/// approval, a primary who has not acknowledged a near briefing, an ad-hoc statement
/// deadline close), or a spokesperson's weekly digest. Its words are fixed when it is queued,
/// in both languages, so it reads the same however late it is sent.
public struct Memo: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case declined, swapTaken = "swap-taken", unacknowledged, uncovered, deadline, digest
    }

    public var kind: Kind
    public var occurrence: OccurrenceID?
    public var subject: BilingualText
    public var lines: [BilingualText]

    public init(kind: Kind, occurrence: OccurrenceID?, subject: BilingualText, lines: [BilingualText]) {
        self.kind = kind
        self.occurrence = occurrence
        self.subject = subject
        self.lines = lines
    }
}
