internal import CLibical

/// Turns `ICalCalendar` values into RFC 5545 text through libical.
///
/// Output is deterministic: libical writes properties in insertion order (icalendar.md
/// §3.3), the writer inserts them in a fixed order, and nothing reads the clock — the
/// same calendar value always gives the same bytes, which feeds' ETags rely on.
public enum ICalendarWriter {
    /// Serialises a calendar. Every TZID used gets one VTIMEZONE with the plain IANA name.
    ///
    /// - Throws: `ICalendarError` for an unknown zone, an unsafe URI, an invalid RRULE/UNTIL,
    ///   or a libical failure. Nothing is half-written: the result is all or an error.
    public static func serialise(_ calendar: ICalCalendar) throws(ICalendarError) -> String {
        try Libical.run { state throws(ICalendarError) -> String in
            let root = try ComponentHandle(kind: ICAL_VCALENDAR_COMPONENT)
            try writeCalendarProperties(calendar, to: root.pointer)
            let zones = try writeTimeZones(for: calendar.events, to: root, state: &state)
            for event in calendar.events {
                let node = try root.addChild(ICAL_VEVENT_COMPONENT)
                try EventWriter(node: node, zones: zones).write(event)
            }
            return try root.serialise()
        }
    }

    private static func writeCalendarProperties(_ c: ICalCalendar, to node: OpaquePointer) throws(ICalendarError) {
        try ComponentHandle.add(icalproperty_new_version("2.0"), to: node)
        try ComponentHandle.add(icalproperty_new_prodid(ICalText.sanitizeLine(c.productID)), to: node)
        try ComponentHandle.add(icalproperty_new_calscale("GREGORIAN"), to: node)
        if let method = c.method {
            // RFC 5546 §3.2: PUBLISH for subscribed feeds (REQUEST there makes Outlook treat
            // the feed as an invitation, icalendar.md §1.1); REQUEST and CANCEL only for the
            // iMIP invitations sent by mail (RFC 6047).
            let value: icalproperty_method
            switch method {
            case "PUBLISH": value = ICAL_METHOD_PUBLISH
            case "REQUEST": value = ICAL_METHOD_REQUEST
            case "CANCEL": value = ICAL_METHOD_CANCEL
            default:
                throw .unsupported(
                    ICalLocation(component: "VCALENDAR", property: "METHOD"),
                    reason: "only PUBLISH, REQUEST or CANCEL"
                )
            }
            try ComponentHandle.add(icalproperty_new_method(value), to: node)
        }
        for name in c.names where ICalText.nonBlank(name.text) != nil {
            let p = icalproperty_new_name(ICalText.sanitizeLine(name.text))
            try ComponentHandle.add(p, to: node)
            icalproperty_add_parameter(p, icalparameter_new_language(ICalText.sanitizeParameter(name.language)))
        }
        if let legacy = c.legacyName { try addExtension("X-WR-CALNAME", ICalText.sanitizeLine(legacy), to: node) }
        if let description = ICalText.nonBlank(c.description) {
            try ComponentHandle.add(icalproperty_new_description(ICalText.sanitize(description)), to: node)
            try addExtension("X-WR-CALDESC", ICalText.sanitize(description), to: node)
        }
        if let hint = c.timeZoneHint { try addExtension("X-WR-TIMEZONE", ICalText.sanitizeLine(hint), to: node) }
        if let seconds = c.refreshInterval {
            // libical adds the required VALUE=DURATION itself (RFC 7986 §5.7; verified).
            try ComponentHandle.add(
                icalproperty_new_refreshinterval(icaldurationtype_from_int(Int32(seconds))),
                to: node
            )
            let text = try Libical.takeString(
                icaldurationtype_as_ical_string_r(icaldurationtype_from_int(Int32(seconds)))
            )
            try addExtension("X-PUBLISHED-TTL", text, to: node)
        }
        if let source = c.source {
            try ICalURI.validate(source, field: "SOURCE")
            try ComponentHandle.add(icalproperty_new_source(source), to: node)
        }
    }

    /// One VTIMEZONE per TZID, cloned from the system zone, truncated to start on 1 January
    /// of the earliest year in use (icaltimezone_truncate_vtimezone, since 3.0.6), and with
    /// its TZID rewritten to the plain IANA name: 3.0.16 would otherwise write
    /// `/freeassociation.sourceforge.net/…` and ignores an empty prefix (icaltimezone.c:203-209).
    private static func writeTimeZones(
        for events: [ICalEvent],
        to root: ComponentHandle,
        state: inout Libical.State
    ) throws(ICalendarError) -> Set<String> {
        var firstYear: [String: Int] = [:]
        for event in events {
            var values = [event.start] + event.exceptionDates + event.recurrenceDates
            if let end = event.end { values.append(end) }
            if let rid = event.recurrenceID { values.append(rid) }
            for case .zoned(let t, let tzid) in values {
                firstYear[tzid] = min(firstYear[tzid] ?? t.date.year, t.date.year)
            }
        }
        for tzid in firstYear.keys.sorted() {
            let zone = try Libical.zone(tzid, in: &state)
            Libical.clearError()
            let original = try Libical.check(icaltimezone_get_component(zone), function: "icaltimezone_get_component")
            let clone = try Libical.check(icalcomponent_new_clone(original), function: "icalcomponent_new_clone")
            root.addChild(owned: clone)
            var from = TimeZones.icalDate(LocalDate(year: firstYear[tzid]!, month: 1, day: 1))
            from.is_date = 0
            icaltimezone_truncate_vtimezone(clone, from, icaltime_null_time(), 1)
            guard let tzidProperty = icalcomponent_get_first_property(clone, ICAL_TZID_PROPERTY) else {
                throw .libical(function: "icalcomponent_get_first_property", message: "VTIMEZONE without TZID")
            }
            icalproperty_set_tzid(tzidProperty, tzid)
            dropNoOpObservances(clone)
        }
        return Set(firstYear.keys)
    }

    /// Removes observances that change nothing (TZOFFSETFROM == TZOFFSETTO) after the first,
    /// such as the `20380119T101407` artifact of 32-bit time_t in 3.0.16's generated zones
    /// (icalendar.md §1.2).
    private static func dropNoOpObservances(_ vtimezone: OpaquePointer) {
        var seenFirst = false
        var doomed: [OpaquePointer] = []
        var c = icalcomponent_get_first_component(vtimezone, ICAL_ANY_COMPONENT)
        while let observance = c {
            if seenFirst,
                let from = icalcomponent_get_first_property(observance, ICAL_TZOFFSETFROM_PROPERTY),
                let to = icalcomponent_get_first_property(observance, ICAL_TZOFFSETTO_PROPERTY),
                icalproperty_get_tzoffsetfrom(from) == icalproperty_get_tzoffsetto(to)
            {
                doomed.append(observance)
            }
            seenFirst = true
            c = icalcomponent_get_next_component(vtimezone, ICAL_ANY_COMPONENT)
        }
        for observance in doomed {
            icalcomponent_remove_component(vtimezone, observance)
            icalcomponent_free(observance)
        }
    }

    /// X-properties carry a TEXT value so libical escapes `\n` (3.0.16 still leaves `,` and
    /// `;` raw in X values, icalendar.md §3.4 — harmless for display names, and we avoid
    /// relying on either).
    static func addExtension(_ name: String, _ value: String, to node: OpaquePointer) throws(ICalendarError) {
        guard name.hasPrefix("X-"), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else {
            throw .invalidText(field: name, reason: "extension property names are X- followed by letters, digits, -")
        }
        guard ICalText.nonBlank(value) != nil else { return }
        let p = icalproperty_new_x(value)
        try ComponentHandle.add(p, to: node)
        icalproperty_set_x_name(p, name)
    }
}
