public import Foundation
public import ICalendar
public import Scheduling

/// The calendar part of a notice mailed to a spokesperson (iMIP, RFC 6047): METHOD:REQUEST
/// to put or update the briefing in their calendar, METHOD:CANCEL to withdraw it
/// (RFC 5546 §3.2.2, §3.2.5). The UID is the one the person's private feed uses for the
/// same assignment, and SEQUENCE only grows, so a client updates one event instead of
/// adding another.
public enum Invitation {
    /// The UID of a person's assignment to an occurrence, in the private feed and in mail.
    public static func uid(_ occurrence: OccurrenceID, domain: String) -> String {
        "\(occurrence.rawValue.replacingOccurrences(of: "@", with: "-")).assignment@\(domain)"
    }

    /// The ATTENDEE's ROLE (RFC 5545 §3.2.16): the one who speaks and the one who chairs
    /// lead the briefing; the panel takes part; a backup may not be needed.
    static func participantRole(_ role: AssignmentView.Role) -> ParticipantRole {
        switch role {
        case .primary, .chair: return .chair
        case .backup: return .optional
        case .panelist, .moderator, .interpreter: return .required
        }
    }

    public static func calendar(
        _ n: Notice,
        attendee: CalendarUser,
        organizer: CalendarUser,
        uidDomain: String,
        stamp: Date,
        language: Language
    ) throws(ICalendarError) -> String {
        let v = n.view
        var e = ICalEvent(
            uid: uid(v.occurrence, domain: uidDomain),
            timestamp: LocalDateTime(utc: stamp),
            start: .zoned(v.start, tzid: v.timeZone),
            end: .zoned(v.end, tzid: v.timeZone),
            sequence: v.sequence
        )
        e.summary = "[\(v.role.name(language))] \(v.title.text(language))"
        e.language = language == .en && v.title.en == nil ? Language.vi.rawValue : language.rawValue
        e.location = v.venue
        e.status = n.method == "CANCEL" ? .cancelled : .confirmed
        e.organizer = organizer
        var who = attendee
        who.role = Self.participantRole(v.role)
        e.attendees = [who]
        return try ICalendarWriter.serialise(
            ICalCalendar(productID: "-//Podium//Press briefings//VI", method: n.method, events: [e])
        )
    }
}
