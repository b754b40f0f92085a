public import ICalendar

/// A body that informs the press: a state body (Decree 09/2017 Art. 2–3), or a Party body that
/// coordinates press work without being bound by that decree.
///
/// Agencies are never renamed in place: when a province merges (Phú Yên into Đắk Lắk on
/// 1 July 2025, domain.md §7), the old agency keeps its name and gets `validTo` and
/// `successor`, so records before the merger still show the name they had.
public struct Agency: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Agency>

    /// Administrative level. Districts were abolished on 1 July 2025; only province and
    /// commune remain below the centre.
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable {
        case central, province, department, commune
        /// A provincial branch of a central vertical agency (the provincial police, under the
        /// Ministry of Public Security): it is in the province but not a department of its
        /// People's Committee, so it has no `parent` there and a grant on the province does
        /// not cover it. Like a department, its head speaks, or a deputy the head
        /// authorises (Decree 09/2017 Art. 3; docs/domain.md §2).
        case branch
        /// A board of a Party committee (the provincial propaganda and mass mobilisation
        /// board): it coordinates the province's press work and chairs press briefings, but
        /// it is not a state administrative body, so the decree's rules do not bind it (no
        /// rule lists this level).
        case party

        /// The levels of state bodies: what a rule binds when it names no levels.
        public static let state: Set<Level> = Set(allCases).subtracting([.party])
    }

    public var id: ID
    public var name: BilingualText
    public var level: Level
    public var parent: ID?
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    /// The agency that took over on `validTo` (a merger).
    public var successor: ID?
    /// Whether what its editors create waits for an approver (draft → scheduled) before it is
    /// published; applies to the agencies under it too.
    public var requiresApproval = false

    public init(
        id: ID,
        name: BilingualText,
        level: Level,
        parent: ID? = nil,
        validFrom: LocalDate? = nil,
        validTo: LocalDate? = nil,
        successor: ID? = nil,
        requiresApproval: Bool = false
    ) {
        self.id = id
        self.name = name
        self.level = level
        self.parent = parent
        self.validFrom = validFrom
        self.validTo = validTo
        self.successor = successor
        self.requiresApproval = requiresApproval
    }

    /// Whether the agency existed on a date.
    public func isValid(on date: LocalDate) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validTo.map { date <= $0 } ?? true)
    }
}

/// Where a briefing is held.
public struct Venue: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Venue>

    public var id: ID
    public var name: BilingualText
    public var address: String
    public var geo: Geo?
    public var capacity: Int?
    /// A livestream or online-meeting link (written as CONFERENCE/URL in feeds).
    public var onlineLink: String?

    public init(
        id: ID,
        name: BilingualText,
        address: String,
        geo: Geo? = nil,
        capacity: Int? = nil,
        onlineLink: String? = nil
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.geo = geo
        self.capacity = capacity
        self.onlineLink = onlineLink
    }
}
