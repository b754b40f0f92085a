public import Foundation
public import ICalendar

/// A person who may speak for an agency (Decree 09/2017/NĐ-CP Art. 3; domain.md §2).
public struct Spokesperson: Hashable, Sendable, Identifiable {
    public typealias ID = Identifier<Spokesperson>

    public var id: ID
    public var name: String
    public var title: String
    /// The title in English, for English pages and feeds (the Vietnamese one otherwise).
    public var titleEn: String?
    public var agency: Agency.ID
    public var languages: Set<Language>
    /// Matters the person is competent on (used for continuity and explanations).
    public var topics: Set<String>
    public var activeFrom: LocalDate?
    public var activeTo: LocalDate?
    /// What the person may speak as, for which agency.
    public var entitlements: [Entitlement]
    /// The contact details that must be published, and when they were (R-SPOKES-PUBLISHED).
    public var contact: PublishedContact
    /// Leave, travel and imported busy times.
    public var unavailable: [Unavailability]
    /// Minutes kept free before and after each briefing.
    public var bufferMinutes: Int
    /// The most briefings as primary speaker in one ISO week.
    public var maxPerWeek: Int
    /// The panel seats the person serves in without speaking for an agency (moderator,
    /// interpreter): automatic assignment seats only them there.
    public var serves: Set<PanelRole>

    public init(
        id: ID,
        name: String,
        title: String,
        agency: Agency.ID,
        languages: Set<Language> = [.vi],
        entitlements: [Entitlement],
        contact: PublishedContact = PublishedContact(),
        bufferMinutes: Int = 30,
        maxPerWeek: Int = 5
    ) {
        self.id = id
        self.name = name
        self.title = title
        self.agency = agency
        self.languages = languages
        self.topics = []
        self.activeFrom = nil
        self.activeTo = nil
        self.entitlements = entitlements
        self.contact = contact
        self.unavailable = []
        self.bufferMinutes = bufferMinutes
        self.maxPerWeek = maxPerWeek
        self.serves = []
    }

    public func isActive(on date: LocalDate) -> Bool {
        (activeFrom.map { $0 <= date } ?? true) && (activeTo.map { date <= $0 } ?? true)
    }

    /// "Name, title, phone, e-mail": the published line feeds show in CONTACT.
    public var publishedLine: String { publishedLine(.vi) }

    /// The published line with the title in `language` (Vietnamese when not translated).
    public func publishedLine(_ language: Language) -> String {
        let shownTitle = language == .en ? (titleEn ?? title) : title
        return ([name, shownTitle] + [contact.phone, contact.email].compactMap { $0 }).joined(separator: ", ")
    }
}

/// A right to speak for an agency (Decree 09/2017 Art. 3).
public struct Entitlement: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The head of the agency (người đứng đầu).
        case head
        /// The regular spokesperson assigned by the head (người phát ngôn).
        case spokesperson
        /// Authorized for a named matter, in writing, until an expiry (người được ủy quyền;
        /// R-AUTH-SCOPE from Decision 25/2013).
        case authorized(matter: String, reference: String)
        /// A deputy authorized by a department head who cannot speak (Art. 3, departments).
        case deputy(reference: String)
        /// The chairman of a commune People's Committee.
        case chairman
    }

    public var agency: Agency.ID
    public var kind: Kind
    public var validFrom: LocalDate?
    public var validTo: LocalDate?

    public init(agency: Agency.ID, kind: Kind, validFrom: LocalDate? = nil, validTo: LocalDate? = nil) {
        self.agency = agency
        self.kind = kind
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// Whether this entitles speaking for `agency` on `topic` on `date`.
    public func covers(agency: Agency.ID, topic: String?, on date: LocalDate) -> Bool {
        guard self.agency == agency, validFrom.map({ $0 <= date }) ?? true, validTo.map({ date <= $0 }) ?? true else {
            return false
        }
        if case .authorized(let matter, _) = kind { return topic == matter }
        return true
    }

    /// Whether it lets the person speak on every matter of the agency (head, spokesperson,
    /// deputy, chairman), not on one named matter (Decree 09/2017 Art. 3).
    public var speaksForAll: Bool {
        if case .authorized = kind { return false }
        return true
    }

    public var label: String {
        switch kind {
        case .head: return "head"
        case .spokesperson: return "spokesperson"
        case .authorized(let matter, let reference): return "authorized for \(matter) (\(reference))"
        case .deputy(let reference): return "authorized deputy (\(reference))"
        case .chairman: return "chairman"
        }
    }
}

/// Contact details that must be announced to the press and posted on the portal.
public struct PublishedContact: Hashable, Sendable {
    public var phone: String?
    public var email: String?
    public var sentToPressOn: LocalDate?
    public var postedOnPortalOn: LocalDate?

    public init(
        phone: String? = nil,
        email: String? = nil,
        sentToPressOn: LocalDate? = nil,
        postedOnPortalOn: LocalDate? = nil
    ) {
        self.phone = phone
        self.email = email
        self.sentToPressOn = sentToPressOn
        self.postedOnPortalOn = postedOnPortalOn
    }

    /// What is missing for R-SPOKES-PUBLISHED.
    public var missing: [String] {
        var out: [String] = []
        if phone?.isEmpty ?? true { out.append("phone") }
        if email?.isEmpty ?? true { out.append("e-mail") }
        if sentToPressOn == nil { out.append("date sent to the press") }
        if postedOnPortalOn == nil { out.append("date posted on the portal") }
        return out
    }
}

/// A time a person cannot speak, in UTC instants.
public struct Unavailability: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable { case leave, travel, busy }
    public var start: Date
    public var end: Date
    public var kind: Kind
    public var reason: String?

    public init(start: Date, end: Date, kind: Kind, reason: String? = nil) {
        self.start = start
        self.end = end
        self.kind = kind
        self.reason = reason
    }
}
