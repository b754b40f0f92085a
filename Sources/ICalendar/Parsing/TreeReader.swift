internal import CLibical
import Foundation

/// Walks a parsed libical tree in depth-first order alongside the scanner's record of the
/// same text, converting properties to values and pinning every problem to a line.
struct TreeReader {
    let scan: [ContentLineScanner.Component]
    var state: Libical.State
    /// Read what other tools write (`ICalendarParser.parse(_:lenient:)`): an event that
    /// cannot be understood is skipped with its line instead of refusing the file.
    let lenient: Bool
    private var used: Set<Int> = []
    /// Per parent, the first child not yet matched: libical keeps text order except for
    /// VTIMEZONEs, so matching resumes here instead of rescanning every child (which made a
    /// 20,000-event file quadratic).
    private var firstUnused: [Int: Int] = [:]
    private var skipped: [SkippedItem] = []
    /// Non-IANA TZIDs defined by an embedded VTIMEZONE, and the IANA zone with the same
    /// rules (a fixed offset is `Etc/GMT∓N`).
    private var customZones: [String: String] = [:]

    init(scan: [ContentLineScanner.Component], state: Libical.State, lenient: Bool = false) {
        self.scan = scan
        self.state = state
        self.lenient = lenient
    }

    mutating func read(_ root: OpaquePointer) throws(ICalendarError) -> ICalCalendar {
        let kind = icalcomponent_isa(root)
        guard kind == ICAL_VCALENDAR_COMPONENT else {
            throw .malformed(ICalLocation(line: 1), reason: "top-level component is not VCALENDAR")
        }
        var calendar = ICalCalendar(productID: "")
        let rootScan = try checkErrors(root, parent: nil)
        var props = PropertyCursor(scan: rootScan)
        var p = icalcomponent_get_first_property(root, ICAL_ANY_PROPERTY)
        var hasVersion = false
        while let prop = p {
            let name = propertyName(prop)
            let at = props.locate(name)
            switch icalproperty_isa(prop) {
            case ICAL_VERSION_PROPERTY:
                hasVersion = true
                guard string(icalproperty_get_version(prop)) == "2.0" else {
                    throw .unsupported(at, reason: "only VERSION:2.0 (vCalendar 1.0 is not read)")
                }
            case ICAL_PRODID_PROPERTY: calendar.productID = string(icalproperty_get_prodid(prop))
            case ICAL_CALSCALE_PROPERTY:
                guard string(icalproperty_get_calscale(prop)).uppercased() == "GREGORIAN" else {
                    throw .unsupported(at, reason: "only CALSCALE:GREGORIAN")
                }
            case ICAL_METHOD_PROPERTY:
                calendar.method = string(icalproperty_method_to_string(icalproperty_get_method(prop)))
            case ICAL_NAME_PROPERTY:
                let language = icalproperty_get_first_parameter(prop, ICAL_LANGUAGE_PARAMETER).map {
                    string(icalparameter_get_language($0))
                }
                calendar.names.append(
                    LocalizedText(language: language ?? "", text: string(icalproperty_get_name(prop)))
                )
            case ICAL_DESCRIPTION_PROPERTY: calendar.description = string(icalproperty_get_description(prop))
            case ICAL_REFRESHINTERVAL_PROPERTY:
                calendar.refreshInterval = Int(icaldurationtype_as_int(icalproperty_get_refreshinterval(prop)))
            case ICAL_SOURCE_PROPERTY: calendar.source = string(icalproperty_get_source(prop))
            case ICAL_X_PROPERTY:
                switch name {
                case "X-WR-CALNAME": calendar.legacyName = string(icalproperty_get_x(prop))
                case "X-WR-TIMEZONE": calendar.timeZoneHint = string(icalproperty_get_x(prop))
                case "X-WR-CALDESC", "X-PUBLISHED-TTL": break
                default: skipped.append(SkippedItem(location: at, reason: "calendar property \(name) is not used"))
                }
            default:
                skipped.append(SkippedItem(location: at, reason: "calendar property \(name) is not used"))
            }
            p = icalcomponent_get_next_property(root, ICAL_ANY_PROPERTY)
        }
        if !hasVersion {
            throw .missingProperty(ICalLocation(line: rootScan.line, component: "VCALENDAR", property: "VERSION"))
        }
        var c = icalcomponent_get_first_component(root, ICAL_ANY_COMPONENT)
        while let child = c {
            switch icalcomponent_isa(child) {
            case ICAL_VEVENT_COMPONENT:
                if lenient {
                    // Robustness principle (RFC 5545 §3.2 on unknown parameters, §3.8.8 on
                    // unknown properties): take every event that can be understood.
                    do { calendar.events.append(try readEvent(child)) } catch {
                        skipped.append(SkippedItem(location: error.location, reason: "event not imported: \(error)"))
                    }
                } else {
                    calendar.events.append(try readEvent(child))
                }
            case ICAL_VFREEBUSY_COMPONENT: calendar.busyPeriods += try readFreeBusy(child)
            case ICAL_VTIMEZONE_COMPONENT:
                let (s, at) = try checkErrorsWithIndex(child, parent: 0)
                try skipChildren(child, scanIndex: at)
                let tzid = s.properties.first { $0.name == "TZID" }?.value ?? ""
                if let iana = zone(named: tzid, definedBy: s) {
                    customZones[tzid] = iana
                } else if !TimeZones.isKnownLockHeld(tzid, state: &state) {
                    skipped.append(
                        SkippedItem(
                            location: ICalLocation(line: s.line, component: "VTIMEZONE", property: "TZID"),
                            reason: "\"\(tzid)\" is not an IANA name; events using it are refused"
                        )
                    )
                }
            default:
                let (s, at) = try checkErrorsWithIndex(child, parent: 0)
                try skipChildren(child, scanIndex: at)
                skipped.append(
                    SkippedItem(
                        location: ICalLocation(line: s.line, component: s.name),
                        reason: "\(s.name) is not imported"
                    )
                )
            }
            c = icalcomponent_get_next_component(root, ICAL_ANY_COMPONENT)
        }
        calendar.skipped = skipped
        return calendar
    }

    // MARK: - components

    private mutating func readEvent(_ node: OpaquePointer) throws(ICalendarError) -> ICalEvent {
        let (s, scanIndex) = try checkErrorsWithIndex(node, parent: 0)
        var props = PropertyCursor(scan: s)
        var uid: String?
        var stamp: LocalDateTime?
        var start: ICalDateTime?
        var fields = ICalEvent(
            uid: "",
            timestamp: LocalDateTime(secondsSinceEpochAsUTC: 0),
            start: .date(LocalDate(daysSinceEpoch: 0))
        )
        var ruleText: (String, ICalLocation)?
        var p = icalcomponent_get_first_property(node, ICAL_ANY_PROPERTY)
        while let prop = p {
            let name = propertyName(prop)
            let at = props.locate(name)
            switch icalproperty_isa(prop) {
            case ICAL_UID_PROPERTY: uid = string(icalproperty_get_uid(prop))
            case ICAL_DTSTAMP_PROPERTY: stamp = try utcTime(icalproperty_get_dtstamp(prop), at)
            case ICAL_LASTMODIFIED_PROPERTY: fields.lastModified = try utcTime(icalproperty_get_lastmodified(prop), at)
            case ICAL_SEQUENCE_PROPERTY:
                guard let raw = props.rawValue(at), let n = Int(raw), n >= 0 else {
                    throw .invalidValue(at, reason: "SEQUENCE must be a non-negative integer")
                }
                fields.sequence = n
            case ICAL_DTSTART_PROPERTY: start = try dateTime(icalproperty_get_dtstart(prop), prop, at)
            case ICAL_DTEND_PROPERTY: fields.end = try dateTime(icalproperty_get_dtend(prop), prop, at)
            case ICAL_DURATION_PROPERTY: fields.duration = Int(icaldurationtype_as_int(icalproperty_get_duration(prop)))
            case ICAL_RRULE_PROPERTY:
                guard ruleText == nil else {
                    throw .unsupported(at, reason: "more than one RRULE (deprecated by RFC 5545)")
                }
                ruleText = (props.rawValue(at) ?? "", at)
            case ICAL_EXRULE_PROPERTY: throw .unsupported(at, reason: "EXRULE is deprecated (RFC 5545 Appendix A)")
            case ICAL_EXDATE_PROPERTY:
                fields.exceptionDates.append(try dateTime(icalproperty_get_exdate(prop), prop, at))
            case ICAL_RDATE_PROPERTY:
                let v = icalproperty_get_rdate(prop)
                guard icalperiodtype_is_null_period(v.period) != 0 else {
                    throw .unsupported(at, reason: "RDATE;VALUE=PERIOD (libical 3.0.16 cannot read it)")
                }
                fields.recurrenceDates.append(try dateTime(v.time, prop, at))
            case ICAL_RECURRENCEID_PROPERTY:
                if let range = icalproperty_get_first_parameter(prop, ICAL_RANGE_PARAMETER),
                    icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE
                {
                    throw .unsupported(at, reason: "RANGE=THISANDFUTURE (end the series and start a new one)")
                }
                fields.recurrenceID = try dateTime(icalproperty_get_recurrenceid(prop), prop, at)
            case ICAL_SUMMARY_PROPERTY:
                fields.summary = string(icalproperty_get_summary(prop))
                fields.language = language(prop) ?? fields.language
            case ICAL_DESCRIPTION_PROPERTY: fields.description = string(icalproperty_get_description(prop))
            case ICAL_LOCATION_PROPERTY: fields.location = string(icalproperty_get_location(prop))
            case ICAL_GEO_PROPERTY:
                let g = icalproperty_get_geo(prop)
                fields.geo = Geo(latitude: g.lat, longitude: g.lon)
            case ICAL_URL_PROPERTY: fields.url = string(icalproperty_get_url(prop))
            case ICAL_CONFERENCE_PROPERTY:
                var conf = Conference(uri: string(icalproperty_get_conference(prop)))
                if let l = icalproperty_get_first_parameter(prop, ICAL_LABEL_PARAMETER) {
                    conf.label = string(icalparameter_get_label(l))
                }
                if let f = icalproperty_get_first_parameter(prop, ICAL_FEATURE_PARAMETER) {
                    conf.feature = ConferenceFeature.allCases.first { $0.c == icalparameter_get_feature(f) }
                }
                fields.conferences.append(conf)
            case ICAL_CONTACT_PROPERTY: fields.contacts.append(string(icalproperty_get_contact(prop)))
            case ICAL_CATEGORIES_PROPERTY: fields.categories.append(string(icalproperty_get_categories(prop)))
            case ICAL_CLASS_PROPERTY:
                let v = icalproperty_get_class(prop)
                fields.classification = Classification.allCases.first { $0.c == v }
            case ICAL_STATUS_PROPERTY:
                let v = icalproperty_get_status(prop)
                fields.status = EventStatus.allCases.first { $0.c == v }
            case ICAL_TRANSP_PROPERTY:
                fields.transparency = icalproperty_get_transp(prop) == ICAL_TRANSP_TRANSPARENT ? .transparent : .opaque
            case ICAL_ORGANIZER_PROPERTY: fields.organizer = user(string(icalproperty_get_organizer(prop)), prop)
            case ICAL_ATTENDEE_PROPERTY: fields.attendees.append(user(string(icalproperty_get_attendee(prop)), prop))
            case ICAL_X_PROPERTY:
                fields.extensions.append(ExtensionProperty(name: name, value: string(icalproperty_get_x(prop))))
            // Already reported where it stood (`checkErrors`): an empty value.
            case ICAL_XLICERROR_PROPERTY: break
            default: skipped.append(SkippedItem(location: at, reason: "VEVENT property \(name) is not used"))
            }
            p = icalcomponent_get_next_property(node, ICAL_ANY_PROPERTY)
        }
        try skipChildren(node, scanIndex: scanIndex)
        let here = ICalLocation(line: s.line, component: "VEVENT")
        guard let uid, !uid.isEmpty else {
            throw .missingProperty(ICalLocation(line: s.line, component: "VEVENT", property: "UID"))
        }
        if stamp == nil, lenient {
            // Some exporters leave DTSTAMP out; it only dates the copy, so an import can do
            // without it (the store stamps what it keeps).
            skipped.append(
                SkippedItem(
                    location: ICalLocation(line: s.line, component: "VEVENT", property: "DTSTAMP"),
                    reason: "missing DTSTAMP, required by RFC 5545 §3.6.1; taken as unknown"
                )
            )
            stamp = LocalDateTime(year: 1970, month: 1, day: 1, hour: 0, minute: 0)
        }
        guard let stamp else {
            throw .missingProperty(ICalLocation(line: s.line, component: "VEVENT", property: "DTSTAMP"))
        }
        guard let start else {
            throw .missingProperty(ICalLocation(line: s.line, component: "VEVENT", property: "DTSTART"))
        }
        if fields.end != nil && fields.duration != nil {
            throw .invalidValue(here, reason: "DTEND and DURATION must not both appear (RFC 5545 §3.6.1)")
        }
        fields.uid = uid
        fields.timestamp = stamp
        fields.start = start
        if let (text, at) = ruleText {
            do {
                let rule = try RecurrenceRule(lockHeld: text)
                try rule.checkUntil(against: start)
                fields.recurrenceRule = rule
            } catch {
                throw .invalidValue(at, reason: error.description)
            }
        }
        return fields
    }

    private mutating func readFreeBusy(_ node: OpaquePointer) throws(ICalendarError) -> [BusyPeriod] {
        let (s, scanIndex) = try checkErrorsWithIndex(node, parent: 0)
        var props = PropertyCursor(scan: s)
        var periods: [BusyPeriod] = []
        var p = icalcomponent_get_first_property(node, ICAL_ANY_PROPERTY)
        while let prop = p {
            let name = propertyName(prop)
            let at = props.locate(name)
            if icalproperty_isa(prop) == ICAL_FREEBUSY_PROPERTY {
                let kind = icalproperty_get_first_parameter(prop, ICAL_FBTYPE_PARAMETER).map {
                    icalparameter_get_fbtype($0)
                }
                if kind != ICAL_FBTYPE_FREE {
                    let period = icalproperty_get_freebusy(prop)
                    let start = try utcTime(period.start, at)
                    let end: LocalDateTime
                    if icaltime_is_null_time(period.end) == 0 {
                        end = try utcTime(period.end, at)
                    } else {
                        end = start.adding(seconds: Int(icaldurationtype_as_int(period.duration)))
                    }
                    guard start < end else { throw .invalidValue(at, reason: "busy period ends before it starts") }
                    periods.append(BusyPeriod(start: start, end: end))
                }
            }
            p = icalcomponent_get_next_property(node, ICAL_ANY_PROPERTY)
        }
        try skipChildren(node, scanIndex: scanIndex)
        return periods
    }

    /// Consumes (and error-checks) nested components such as VALARM or STANDARD/DAYLIGHT.
    private mutating func skipChildren(_ node: OpaquePointer, scanIndex: Int) throws(ICalendarError) {
        var c = icalcomponent_get_first_component(node, ICAL_ANY_COMPONENT)
        while let child = c {
            let (s, childIndex) = try checkErrorsWithIndex(child, parent: scanIndex)
            let parent = icalcomponent_isa(node)
            if parent != ICAL_VTIMEZONE_COMPONENT {
                skipped.append(
                    SkippedItem(
                        location: ICalLocation(line: s.line, component: s.name),
                        reason: "\(s.name) is not imported"
                    )
                )
            }
            try skipChildren(child, scanIndex: childIndex)
            c = icalcomponent_get_next_component(node, ICAL_ANY_COMPONENT)
        }
    }

    // MARK: - errors and values

    private mutating func checkErrors(_ node: OpaquePointer, parent: Int?) throws(ICalendarError)
        -> ContentLineScanner.Component
    {
        try checkErrorsWithIndex(node, parent: parent).0
    }

    /// Finds the scanned component a libical component came from — the next unused child of
    /// `parent` of the same kind (VTIMEZONEs by TZID, since libical reorders them) — and
    /// throws the first X-LIC-ERROR libical left in it.
    private mutating func checkErrorsWithIndex(_ node: OpaquePointer, parent: Int?) throws(ICalendarError)
        -> (ContentLineScanner.Component, Int)
    {
        let index = try match(node, parent: parent)
        used.insert(index)
        let s = scan[index]
        guard icalcomponent_get_first_property(node, ICAL_XLICERROR_PROPERTY) != nil else { return (s, index) }
        // Walk the properties in order: libical leaves the X-LIC-ERROR where the bad
        // property was, so the scanned property after the last good one is the culprit
        // unless the message names another.
        var cursor = PropertyCursor(scan: s)
        var p = icalcomponent_get_first_property(node, ICAL_ANY_PROPERTY)
        while let prop = p {
            if icalproperty_isa(prop) == ICAL_XLICERROR_PROPERTY {
                let message = string(icalproperty_get_xlicerror(prop))
                let at = cursor.locateError(
                    naming: Self.propertyMentioned(in: message),
                    parameterError: message.contains("parameter")
                )
                if message.hasPrefix("No value for "),
                    let name = message.dropFirst("No value for ".count).split(separator: " ").first.map(String.init)
                {
                    // An empty TEXT value (`LOCATION:`, which Outlook writes on most events) is
                    // valid RFC 5545; libical drops the property, and so does Podium.
                    skipped.append(SkippedItem(location: cursor.locate(name), reason: "empty value"))
                    p = icalcomponent_get_next_property(node, ICAL_ANY_PROPERTY)
                    continue
                }
                if message.contains("Parse error in property name") || message.contains("parameter") {
                    throw .malformed(at, reason: message)
                }
                throw .invalidValue(at, reason: message)
            }
            _ = cursor.locate(propertyName(prop))
            p = icalcomponent_get_next_property(node, ICAL_ANY_PROPERTY)
        }
        return (s, index)
    }

    private mutating func match(_ node: OpaquePointer, parent: Int?) throws(ICalendarError) -> Int {
        guard let parent else { return 0 }
        let kind = icalcomponent_isa(node)
        let name =
            kind == ICAL_X_COMPONENT || kind == ICAL_XLICINVALID_COMPONENT
            ? nil : string(icalcomponent_kind_to_string(kind))
        let children = scan[parent].children
        var start = firstUnused[parent] ?? 0
        while start < children.count, used.contains(children[start]) { start += 1 }
        firstUnused[parent] = start
        let taken = used
        let components = scan
        let matches = { (i: Int) in
            !taken.contains(i)
                && (name.map { components[i].name == $0 } ?? !Self.knownNames.contains(components[i].name))
        }
        // The first unused child of the right kind is almost always at `start`.
        if kind != ICAL_VTIMEZONE_COMPONENT, let i = children[start...].first(where: matches) { return i }
        let candidates = children[start...].filter(matches)
        if kind == ICAL_VTIMEZONE_COMPONENT, let p = icalcomponent_get_first_property(node, ICAL_TZID_PROPERTY) {
            let tzid = string(icalproperty_get_tzid(p))
            if let i = candidates.first(where: {
                scan[$0].properties.contains { $0.name == "TZID" && $0.value == tzid }
            }) {
                return i
            }
        }
        guard let first = candidates.first else {
            throw .malformed(
                ICalLocation(line: scan[parent].line, component: scan[parent].name),
                reason: "libical found a component the text does not have"
            )
        }
        return first
    }

    static let knownNames: Set<String> = [
        "VCALENDAR", "VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "STANDARD", "DAYLIGHT", "VALARM",
        "VAVAILABILITY", "AVAILABLE", "VPOLL", "VVOTER", "VAGENDA", "VQUERY", "VREPLY", "VCAR", "VCOMMAND",
        "PARTICIPANT", "VLOCATION", "VRESOURCE", "VPATCH",
    ]

    /// libical's messages name the property as "… in DTSTART property…" or "property name: FOO".
    static func propertyMentioned(in message: String) -> String? {
        if let r = message.range(of: " in "),
            let end = message.range(of: " property", range: r.upperBound..<message.endIndex)
        {
            let name = message[r.upperBound..<end.lowerBound]
            if !name.isEmpty, !name.contains(" ") { return String(name) }
        }
        if let r = message.range(of: "for property ") {
            return String(message[r.upperBound...].prefix { !$0.isWhitespace && $0 != ":" })
        }
        if let r = message.range(of: "property name: ") {
            return String(message[r.upperBound...].prefix { !$0.isWhitespace })
        }
        return nil
    }

    private func propertyName(_ prop: OpaquePointer) -> String {
        if icalproperty_isa(prop) == ICAL_X_PROPERTY { return string(icalproperty_get_x_name(prop)).uppercased() }
        return (try? Libical.takeString(icalproperty_get_property_name_r(prop))) ?? "?"
    }

    private func language(_ prop: OpaquePointer) -> String? {
        icalproperty_get_first_parameter(prop, ICAL_LANGUAGE_PARAMETER).map { string(icalparameter_get_language($0)) }
    }

    private func user(_ address: String, _ prop: OpaquePointer) -> CalendarUser {
        var u = CalendarUser(address: address)
        if let cn = icalproperty_get_first_parameter(prop, ICAL_CN_PARAMETER) {
            u.commonName = string(icalparameter_get_cn(cn))
        }
        if let role = icalproperty_get_first_parameter(prop, ICAL_ROLE_PARAMETER) {
            let v = icalparameter_get_role(role)
            u.role = ParticipantRole.allCases.first { $0.c == v }
        }
        return u
    }

    private func utcTime(_ t: icaltimetype, _ at: ICalLocation) throws(ICalendarError) -> LocalDateTime {
        guard icaltime_is_null_time(t) == 0, t.is_date == 0 else {
            throw .invalidValue(at, reason: "expected a UTC DATE-TIME")
        }
        return TimeZones.wall(t)
    }

    /// DATE, UTC, zoned or floating, by the property's TZID parameter. A TZID libical itself
    /// prefixed is read back as the plain IANA name.
    private mutating func dateTime(_ t: icaltimetype, _ prop: OpaquePointer, _ at: ICalLocation) throws(ICalendarError)
        -> ICalDateTime
    {
        guard icaltime_is_null_time(t) == 0 else { throw .invalidValue(at, reason: "empty date-time") }
        let wall = TimeZones.wall(t)
        guard wall.isValid else { throw .invalidValue(at, reason: "\(wall) is not a real date and time") }
        if t.is_date != 0 { return .date(wall.date) }
        if icaltime_is_utc(t) != 0 { return .utc(wall) }
        if let param = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER) {
            var tzid = string(icalparameter_get_tzid(param))
            let prefix = "/freeassociation.sourceforge.net/"
            if tzid.hasPrefix(prefix) { tzid.removeFirst(prefix.count) }
            if !TimeZones.isKnownLockHeld(tzid, state: &state), let iana = customZones[tzid] ?? WindowsZones.iana[tzid]
            {
                tzid = iana
            }
            guard TimeZones.isKnownLockHeld(tzid, state: &state) else {
                throw .invalidValue(at, reason: "unknown time zone \"\(tzid)\" (expected an IANA name)")
            }
            return .zoned(wall, tzid: tzid)
        }
        return .floating(wall)
    }

    /// The IANA zone a non-IANA TZID stands for: a Windows name by CLDR's table, or a
    /// VTIMEZONE whose every rule has the same whole-hour offset, as `Etc/GMT∓N` (POSIX
    /// signs are reversed). Nil when it cannot be matched with certainty.
    private mutating func zone(named tzid: String, definedBy s: ContentLineScanner.Component) -> String? {
        guard !TimeZones.isKnownLockHeld(tzid, state: &state) else { return nil }
        if let iana = WindowsZones.iana[tzid] { return iana }
        let offsets = Set(
            s.children.flatMap { scan[$0].properties }.filter { $0.name == "TZOFFSETTO" || $0.name == "TZOFFSETFROM" }
                .map(\.value)
        )
        guard offsets.count == 1, let offset = offsets.first, offset.count == 5, offset.hasSuffix("00"),
            let hours = Int(offset.dropLast(2)), (-12...14).contains(hours)
        else { return nil }
        let name = hours == 0 ? "Etc/UTC" : "Etc/GMT\(hours > 0 ? "-" : "+")\(abs(hours))"
        return TimeZones.isKnownLockHeld(name, state: &state) ? name : nil
    }

    private func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
}

/// Pairs libical's properties with the scanner's, in order, to find each one's line.
/// libical splits list values (`EXDATE:a,b`) into several properties, so a name that has
/// no further scanned match keeps the line of its last match.
struct PropertyCursor {
    let scan: ContentLineScanner.Component
    private var next = 0
    private var lastIndex: [String: Int] = [:]

    init(scan: ContentLineScanner.Component) { self.scan = scan }

    mutating func locate(_ name: String) -> ICalLocation {
        if let i = scan.properties[next...].firstIndex(where: { $0.name == name }) {
            next = i + 1
            lastIndex[name] = i
            return ICalLocation(line: scan.properties[i].line, component: scan.name, property: name)
        }
        let line = lastIndex[name].map { scan.properties[$0].line } ?? scan.line
        return ICalLocation(line: line, component: scan.name, property: name)
    }

    /// Where an error property sits: the named property from here on if the message names
    /// one, else the next scanned property.
    /// Parameter errors follow the property they belong to (libical keeps the property).
    func locateError(naming name: String?, parameterError: Bool) -> ICalLocation {
        let rest = scan.properties[next...]
        if let name,
            let hit = rest.first(where: { $0.name == name })
                ?? scan.properties[..<next].last(where: { $0.name == name })
        {
            return ICalLocation(line: hit.line, component: scan.name, property: name)
        }
        if parameterError, next > 0 {
            let hit = scan.properties[next - 1]
            return ICalLocation(line: hit.line, component: scan.name, property: hit.name)
        }
        if let hit = rest.first {
            return ICalLocation(line: hit.line, component: scan.name, property: name ?? hit.name)
        }
        return ICalLocation(line: scan.line, component: scan.name, property: name)
    }

    /// The raw text of the property at a located line (for values libical reads leniently,
    /// such as SEQUENCE:x, which it turns into 0).
    func rawValue(_ at: ICalLocation) -> String? {
        scan.properties.first { $0.line == at.line && $0.name == at.property }?.value
    }
}
