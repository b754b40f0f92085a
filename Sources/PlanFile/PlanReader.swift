import Foundation
import ICalendar
public import Scheduling
import Yams

/// Reads annual plan files (YAML; see `calendars/phu-yen-2024/plan.yaml` for an annotated
/// example) and holiday data files into values. All or nothing: the first problem is thrown
/// as a `PlanError` naming file, line, column and field, and nothing is returned.
public enum PlanReader {
    /// Parses a plan. `file` is only used in error messages.
    public static func read(_ text: String, file: String) throws(PlanError) -> Plan {
        let root = try document(text, file: file)
        let top = try root.mapping(allowed: [
            "version", "title", "agencies", "venues", "series", "adhoc", "holidays", "office-hours", "spokespeople",
            "assignments", "local-rules", "outcomes", "based-on",
        ])
        if let version = top["version"] {
            guard try version.int(in: 1...1000) == 1 else { throw version.error("this Podium reads plan version 1") }
        }
        var plan = Plan(title: try top["title"]?.string())
        plan.outcomesFile = try top["outcomes"]?.string()
        plan.basedOn = try top["based-on"]?.int(in: 0...Int(Int32.max))
        var agencies: [Agency] = []
        var venues: [Venue] = []
        var series: [RegularSeries] = []
        var adHoc: [AdHocBriefing] = []
        for f in try top["agencies"]?.list() ?? [] { agencies.append(try agency(f)) }
        for f in try top["venues"]?.list() ?? [] { venues.append(try venue(f)) }
        // References and rules are checked here, where each entry's line is known, so an
        // unknown venue or a start the rule never produces names its line.
        let agencyIDs = Set(agencies.map(\.id))
        let venueIDs = Set(venues.map(\.id))
        let validator = OccurrenceEngine(calendar: WorkingCalendar(years: 2000...2000, pending: []))
        func references(_ organizer: Agency.ID, _ venue: Venue.ID?, _ f: YAMLField) throws(PlanError) {
            let m = (try? f.mapping(allowed: Set(mappingKeys(f)))) ?? [:]
            guard agencyIDs.contains(organizer) else {
                throw (m["organizer"] ?? f).error("unknown agency \"\(organizer)\" (not under agencies:)")
            }
            if let venue, !venueIDs.contains(venue) {
                throw (m["venue"] ?? f).error("unknown venue \"\(venue)\" (not under venues:)")
            }
        }
        for f in try top["series"]?.list() ?? [] {
            let s = try regularSeries(f)
            try references(s.organizer, s.venue, f)
            do { try validator.validate(s) } catch {
                // Point at the field the problem is about.
                let m = (try? f.mapping(allowed: Set(mappingKeys(f)))) ?? [:]
                let field: YAMLField?
                switch error {
                case .startNotInRule: field = m["start"]
                case .invalidRule, .tooManyOccurrences: field = m["rrule"]
                case .unknownTimeZone: field = m["time-zone"]
                case .endBeforeStart: field = m["duration"]
                default: field = m["exceptions"]
                }
                throw (field ?? f).error(error.description)
            }
            series.append(s)
        }
        for f in try top["adhoc"]?.list() ?? [] {
            let b = try adHocBriefing(f)
            try references(b.organizer, b.venue, f)
            adHoc.append(b)
        }
        try unique(agencies.map(\.id.rawValue), "agency", top["agencies"])
        try unique(venues.map(\.id.rawValue), "venue", top["venues"])
        try unique(
            series.map(\.id.rawValue) + adHoc.map(\.id.rawValue),
            "series or ad-hoc",
            top["series"] ?? top["adhoc"]
        )
        plan.schedule = Schedule(agencies: agencies, venues: venues, series: series, adHoc: adHoc)
        if let holidays = top["holidays"] { plan.holidayDecisions = try decisions(holidays) }
        for f in try top["office-hours"]?.list() ?? [] { plan.officeHours.append(try officeHours(f)) }
        var people: [Spokesperson] = []
        for f in try top["spokespeople"]?.list() ?? [] { people.append(try spokesperson(f)) }
        try unique(people.map(\.id.rawValue), "spokesperson", top["spokespeople"])
        var assignments: [Assignment] = []
        for f in try top["assignments"]?.list() ?? [] {
            let a = try assignment(f)
            for person in a.people where !people.contains(where: { $0.id == person }) {
                throw f.error("unknown spokesperson \"\(person)\"")
            }
            assignments.append(a)
        }
        plan.roster = Roster(people: people, assignments: assignments)
        // A province's own rules bind its top agencies (and everything under them) unless
        // they name a scope.
        let roots = agencies.filter { $0.parent == nil }.map(\.id)
        for f in try top["local-rules"]?.list() ?? [] {
            var r = try rule(f, local: true)
            if r.scope == nil { r.scope = roots }
            plan.localRules.append(r)
        }
        return plan
    }

    /// Parses a legal rules file (`rules:`, see `calendars/rules/vietnam.yaml`).
    public static func readRules(_ text: String, file: String) throws(PlanError) -> [LegalRule] {
        let root = try document(text, file: file)
        let top = try root.mapping(allowed: ["version", "rules"])
        guard let list = top["rules"] else { throw root.error("a rules file lists its rules under rules:") }
        let rules = try list.list().map { f throws(PlanError) in try rule(f, local: false) }
        // Versions of one rule must not overlap: on any day one version is in force.
        for (i, a) in rules.enumerated() {
            for b in rules[(i + 1)...] where a.id == b.id {
                let aEnd = a.validTo ?? LocalDate(year: 9999, month: 12, day: 31)
                let bEnd = b.validTo ?? LocalDate(year: 9999, month: 12, day: 31)
                if a.validFrom <= bEnd && b.validFrom <= aEnd {
                    throw list.error("\(a.id): versions from \(a.validFrom) and \(b.validFrom) overlap")
                }
            }
        }
        return rules
    }

    static func rule(_ f: YAMLField, local: Bool) throws(PlanError) -> LegalRule {
        let m = try f.mapping(allowed: [
            "id", "kind", "title", "basis", "valid-from", "valid-to", "status", "levels", "parameters", "note", "scope",
        ])
        let basisField = try required(m, "basis", in: f)
        let b = try basisField.mapping(allowed: ["document", "article", "clause", "point"])
        var parameters: [String: Int] = [:]
        if let p = m["parameters"] {
            for (name, value) in try p.mapping(allowed: ["months", "hours"]) {
                parameters[name] = try value.int(in: 1...(name == "hours" ? 24 * 30 : 120))
            }
        }
        let kind = try required(m, "kind", in: f).choice(LegalRule.Kind.self)
        if kind == .periodicConference || kind == .periodicInformation, parameters["months"] == nil {
            throw f.error("a periodic rule needs parameters: { months: N }")
        }
        let levels = try m["levels"].map { x throws(PlanError) in
            Set(try x.list().map { l throws(PlanError) in try l.choice(Agency.Level.self) })
        }
        let r = LegalRule(
            id: try required(m, "id", in: f).string(),
            kind: kind,
            title: try text(required(m, "title", in: f)),
            basis: LegalRule.Basis(
                document: try required(b, "document", in: basisField).string(),
                article: try b["article"]?.string(),
                clause: try b["clause"]?.string(),
                point: try b["point"]?.string()
            ),
            validFrom: try required(m, "valid-from", in: f).date(),
            validTo: try m["valid-to"]?.date(),
            status: try m["status"]?.choice(LegalRule.Status.self) ?? .inForce,
            levels: levels ?? Agency.Level.state,
            parameters: parameters,
            scope: try m["scope"].map { x throws(PlanError) in
                try x.list().map { a throws(PlanError) in Agency.ID(try id(a)) }
            }
        )
        if let to = r.validTo, to < r.validFrom { throw f.error("valid-to is before valid-from") }
        if !local, r.scope != nil { throw m["scope"]!.error("national rules bind by level; scope is for local rules") }
        return r
    }

    /// Parses a holiday data file: `decisions:` (one per year) — the data a user updates each
    /// year without rebuilding Podium.
    public static func readHolidays(_ text: String, file: String) throws(PlanError) -> [HolidayDecision] {
        let root = try document(text, file: file)
        let top = try root.mapping(allowed: ["version", "decisions"])
        guard let list = top["decisions"] else { return [] }
        return try list.list().map { f throws(PlanError) in try decision(f) }
    }

    /// Whether a YAML text is a holiday data file (top-level `decisions:`) rather than a plan.
    public static func isHolidayFile(_ text: String) -> Bool {
        guard let node = try? Yams.compose(yaml: text), case .mapping(let m) = node else { return false }
        return m.keys.contains { $0.string == "decisions" }
    }

    /// The keys of a mapping node (to look fields up again for their lines).
    static func mappingKeys(_ f: YAMLField) -> [String] {
        guard case .mapping(let m) = f.node else { return [] }
        return m.keys.compactMap(\.string)
    }

    static func document(_ text: String, file: String) throws(PlanError) -> YAMLField {
        if text.utf8.contains(0) { throw PlanError(file: file, line: 1, message: "binary data (NUL byte), not YAML") }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.describe(error, file: file)
        } catch {
            throw PlanError(file: file, message: "not readable as YAML: \(error)")
        }
        guard let node else { throw PlanError(file: file, line: 1, message: "the file is empty") }
        return YAMLField(node: node, path: "", file: file)
    }

    static func describe(_ error: YamlError, file: String) -> PlanError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return PlanError(file: file, line: mark.line, column: mark.column, message: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, _):
            return PlanError(file: file, message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return PlanError(file: file, message: "YAML: \(error)")
        }
    }

    static func unique(_ ids: [String], _ kind: String, _ where_: YAMLField?) throws(PlanError) {
        var seen: Set<String> = []
        for id in ids where !seen.insert(id).inserted {
            throw where_?.error("\(kind) id \"\(id)\" appears twice")
                ?? PlanError(file: "", message: "\(kind) id \"\(id)\" appears twice")
        }
    }

    static func id(_ f: YAMLField?) throws(PlanError) -> String {
        guard let f else { throw PlanError(file: "", message: "id is required") }
        let text = try f.string()
        if let problem = Slug.problem(with: text) { throw f.error(problem) }
        return text
    }

    static func required(_ fields: [String: YAMLField], _ key: String, in parent: YAMLField) throws(PlanError)
        -> YAMLField
    {
        guard let f = fields[key] else { throw parent.error("\(key) is required") }
        return f
    }

    static func text(_ f: YAMLField) throws(PlanError) -> BilingualText {
        if case .scalar = f.node { return BilingualText(vi: try f.string()) }
        let m = try f.mapping(allowed: ["vi", "en"])
        return BilingualText(vi: try required(m, "vi", in: f).string(), en: try m["en"]?.string())
    }

    // MARK: - entities

    static func agency(_ f: YAMLField) throws(PlanError) -> Agency {
        let m = try f.mapping(allowed: [
            "id", "name", "level", "parent", "valid-from", "valid-to", "successor", "requires-approval",
        ])
        return Agency(
            id: Agency.ID(try id(required(m, "id", in: f))),
            name: try text(required(m, "name", in: f)),
            level: try required(m, "level", in: f).choice(Agency.Level.self),
            parent: try m["parent"].map { x throws(PlanError) in Agency.ID(try id(x)) },
            validFrom: try m["valid-from"]?.date(),
            validTo: try m["valid-to"]?.date(),
            successor: try m["successor"].map { x throws(PlanError) in Agency.ID(try id(x)) },
            requiresApproval: try m["requires-approval"]?.bool() ?? false
        )
    }

    static func venue(_ f: YAMLField) throws(PlanError) -> Venue {
        let m = try f.mapping(allowed: ["id", "name", "address", "geo", "capacity", "online"])
        var geo: Geo?
        if let g = m["geo"] {
            let pair = try g.list()
            guard pair.count == 2 else { throw g.error("geo is [latitude, longitude]") }
            let lat = try pair[0].double()
            let lon = try pair[1].double()
            guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw g.error("latitude or longitude out of range")
            }
            geo = Geo(latitude: lat, longitude: lon)
        }
        if let online = m["online"] {
            do { try ICalURI.validate(try online.string(), field: "online") } catch { throw online.error("\(error)") }
        }
        return Venue(
            id: Venue.ID(try id(required(m, "id", in: f))),
            name: try text(required(m, "name", in: f)),
            address: try required(m, "address", in: f).string(),
            geo: geo,
            capacity: try m["capacity"]?.int(in: 1...100_000),
            onlineLink: try m["online"]?.string()
        )
    }

    static let seriesKeys: Set<String> = [
        "id", "title", "description", "organizer", "topic", "rrule", "start", "duration", "time-zone", "venue", "form",
        "access", "attribution", "visibility", "status", "embargo-until", "holiday-policy", "languages",
        "interpretation", "exceptions", "continues", "panel",
    ]

    static func regularSeries(_ f: YAMLField) throws(PlanError) -> RegularSeries {
        let m = try f.mapping(allowed: seriesKeys)
        let ruleField = try required(m, "rrule", in: f)
        let rule: RecurrenceRule
        do { rule = try RecurrenceRule(try ruleField.string()) } catch { throw ruleField.error("\(error)") }
        let zone = try m["time-zone"]?.string() ?? RegularSeries.defaultTimeZone
        if !TimeZones.isKnown(zone) { throw m["time-zone"]!.error("unknown time zone \"\(zone)\" (use an IANA name)") }
        var s = RegularSeries(
            id: RegularSeries.ID(try id(required(m, "id", in: f))),
            title: try text(required(m, "title", in: f)),
            organizer: Agency.ID(try id(required(m, "organizer", in: f))),
            rule: rule,
            start: try required(m, "start", in: f).localDateTime(),
            duration: try required(m, "duration", in: f).int(in: 1...24 * 60) * 60,
            timeZone: zone,
            venue: try m["venue"].map { x throws(PlanError) in Venue.ID(try id(x)) },
            form: try m["form"]?.choice(InformationForm.self) ?? .pressConference,
            access: try m["access"]?.choice(AccessClass.self) ?? .open,
            attribution: try m["attribution"]?.choice(AttributionRule.self) ?? .onTheRecord,
            visibility: try m["visibility"]?.choice(Visibility.self) ?? .public,
            status: try m["status"]?.choice(BriefingStatus.self) ?? .scheduled,
            holidayPolicy: try m["holiday-policy"]?.choice(HolidayPolicy.self) ?? .nextWorkingDay,
            languages: try languages(m["languages"])
        )
        s.description = try m["description"].map { x throws(PlanError) in try text(x) }
        s.topic = try m["topic"]?.string()
        s.embargoUntil = try m["embargo-until"]?.instant()
        s.interpretation = try m["interpretation"]?.bool() ?? false
        s.panel = try m["panel"].map { x throws(PlanError) in try panelNeeds(x) } ?? PanelNeeds()
        s.continues = try m["continues"].map { x throws(PlanError) in RegularSeries.ID(try id(x)) }
        do {
            try rule.checkUntil(against: .zoned(s.start, tzid: zone))
        } catch {
            throw ruleField.error("\(error)")
        }
        for e in try m["exceptions"]?.list() ?? [] {
            let x = try exception(e)
            guard s.exceptions[x.originalStart] == nil else {
                throw e.error("a second exception for \(x.originalStart)")
            }
            s.exceptions[x.originalStart] = x
        }
        return s
    }

    static func exception(_ f: YAMLField) throws(PlanError) -> OccurrenceException {
        let m = try f.mapping(allowed: [
            "original", "cancel", "move-to", "duration", "venue", "title", "description", "reason",
        ])
        var e = OccurrenceException(originalStart: try required(m, "original", in: f).localDateTime(), revision: 1)
        e.cancellationReason = try m["cancel"]?.string()
        e.newStart = try m["move-to"]?.localDateTime()
        e.newDuration = try m["duration"].map { x throws(PlanError) in try x.int(in: 1...24 * 60) * 60 }
        e.newVenue = try m["venue"].map { x throws(PlanError) in Venue.ID(try id(x)) }
        e.title = try m["title"].map { x throws(PlanError) in try text(x) }
        e.description = try m["description"].map { x throws(PlanError) in try text(x) }
        e.reason = try m["reason"]?.string()
        if e.isEmpty { throw f.error("an exception needs cancel, move-to, duration, venue, title or description") }
        if e.cancellationReason != nil && e.newStart != nil { throw f.error("cancel and move-to cannot both be set") }
        return e
    }

    static func adHocBriefing(_ f: YAMLField) throws(PlanError) -> AdHocBriefing {
        let m = try f.mapping(allowed: [
            "id", "title", "description", "organizer", "topic", "trigger", "triggered-at", "deadline-hours",
            "deadline-basis", "start", "duration", "time-zone", "venue", "form", "access", "attribution", "visibility",
            "status", "cancel", "embargo-until", "languages", "interpretation", "related", "relation",
            "first-statement-at", "panel",
        ])
        let zone = try m["time-zone"]?.string() ?? RegularSeries.defaultTimeZone
        if !TimeZones.isKnown(zone) { throw m["time-zone"]!.error("unknown time zone \"\(zone)\"") }
        var deadline = StatementDeadline.standard
        if let hours = m["deadline-hours"] { deadline.hours = try hours.int(in: 1...24 * 30) }
        if let basis = m["deadline-basis"] { deadline.legalBasis = try basis.string() }
        let trigger = try required(m, "trigger", in: f).choice(TriggerKind.self)
        let start = try required(m, "start", in: f).localDateTime()
        // A planned one-off has no trigger moment; its start stands in for it.
        let triggeredAt: Date
        if trigger == .planned, m["triggered-at"] == nil {
            guard let t = try? TimeZones.instant(of: start, in: zone) else { throw f.error("start is not a real time") }
            triggeredAt = t
        } else {
            triggeredAt = try required(m, "triggered-at", in: f).instant()
        }
        var b = AdHocBriefing(
            id: AdHocBriefing.ID(try id(required(m, "id", in: f))),
            title: try text(required(m, "title", in: f)),
            organizer: Agency.ID(try id(required(m, "organizer", in: f))),
            trigger: trigger,
            triggeredAt: triggeredAt,
            start: start,
            duration: try required(m, "duration", in: f).int(in: 1...24 * 60) * 60,
            timeZone: zone,
            deadline: deadline
        )
        b.description = try m["description"].map { x throws(PlanError) in try text(x) }
        b.topic = try m["topic"]?.string()
        b.venue = try m["venue"].map { x throws(PlanError) in Venue.ID(try id(x)) }
        b.form = try m["form"]?.choice(InformationForm.self) ?? .pressConference
        b.access = try m["access"]?.choice(AccessClass.self) ?? .open
        b.attribution = try m["attribution"]?.choice(AttributionRule.self) ?? .onTheRecord
        b.visibility = try m["visibility"]?.choice(Visibility.self) ?? .public
        b.status = try m["status"]?.choice(BriefingStatus.self) ?? .scheduled
        if let reason = m["cancel"] {
            b.status = .cancelled
            b.cancellationReason = try reason.string()
        }
        b.embargoUntil = try m["embargo-until"]?.instant()
        b.languages = try languages(m["languages"])
        b.interpretation = try m["interpretation"]?.bool() ?? false
        b.panel = try m["panel"].map { x throws(PlanError) in try panelNeeds(x) } ?? PanelNeeds()
        b.relatedOccurrence = try m["related"].map { x throws(PlanError) in OccurrenceID(rawValue: try x.string()) }
        b.relation = try m["relation"]?.choice(AdHocBriefing.Relation.self)
        b.firstStatementAt = try m["first-statement-at"]?.instant()
        return b
    }

    static func languages(_ f: YAMLField?) throws(PlanError) -> Set<Language> {
        guard let f else { return [.vi] }
        let list = try f.list().map { x throws(PlanError) in try x.choice(Language.self) }
        guard !list.isEmpty else { throw f.error("at least one language") }
        return Set(list)
    }

    static func decisions(_ f: YAMLField) throws(PlanError) -> [HolidayDecision] {
        let m = try f.mapping(allowed: ["decisions"])
        return try (m["decisions"]?.list() ?? []).map { x throws(PlanError) in try decision(x) }
    }

    static func decision(_ f: YAMLField) throws(PlanError) -> HolidayDecision {
        let m = try f.mapping(allowed: ["year", "reference", "tet", "national-day-adjacent", "days-off", "workdays"])
        let year = try required(m, "year", in: f).int(in: 1900...2200)
        let reference = try required(m, "reference", in: f).string()
        var d = HolidayDecision(year: year, reference: reference)
        if let tet = m["tet"] {
            let days = try tet.list().map { x throws(PlanError) in try x.date() }
            guard days.count == 5 else { throw tet.error("Tết has five statutory days (Labor Code 2019 Art. 112(1))") }
            d.tetDays = days
        }
        d.nationalDayAdjacent = try m["national-day-adjacent"]?.date()
        for x in try m["days-off"]?.list() ?? [] {
            let dm = try x.mapping(allowed: ["date", "name"])
            d.extraDaysOff.append(
                Holiday(
                    date: try required(dm, "date", in: x).date(),
                    name: try text(required(dm, "name", in: x)),
                    kind: .decision,
                    legalBasis: reference
                )
            )
        }
        d.workdays = try (m["workdays"]?.list() ?? []).map { x throws(PlanError) in try x.date() }
        return d
    }

    static func spokesperson(_ f: YAMLField) throws(PlanError) -> Spokesperson {
        let m = try f.mapping(allowed: [
            "id", "name", "title", "title-en", "agency", "languages", "topics", "active-from", "active-to", "phone",
            "email", "sent-to-press", "posted-on-portal", "buffer", "max-per-week", "entitlements", "unavailable",
            "serves",
        ])
        var entitlements: [Entitlement] = []
        for e in try required(m, "entitlements", in: f).list() { entitlements.append(try entitlement(e)) }
        if entitlements.isEmpty {
            throw f.error("a spokesperson needs at least one entitlement (Decree 09/2017 Art. 3)")
        }
        var p = Spokesperson(
            id: Spokesperson.ID(try id(required(m, "id", in: f))),
            name: try required(m, "name", in: f).string(),
            title: try required(m, "title", in: f).string(),
            agency: Agency.ID(try id(required(m, "agency", in: f))),
            languages: try languages(m["languages"]),
            entitlements: entitlements,
            contact: PublishedContact(
                phone: try m["phone"]?.string(),
                email: try m["email"]?.string(),
                sentToPressOn: try m["sent-to-press"]?.date(),
                postedOnPortalOn: try m["posted-on-portal"]?.date()
            ),
            bufferMinutes: try m["buffer"]?.int(in: 0...240) ?? 30,
            maxPerWeek: try m["max-per-week"]?.int(in: 1...50) ?? 5
        )
        p.topics = Set(try (m["topics"]?.list() ?? []).map { x throws(PlanError) in try x.string() })
        for x in try m["serves"]?.list() ?? [] {
            let role = try x.choice(PanelRole.self)
            guard role == .moderator || role == .interpreter else {
                throw x.error("serves: moderator or interpreter (who chairs or answers follows from the entitlements)")
            }
            p.serves.insert(role)
        }
        p.titleEn = try m["title-en"]?.string()
        p.activeFrom = try m["active-from"]?.date()
        p.activeTo = try m["active-to"]?.date()
        for u in try m["unavailable"]?.list() ?? [] {
            let um = try u.mapping(allowed: ["from", "to", "kind", "reason"])
            let from = try required(um, "from", in: u).instant()
            let to = try required(um, "to", in: u).instant()
            guard from < to else { throw u.error("the end must be after the start") }
            p.unavailable.append(
                Unavailability(
                    start: from,
                    end: to,
                    kind: try um["kind"]?.choice(Unavailability.Kind.self) ?? .leave,
                    reason: try um["reason"]?.string()
                )
            )
        }
        return p
    }

    static func entitlement(_ f: YAMLField) throws(PlanError) -> Entitlement {
        let m = try f.mapping(allowed: ["agency", "as", "matter", "reference", "valid-from", "valid-to"])
        let kind: Entitlement.Kind
        let asField = try required(m, "as", in: f)
        switch try asField.string() {
        case "head": kind = .head
        case "spokesperson": kind = .spokesperson
        case "chairman": kind = .chairman
        case "deputy": kind = .deputy(reference: try required(m, "reference", in: f).string())
        case "authorized":
            // Decision 25/2013: in writing, for a specific matter, for a limited time (R-AUTH-SCOPE).
            guard m["valid-to"] != nil else {
                throw f.error("an authorization needs valid-to (it is for a limited time)")
            }
            kind = .authorized(
                matter: try required(m, "matter", in: f).string(),
                reference: try required(m, "reference", in: f).string()
            )
        case let other:
            throw asField.error("\"\(other)\" is not one of: head, spokesperson, authorized, deputy, chairman")
        }
        return Entitlement(
            agency: Agency.ID(try id(required(m, "agency", in: f))),
            kind: kind,
            validFrom: try m["valid-from"]?.date(),
            validTo: try m["valid-to"]?.date()
        )
    }

    static func assignment(_ f: YAMLField) throws(PlanError) -> Assignment {
        let m = try f.mapping(allowed: ["occurrence", "primary", "backups", "panel", "locked", "reason"])
        return Assignment(
            occurrence: OccurrenceID(rawValue: try required(m, "occurrence", in: f).string()),
            primary: try slot(required(m, "primary", in: f)),
            backups: try (m["backups"]?.list() ?? []).map { x throws(PlanError) in try slot(x) },
            panel: try (m["panel"]?.list() ?? []).map { x throws(PlanError) in try seat(x) },
            locked: try m["locked"]?.bool() ?? false,
            reason: try m["reason"]?.string()
        )
    }

    /// A person on an assignment: their id (chosen by hand), or `{person, source}` when the
    /// choice came from rotation or the auto-assigner (as a downloaded plan says).
    static func slot(_ f: YAMLField) throws(PlanError) -> Assignment.Slot {
        if case .scalar = f.node { return .init(person: Spokesperson.ID(try id(f)), source: .manual) }
        let m = try f.mapping(allowed: ["person", "source"])
        return .init(
            person: Spokesperson.ID(try id(required(m, "person", in: f))),
            source: try m["source"]?.choice(Assignment.Source.self) ?? .manual
        )
    }

    /// The panel a briefing needs: `{chair: true, matters: [investment, land], moderator:
    /// true, interpreter: true}` (every key optional).
    static func panelNeeds(_ f: YAMLField) throws(PlanError) -> PanelNeeds {
        let m = try f.mapping(allowed: ["chair", "matters", "moderator", "interpreter"])
        let matters = try (m["matters"]?.list() ?? []).map { x throws(PlanError) in try x.string() }
        if let repeated = matters.first(where: { m in matters.filter { $0 == m }.count > 1 }) {
            throw m["matters"]!.error("matter \"\(repeated)\" is named twice")
        }
        return PanelNeeds(
            chair: try m["chair"]?.bool() ?? false,
            matters: matters,
            moderator: try m["moderator"]?.bool() ?? false,
            interpreter: try m["interpreter"]?.bool() ?? false
        )
    }

    /// One seat of a panel: `{role: chair, person: ID}`, a panelist with the `matter` they
    /// answer on, and `source` when the auto-assigner chose them.
    static func seat(_ f: YAMLField) throws(PlanError) -> PanelSeat {
        let m = try f.mapping(allowed: ["role", "person", "matter", "source"])
        let role = try required(m, "role", in: f).choice(PanelRole.self)
        let matter = try m["matter"]?.string()
        if matter != nil, role != .panelist { throw m["matter"]!.error("only a panelist answers on a matter") }
        if matter == nil, role == .panelist { throw f.error("a panelist answers on a matter: give `matter`") }
        return PanelSeat(
            role: role,
            person: Spokesperson.ID(try id(required(m, "person", in: f))),
            matter: matter,
            source: try m["source"]?.choice(Assignment.Source.self) ?? .manual
        )
    }

    static func officeHours(_ f: YAMLField) throws(PlanError) -> OfficeHours {
        let m = try f.mapping(allowed: ["from", "months", "sessions"])
        var sessions: [OfficeHours.Session] = []
        for s in try required(m, "sessions", in: f).list() {
            let text = try s.string()
            let parts = text.split(separator: "-").map { LocalDateTime(iso: "2000-01-01T" + $0) }
            guard parts.count == 2, let a = parts[0], let b = parts[1], a < b else {
                throw s.error("\"\(text)\" is not HH:MM-HH:MM")
            }
            sessions.append(OfficeHours.Session((a.hour, a.minute), (b.hour, b.minute)))
        }
        let months = try (m["months"]?.list() ?? []).map { x throws(PlanError) in try x.int(in: 1...12) }
        return OfficeHours(sessions: sessions, months: Set(months), validFrom: try m["from"]?.date())
    }
}
