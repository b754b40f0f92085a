internal import CLibical

/// Writes one VEVENT's properties, in a fixed order, into a component the caller's tree owns.
struct EventWriter {
    let node: OpaquePointer
    /// TZIDs that have a VTIMEZONE in this calendar (RFC 5545 §3.6.5).
    let zones: Set<String>

    func write(_ e: ICalEvent) throws(ICalendarError) {
        guard !e.uid.isEmpty else { throw .missingProperty(ICalLocation(component: "VEVENT", property: "UID")) }
        try add(icalproperty_new_uid(ICalText.sanitizeLine(e.uid)))
        try add(icalproperty_new_dtstamp(utc(e.timestamp)))
        if let modified = e.lastModified { try add(icalproperty_new_lastmodified(utc(modified))) }
        try add(icalproperty_new_sequence(Int32(clamping: e.sequence)))
        try addDateTime(icalproperty_new_dtstart, e.start)
        if let end = e.end {
            guard end.isDate == e.start.isDate else {
                throw .invalidValue(
                    ICalLocation(component: "VEVENT", property: "DTEND"),
                    reason: "DTEND and DTSTART differ in type"
                )
            }
            try addDateTime(icalproperty_new_dtend, end)
        } else if let duration = e.duration {
            try add(icalproperty_new_duration(icaldurationtype_from_int(Int32(clamping: duration))))
        }
        if let rule = e.recurrenceRule {
            try rule.checkUntil(against: e.start)
            Libical.clearError()
            let parsed = icalrecurrencetype_from_string(rule.text)
            guard parsed.freq != ICAL_NO_RECURRENCE else {
                throw .invalidRecurrence(rule: rule.text, reason: "libical cannot parse it")
            }
            try add(icalproperty_new_rrule(parsed))
        }
        for value in e.exceptionDates {
            try requireSameForm(value, as: e.start, property: "EXDATE")
            try addDateTime(icalproperty_new_exdate, value)
        }
        for value in e.recurrenceDates {
            try requireSameForm(value, as: e.start, property: "RDATE")
            var period = icaldatetimeperiodtype()
            period.time = time(value)
            period.period = icalperiodtype_null_period()
            try addWithTZID(icalproperty_new_rdate(period), value)
        }
        if let rid = e.recurrenceID {
            try requireSameForm(rid, as: e.start, property: "RECURRENCE-ID")
            try addDateTime(icalproperty_new_recurrenceid, rid)
        }
        if let summary = text(e.summary) { try addText(icalproperty_new_summary(summary), language: e.language) }
        if let description = text(e.description) {
            try addText(icalproperty_new_description(description), language: e.language)
        }
        if let location = text(e.location) { try addText(icalproperty_new_location(location), language: e.language) }
        if let geo = e.geo {
            guard (-90...90).contains(geo.latitude), (-180...180).contains(geo.longitude) else {
                throw .invalidValue(ICalLocation(component: "VEVENT", property: "GEO"), reason: "out of range")
            }
            try add(icalproperty_new_geo(icalgeotype(lat: geo.latitude, lon: geo.longitude)))
        }
        if let url = e.url {
            try ICalURI.validate(url, field: "URL")
            try add(icalproperty_new_url(url))
        }
        for conference in e.conferences {
            try ICalURI.validate(conference.uri, field: "CONFERENCE")
            let p = icalproperty_new_conference(conference.uri)
            try add(p)
            icalproperty_add_parameter(p, icalparameter_new_value(ICAL_VALUE_URI))
            if let feature = conference.feature { icalproperty_add_parameter(p, icalparameter_new_feature(feature.c)) }
            if let label = conference.label.map(ICalText.sanitizeParameter), !label.isEmpty {
                icalproperty_add_parameter(p, icalparameter_new_label(label))
            }
        }
        for contact in e.contacts.compactMap(text) { try add(icalproperty_new_contact(contact)) }
        if !e.categories.isEmpty {
            // 3.0.16 does not escape `,` `;` in CATEGORIES: a comma would split an item.
            let items = e.categories.map(ICalText.sanitizeLine)
            // Bytes, not characters: libical sees bytes, and a comma under a combining mark
            // is still a comma to it.
            if let bad = items.first(where: {
                $0.isEmpty || $0.utf8.contains { $0 == 0x2C || $0 == 0x3B || $0 == 0x5C }
            }) {
                throw .invalidText(field: "CATEGORIES", reason: "item \"\(bad)\" is empty or contains , ; or \\")
            }
            try add(icalproperty_new_categories(items.joined(separator: ",")))
        }
        if let c = e.classification { try add(icalproperty_new_class(c.c)) }
        if let s = e.status { try add(icalproperty_new_status(s.c)) }
        if let t = e.transparency { try add(icalproperty_new_transp(t.c)) }
        if let organizer = e.organizer { try addUser(icalproperty_new_organizer, organizer, field: "ORGANIZER") }
        for attendee in e.attendees { try addUser(icalproperty_new_attendee, attendee, field: "ATTENDEE") }
        for x in e.extensions { try ICalendarWriter.addExtension(x.name, ICalText.sanitize(x.value), to: node) }
    }

    private func add(_ p: OpaquePointer?) throws(ICalendarError) { try ComponentHandle.add(p, to: node) }

    private func text(_ value: String?) -> String? { ICalText.nonBlank(value) }

    private func addText(_ p: OpaquePointer?, language: String?) throws(ICalendarError) {
        try add(p)
        if let language, let p { icalproperty_add_parameter(p, icalparameter_new_language(language)) }
    }

    private func addUser(
        _ make: (UnsafePointer<CChar>?) -> OpaquePointer?,
        _ user: CalendarUser,
        field: String
    ) throws(ICalendarError) {
        try ICalURI.validate(user.address, field: field)
        let p = make(user.address)
        try add(p)
        if let cn = user.commonName.map(ICalText.sanitizeParameter), !cn.isEmpty {
            icalproperty_add_parameter(p, icalparameter_new_cn(cn))
        }
        if let role = user.role { icalproperty_add_parameter(p, icalparameter_new_role(role.c)) }
    }

    private func addDateTime(_ make: (icaltimetype) -> OpaquePointer?, _ value: ICalDateTime) throws(ICalendarError) {
        try addWithTZID(make(time(value)), value)
    }

    /// `icalproperty_new_dtstart(t)` with `t.zone` set writes no TZID at all (a floating
    /// time), and `icalcomponent_set_dtstart` writes the prefixed TZID (icalendar.md §1.2
    /// "trap 2"); so the time goes in floating and the plain IANA TZID is added by hand.
    /// A UTC value never gets a TZID (RFC 5545 §3.3.5).
    private func addWithTZID(_ p: OpaquePointer?, _ value: ICalDateTime) throws(ICalendarError) {
        try add(p)
        if case .zoned(_, let tzid) = value, let p {
            guard zones.contains(tzid) else { throw .unknownTimeZone(tzid) }
            icalproperty_add_parameter(p, icalparameter_new_tzid(tzid))
        }
    }

    private func time(_ value: ICalDateTime) -> icaltimetype {
        switch value {
        case .utc(let t): return utc(t)
        case .zoned(let t, _), .floating(let t): return TimeZones.icalTime(t)
        case .date(let d): return TimeZones.icalDate(d)
        }
    }

    private func utc(_ t: LocalDateTime) -> icaltimetype {
        var v = TimeZones.icalTime(t)
        v.zone = icaltimezone_get_utc_timezone()
        return v
    }

    private func requireSameForm(_ v: ICalDateTime, as start: ICalDateTime, property: String) throws(ICalendarError) {
        let same: Bool
        switch (v, start) {
        case (.utc, .utc), (.floating, .floating), (.date, .date): same = true
        case (.zoned(_, let a), .zoned(_, let b)): same = a == b
        default: same = false
        }
        guard same else {
            throw .invalidValue(
                ICalLocation(component: "VEVENT", property: property),
                reason: "must have the same form (TZID, UTC or DATE) as DTSTART (RFC 5545 §3.8.5.1, §3.8.4.4)"
            )
        }
    }
}

extension Classification {
    var c: icalproperty_class {
        switch self {
        case .publicAccess: return ICAL_CLASS_PUBLIC
        case .privateAccess: return ICAL_CLASS_PRIVATE
        case .confidential: return ICAL_CLASS_CONFIDENTIAL
        }
    }
}

extension EventStatus {
    var c: icalproperty_status {
        switch self {
        case .tentative: return ICAL_STATUS_TENTATIVE
        case .confirmed: return ICAL_STATUS_CONFIRMED
        case .cancelled: return ICAL_STATUS_CANCELLED
        }
    }
}

extension Transparency {
    var c: icalproperty_transp { self == .opaque ? ICAL_TRANSP_OPAQUE : ICAL_TRANSP_TRANSPARENT }
}

extension ConferenceFeature {
    var c: icalparameter_feature {
        switch self {
        case .audio: return ICAL_FEATURE_AUDIO
        case .chat: return ICAL_FEATURE_CHAT
        case .feed: return ICAL_FEATURE_FEED
        case .moderator: return ICAL_FEATURE_MODERATOR
        case .phone: return ICAL_FEATURE_PHONE
        case .screen: return ICAL_FEATURE_SCREEN
        case .video: return ICAL_FEATURE_VIDEO
        }
    }
}

extension ParticipantRole {
    var c: icalparameter_role {
        switch self {
        case .chair: return ICAL_ROLE_CHAIR
        case .required: return ICAL_ROLE_REQPARTICIPANT
        case .optional: return ICAL_ROLE_OPTPARTICIPANT
        case .nonParticipant: return ICAL_ROLE_NONPARTICIPANT
        }
    }
}
