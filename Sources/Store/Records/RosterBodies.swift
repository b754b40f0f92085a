import Foundation
import ICalendar
import Scheduling

/// Stored shape of a spokesperson (see `Bodies.swift` for why records mirror engine types).
struct SpokespersonBody: Codable, Equatable {
    struct EntitlementBody: Codable, Equatable {
        var agency: String
        var kind: String
        var matter: String?
        var reference: String?
        var validFrom: String?
        var validTo: String?
    }

    struct UnavailableBody: Codable, Equatable {
        var start: Date
        var end: Date
        var kind: Unavailability.Kind
        var reason: String?
    }

    var name: String
    var title: String
    var titleEn: String?
    var agency: String
    var languages: [Language]
    var topics: [String]
    var activeFrom: String?
    var activeTo: String?
    var phone: String?
    var email: String?
    var sentToPress: String?
    var postedOnPortal: String?
    var buffer: Int
    var maxPerWeek: Int
    var entitlements: [EntitlementBody]
    var unavailable: [UnavailableBody]
    /// Panel seats served without speaking (absent when none, as in bodies written before).
    var serves: [PanelRole]? = nil

    func spokesperson(id: String) -> Spokesperson {
        var p = Spokesperson(
            id: Spokesperson.ID(id),
            name: name,
            title: title,
            agency: Agency.ID(agency),
            languages: Set(languages),
            entitlements: entitlements.map { e in
                let kind: Entitlement.Kind
                switch e.kind {
                case "head": kind = .head
                case "chairman": kind = .chairman
                case "deputy": kind = .deputy(reference: e.reference ?? "")
                case "authorized": kind = .authorized(matter: e.matter ?? "", reference: e.reference ?? "")
                default: kind = .spokesperson
                }
                return Entitlement(
                    agency: Agency.ID(e.agency),
                    kind: kind,
                    validFrom: e.validFrom.flatMap { LocalDate(iso: $0) },
                    validTo: e.validTo.flatMap { LocalDate(iso: $0) }
                )
            },
            contact: PublishedContact(
                phone: phone,
                email: email,
                sentToPressOn: sentToPress.flatMap { LocalDate(iso: $0) },
                postedOnPortalOn: postedOnPortal.flatMap { LocalDate(iso: $0) }
            ),
            bufferMinutes: buffer,
            maxPerWeek: maxPerWeek
        )
        p.topics = Set(topics)
        p.serves = Set(serves ?? [])
        p.activeFrom = activeFrom.flatMap { LocalDate(iso: $0) }
        p.activeTo = activeTo.flatMap { LocalDate(iso: $0) }
        p.unavailable = unavailable.map {
            Unavailability(start: $0.start, end: $0.end, kind: $0.kind, reason: $0.reason)
        }
        p.titleEn = titleEn
        return p
    }
}

extension SpokespersonBody {
    init(_ p: Spokesperson) {
        name = p.name
        title = p.title
        titleEn = p.titleEn
        agency = p.agency.rawValue
        languages = p.languages.sorted { $0.rawValue < $1.rawValue }
        topics = p.topics.sorted()
        serves = p.serves.isEmpty ? nil : PanelRole.allCases.filter(p.serves.contains)
        activeFrom = p.activeFrom?.description
        activeTo = p.activeTo?.description
        phone = p.contact.phone
        email = p.contact.email
        sentToPress = p.contact.sentToPressOn?.description
        postedOnPortal = p.contact.postedOnPortalOn?.description
        buffer = p.bufferMinutes
        maxPerWeek = p.maxPerWeek
        entitlements = p.entitlements.map { e in
            var b = EntitlementBody(
                agency: e.agency.rawValue,
                kind: "",
                validFrom: e.validFrom?.description,
                validTo: e.validTo?.description
            )
            switch e.kind {
            case .head: b.kind = "head"
            case .spokesperson: b.kind = "spokesperson"
            case .chairman: b.kind = "chairman"
            case .deputy(let reference):
                b.kind = "deputy"
                b.reference = reference
            case .authorized(let matter, let reference):
                b.kind = "authorized"
                b.matter = matter
                b.reference = reference
            }
            return b
        }
        unavailable = p.unavailable.map {
            UnavailableBody(start: $0.start, end: $0.end, kind: $0.kind, reason: $0.reason)
        }
    }
}

struct AssignmentBody: Codable, Equatable {
    struct SlotBody: Codable, Equatable {
        var person: String
        var source: Assignment.Source
    }

    var primary: SlotBody?
    var backups: [SlotBody]
    var locked: Bool
    var reason: String?
    var panel: [SeatBody]? = nil

    func assignment(id: String, revision: Int) -> Assignment {
        Assignment(
            occurrence: OccurrenceID(rawValue: id),
            primary: primary.map { .init(person: Spokesperson.ID($0.person), source: $0.source) },
            backups: backups.map { .init(person: Spokesperson.ID($0.person), source: $0.source) },
            panel: (panel ?? []).map(\.seat),
            locked: locked,
            reason: reason,
            revision: revision
        )
    }
}

extension AssignmentBody {
    init(_ a: Assignment) {
        primary = a.primary.map { SlotBody(person: $0.person.rawValue, source: $0.source) }
        backups = a.backups.map { SlotBody(person: $0.person.rawValue, source: $0.source) }
        locked = a.locked
        reason = a.reason
        panel = a.panel.isEmpty ? nil : a.panel.map(SeatBody.init)
    }
}
