import Foundation
import ICalendar
import Scheduling

/// JSON bodies of stored entities. Records hide database details from the engine (GRDB's
/// advice): engine types stay free of persistence conformances, and these small Codable
/// mirrors are the one place that knows the stored shape. Times are ISO strings.
struct SeriesBody: Codable, Equatable {
    var title: BilingualText
    var description: BilingualText?
    var organizer: String
    var topic: String?
    var rrule: String
    var start: String
    var duration: Int
    var timeZone: String
    var venue: String?
    var form: InformationForm
    var access: AccessClass
    var attribution: AttributionRule
    var visibility: Visibility
    var status: BriefingStatus
    var embargoUntil: Date?
    var holidayPolicy: HolidayPolicy
    var languages: [Language]
    var interpretation: Bool
    var exceptions: [ExceptionBody]
    var continues: String?
    var continuedBy: String?
    var panel: PanelNeedsBody? = nil

    struct ExceptionBody: Codable, Equatable {
        var original: String
        var cancel: String?
        var moveTo: String?
        var duration: Int?
        var venue: String?
        var title: BilingualText?
        var description: BilingualText?
        var reason: String?
        var revision: Int
    }

    func series(id: String, revision: Int) throws -> RegularSeries {
        guard let start = LocalDateTime(iso: start) else {
            throw StoreError.corrupt(entity: "series", id: id, reason: "start")
        }
        var s = RegularSeries(
            id: RegularSeries.ID(id),
            title: title,
            organizer: Agency.ID(organizer),
            rule: try RecurrenceRule(rrule),
            start: start,
            duration: duration,
            timeZone: timeZone,
            venue: venue.map { Venue.ID($0) },
            form: form,
            access: access,
            attribution: attribution,
            visibility: visibility,
            status: status,
            holidayPolicy: holidayPolicy,
            languages: Set(languages),
            revision: revision
        )
        s.description = description
        s.topic = topic
        s.embargoUntil = embargoUntil
        s.interpretation = interpretation
        s.continues = continues.map { RegularSeries.ID($0) }
        s.continuedBy = continuedBy.map { RegularSeries.ID($0) }
        s.panel = panel?.needs ?? PanelNeeds()
        for e in exceptions {
            guard let original = LocalDateTime(iso: e.original) else {
                throw StoreError.corrupt(entity: "series", id: id, reason: "exception \(e.original)")
            }
            var x = OccurrenceException(originalStart: original, revision: e.revision)
            x.cancellationReason = e.cancel
            x.newStart = e.moveTo.flatMap { LocalDateTime(iso: $0) }
            x.newDuration = e.duration
            x.newVenue = e.venue.map { Venue.ID($0) }
            x.title = e.title
            x.description = e.description
            x.reason = e.reason
            s.exceptions[original] = x
        }
        return s
    }
}

extension SeriesBody {
    init(_ s: RegularSeries) {
        title = s.title
        description = s.description
        organizer = s.organizer.rawValue
        topic = s.topic
        rrule = s.rule.text
        start = s.start.description
        duration = s.duration
        timeZone = s.timeZone
        venue = s.venue?.rawValue
        form = s.form
        access = s.access
        attribution = s.attribution
        visibility = s.visibility
        status = s.status
        embargoUntil = s.embargoUntil
        holidayPolicy = s.holidayPolicy
        languages = s.languages.sorted { $0.rawValue < $1.rawValue }
        interpretation = s.interpretation
        exceptions = s.exceptions.values.sorted { $0.originalStart < $1.originalStart }.map {
            ExceptionBody(
                original: $0.originalStart.description,
                cancel: $0.cancellationReason,
                moveTo: $0.newStart?.description,
                duration: $0.newDuration,
                venue: $0.newVenue?.rawValue,
                title: $0.title,
                description: $0.description,
                reason: $0.reason,
                revision: $0.revision
            )
        }
        continues = s.continues?.rawValue
        continuedBy = s.continuedBy?.rawValue
        panel = PanelNeedsBody(s.panel)
    }
}

struct AdHocBody: Codable, Equatable {
    var title: BilingualText
    var description: BilingualText?
    var organizer: String
    var topic: String?
    var trigger: TriggerKind
    var triggeredAt: Date
    var deadline: StatementDeadline
    var start: String
    var duration: Int
    var timeZone: String
    var venue: String?
    var form: InformationForm
    var access: AccessClass
    var attribution: AttributionRule
    var visibility: Visibility
    var status: BriefingStatus
    var cancellationReason: String?
    var embargoUntil: Date?
    var languages: [Language]
    var interpretation: Bool
    var relatedOccurrence: String?
    var relation: AdHocBriefing.Relation?
    var firstStatementAt: Date?
    var panel: PanelNeedsBody? = nil

    func briefing(id: String, revision: Int) throws -> AdHocBriefing {
        guard let start = LocalDateTime(iso: start) else {
            throw StoreError.corrupt(entity: "adhoc", id: id, reason: "start")
        }
        var b = AdHocBriefing(
            id: AdHocBriefing.ID(id),
            title: title,
            organizer: Agency.ID(organizer),
            trigger: trigger,
            triggeredAt: triggeredAt,
            start: start,
            duration: duration,
            timeZone: timeZone,
            deadline: deadline,
            revision: revision
        )
        b.description = description
        b.topic = topic
        b.venue = venue.map { Venue.ID($0) }
        b.form = form
        b.access = access
        b.attribution = attribution
        b.visibility = visibility
        b.status = status
        b.cancellationReason = cancellationReason
        b.embargoUntil = embargoUntil
        b.languages = Set(languages)
        b.interpretation = interpretation
        b.relatedOccurrence = relatedOccurrence.map { OccurrenceID(rawValue: $0) }
        b.relation = relation
        b.firstStatementAt = firstStatementAt
        b.panel = panel?.needs ?? PanelNeeds()
        return b
    }
}

extension AdHocBody {
    init(_ b: AdHocBriefing) {
        title = b.title
        description = b.description
        organizer = b.organizer.rawValue
        topic = b.topic
        trigger = b.trigger
        triggeredAt = b.triggeredAt
        deadline = b.deadline
        start = b.start.description
        duration = b.duration
        timeZone = b.timeZone
        venue = b.venue?.rawValue
        form = b.form
        access = b.access
        attribution = b.attribution
        visibility = b.visibility
        status = b.status
        cancellationReason = b.cancellationReason
        embargoUntil = b.embargoUntil
        languages = b.languages.sorted { $0.rawValue < $1.rawValue }
        interpretation = b.interpretation
        relatedOccurrence = b.relatedOccurrence?.rawValue
        relation = b.relation
        firstStatementAt = b.firstStatementAt
        panel = PanelNeedsBody(b.panel)
    }
}

struct AgencyBody: Codable, Equatable {
    var name: BilingualText
    var level: Agency.Level
    var parent: String?
    var validFrom: String?
    var validTo: String?
    var successor: String?
    var requiresApproval: Bool?

    func agency(id: String) -> Agency {
        Agency(
            id: Agency.ID(id),
            name: name,
            level: level,
            parent: parent.map { Agency.ID($0) },
            validFrom: validFrom.flatMap { LocalDate(iso: $0) },
            validTo: validTo.flatMap { LocalDate(iso: $0) },
            successor: successor.map { Agency.ID($0) },
            requiresApproval: requiresApproval ?? false
        )
    }
}

extension AgencyBody {
    init(_ a: Agency) {
        name = a.name
        level = a.level
        parent = a.parent?.rawValue
        validFrom = a.validFrom?.description
        validTo = a.validTo?.description
        successor = a.successor?.rawValue
        requiresApproval = a.requiresApproval ? true : nil
    }
}

struct VenueBody: Codable, Equatable {
    var name: BilingualText
    var address: String
    var latitude: Double?
    var longitude: Double?
    var capacity: Int?
    var onlineLink: String?

    func venue(id: String) -> Venue {
        let geo = latitude.flatMap { lat in longitude.map { Geo(latitude: lat, longitude: $0) } }
        return Venue(
            id: Venue.ID(id),
            name: name,
            address: address,
            geo: geo,
            capacity: capacity,
            onlineLink: onlineLink
        )
    }
}

extension VenueBody {
    init(_ v: Venue) {
        name = v.name
        address = v.address
        latitude = v.geo?.latitude
        longitude = v.geo?.longitude
        capacity = v.capacity
        onlineLink = v.onlineLink
    }
}

struct DecisionBody: Codable, Equatable {
    var reference: String
    var tet: [String]?
    var nationalDayAdjacent: String?
    var daysOff: [DayOff]
    var workdays: [String]

    struct DayOff: Codable, Equatable {
        var date: String
        var name: BilingualText
    }

    init(_ d: HolidayDecision) {
        reference = d.reference
        tet = d.tetDays?.map(\.description)
        nationalDayAdjacent = d.nationalDayAdjacent?.description
        daysOff = d.extraDaysOff.map { DayOff(date: $0.date.description, name: $0.name) }
        workdays = d.workdays.map(\.description)
    }

    func decision(year: Int) -> HolidayDecision {
        HolidayDecision(
            year: year,
            reference: reference,
            tetDays: tet?.compactMap { LocalDate(iso: $0) },
            nationalDayAdjacent: nationalDayAdjacent.flatMap { LocalDate(iso: $0) },
            extraDaysOff: daysOff.compactMap { d in
                LocalDate(iso: d.date).map { Holiday(date: $0, name: d.name, kind: .decision, legalBasis: reference) }
            },
            workdays: workdays.compactMap { LocalDate(iso: $0) }
        )
    }
}
