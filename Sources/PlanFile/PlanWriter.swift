import Foundation
import ICalendar
import Scheduling

/// Writes a plan as the YAML `PlanReader` reads: what the secretariat downloads from the
/// workspace (or `podium plan download`), edits, and uploads again. Reading what it writes
/// gives back the same plan (`PlanRoundTripTests`), so download → upload changes nothing.
///
/// Every string is a double-quoted YAML scalar (YAML 1.2 §7.3.1), so no text — a colon, a
/// leading dash, "yes", a number — is ever read back as something else; defaults are left
/// out, as a person would write the file.
public enum PlanWriter {
    public static func write(_ plan: Plan) -> String {
        var y = YAMLText()
        y.line(0, "# Podium plan, version 1 (the format: calendars/phu-yen-2024/plan.yaml).")
        y.line(0, "version: 1")
        if let basedOn = plan.basedOn {
            y.line(0, "# The data revision this file was read at: uploading it after any other change is refused.")
            y.line(0, "based-on: \(basedOn)")
        }
        if let title = plan.title { y.line(0, "title: \(q(title))") }
        let s = plan.schedule
        y.list("agencies", s.agencies.values.sorted { $0.id < $1.id }) { y, a in agency(&y, a) }
        y.list("venues", s.venues.values.sorted { $0.id < $1.id }) { y, v in venue(&y, v) }
        y.list("series", s.series.values.sorted { $0.id < $1.id }) { y, x in series(&y, x) }
        y.list("adhoc", s.adHoc.values.sorted { $0.id < $1.id }) { y, b in adHoc(&y, b) }
        if !plan.holidayDecisions.isEmpty {
            y.line(0, "holidays:")
            y.line(1, "decisions:")
            for d in plan.holidayDecisions.sorted(by: { $0.year < $1.year }) { y.item(2) { y in decision(&y, d) } }
        }
        y.list("office-hours", plan.officeHours) { y, o in officeHours(&y, o) }
        y.list("spokespeople", plan.roster.people.values.sorted { $0.id < $1.id }) { y, p in spokesperson(&y, p) }
        // An assignment without a primary cannot be written (a plan names who speaks first).
        let assignments = plan.roster.assignments.values.filter { $0.primary != nil }.sorted {
            $0.occurrence < $1.occurrence
        }
        y.list("assignments", assignments) { y, a in assignment(&y, a) }
        y.list("local-rules", plan.localRules) { y, r in rule(&y, r) }
        if let outcomes = plan.outcomesFile { y.line(0, "outcomes: \(q(outcomes))") }
        return y.text
    }

    // MARK: - entities

    static func agency(_ y: inout YAMLText, _ a: Agency) {
        y.field("id", q(a.id.rawValue))
        y.text("name", a.name)
        y.field("level", a.level.rawValue)
        y.field("parent", a.parent.map { q($0.rawValue) })
        y.field("valid-from", a.validFrom?.description)
        y.field("valid-to", a.validTo?.description)
        y.field("successor", a.successor.map { q($0.rawValue) })
        if a.requiresApproval { y.field("requires-approval", "true") }
    }

    static func venue(_ y: inout YAMLText, _ v: Venue) {
        y.field("id", q(v.id.rawValue))
        y.text("name", v.name)
        y.field("address", q(v.address))
        y.field("geo", v.geo.map { "[\(number($0.latitude)), \(number($0.longitude))]" })
        y.field("capacity", v.capacity.map(String.init))
        y.field("online", v.onlineLink.map(q))
    }

    static func series(_ y: inout YAMLText, _ s: RegularSeries) {
        y.field("id", q(s.id.rawValue))
        y.text("title", s.title)
        y.text("description", s.description)
        y.field("organizer", q(s.organizer.rawValue))
        y.field("topic", s.topic.map(q))
        y.field("rrule", q(s.rule.text))
        y.field("start", q(s.start.description))
        y.field("duration", String(s.duration / 60))
        if s.timeZone != RegularSeries.defaultTimeZone { y.field("time-zone", q(s.timeZone)) }
        y.field("venue", s.venue.map { q($0.rawValue) })
        attributes(&y, form: s.form, access: s.access, attribution: s.attribution, visibility: s.visibility)
        if s.status != .scheduled { y.field("status", s.status.rawValue) }
        y.field("embargo-until", s.embargoUntil.map(instant))
        if s.holidayPolicy != .nextWorkingDay { y.field("holiday-policy", s.holidayPolicy.rawValue) }
        languages(&y, s.languages)
        if s.interpretation { y.field("interpretation", "true") }
        y.field("panel", panel(s.panel))
        y.field("continues", s.continues.map { q($0.rawValue) })
        // Empty exceptions are the store's tombstones (an undone change), not part of a plan.
        let exceptions = s.exceptions.values.filter { !$0.isEmpty }.sorted { $0.originalStart < $1.originalStart }
        y.nestedList("exceptions", exceptions) { y, e in exception(&y, e) }
    }

    static func exception(_ y: inout YAMLText, _ e: OccurrenceException) {
        y.field("original", q(e.originalStart.description))
        y.field("cancel", e.cancellationReason.map(q))
        y.field("move-to", e.newStart.map { q($0.description) })
        y.field("duration", e.newDuration.map { String($0 / 60) })
        y.field("venue", e.newVenue.map { q($0.rawValue) })
        y.text("title", e.title)
        y.text("description", e.description)
        y.field("reason", e.reason.map(q))
    }

    static func adHoc(_ y: inout YAMLText, _ b: AdHocBriefing) {
        y.field("id", q(b.id.rawValue))
        y.text("title", b.title)
        y.text("description", b.description)
        y.field("organizer", q(b.organizer.rawValue))
        y.field("topic", b.topic.map(q))
        y.field("trigger", b.trigger.rawValue)
        // A planned one-off without a trigger moment is read with its start standing in.
        let startInstant = try? TimeZones.instant(of: b.start, in: b.timeZone)
        if !(b.trigger == .planned && startInstant == b.triggeredAt) {
            y.field("triggered-at", instant(b.triggeredAt))
        }
        if b.deadline.hours != StatementDeadline.standard.hours { y.field("deadline-hours", String(b.deadline.hours)) }
        if b.deadline.legalBasis != StatementDeadline.standard.legalBasis {
            y.field("deadline-basis", q(b.deadline.legalBasis))
        }
        y.field("start", q(b.start.description))
        y.field("duration", String(b.duration / 60))
        if b.timeZone != RegularSeries.defaultTimeZone { y.field("time-zone", q(b.timeZone)) }
        y.field("venue", b.venue.map { q($0.rawValue) })
        attributes(&y, form: b.form, access: b.access, attribution: b.attribution, visibility: b.visibility)
        if let reason = b.cancellationReason, b.status == .cancelled {
            y.field("cancel", q(reason))
        } else if b.status != .scheduled {
            y.field("status", b.status.rawValue)
        }
        y.field("embargo-until", b.embargoUntil.map(instant))
        languages(&y, b.languages)
        if b.interpretation { y.field("interpretation", "true") }
        y.field("panel", panel(b.panel))
        y.field("related", b.relatedOccurrence.map { q($0.rawValue) })
        y.field("relation", b.relation?.rawValue)
        y.field("first-statement-at", b.firstStatementAt.map(instant))
    }

    static func attributes(
        _ y: inout YAMLText,
        form: InformationForm,
        access: AccessClass,
        attribution: AttributionRule,
        visibility: Visibility
    ) {
        if form != .pressConference { y.field("form", form.rawValue) }
        if access != .open { y.field("access", access.rawValue) }
        if attribution != .onTheRecord { y.field("attribution", attribution.rawValue) }
        if visibility != .public { y.field("visibility", visibility.rawValue) }
    }

    static func languages(_ y: inout YAMLText, _ set: Set<Language>) {
        guard set != [.vi] else { return }
        y.field("languages", "[" + set.map(\.rawValue).sorted().joined(separator: ", ") + "]")
    }

    static func decision(_ y: inout YAMLText, _ d: HolidayDecision) {
        y.field("year", String(d.year))
        y.field("reference", q(d.reference))
        y.field("tet", d.tetDays.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" })
        y.field("national-day-adjacent", d.nationalDayAdjacent?.description)
        y.nestedList("days-off", d.extraDaysOff) { y, h in
            y.field("date", h.date.description)
            y.text("name", h.name)
        }
        if !d.workdays.isEmpty {
            y.field("workdays", "[" + d.workdays.map(\.description).joined(separator: ", ") + "]")
        }
    }

    static func officeHours(_ y: inout YAMLText, _ o: OfficeHours) {
        y.field("from", o.validFrom?.description)
        if !o.months.isEmpty {
            y.field("months", "[" + o.months.sorted().map(String.init).joined(separator: ", ") + "]")
        }
        func hhmm(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        y.field(
            "sessions",
            "[" + o.sessions.map { q("\(hhmm($0.start))-\(hhmm($0.end))") }.joined(separator: ", ") + "]"
        )
    }

    static func spokesperson(_ y: inout YAMLText, _ p: Spokesperson) {
        y.field("id", q(p.id.rawValue))
        y.field("name", q(p.name))
        y.field("title", q(p.title))
        y.field("title-en", p.titleEn.map(q))
        y.field("agency", q(p.agency.rawValue))
        languages(&y, p.languages)
        if !p.topics.isEmpty { y.field("topics", "[" + p.topics.sorted().map(q).joined(separator: ", ") + "]") }
        if !p.serves.isEmpty {
            y.field(
                "serves",
                "[" + PanelRole.allCases.filter(p.serves.contains).map(\.rawValue).joined(separator: ", ") + "]"
            )
        }
        y.field("active-from", p.activeFrom?.description)
        y.field("active-to", p.activeTo?.description)
        y.field("phone", p.contact.phone.map(q))
        y.field("email", p.contact.email.map(q))
        y.field("sent-to-press", p.contact.sentToPressOn?.description)
        y.field("posted-on-portal", p.contact.postedOnPortalOn?.description)
        if p.bufferMinutes != 30 { y.field("buffer", String(p.bufferMinutes)) }
        if p.maxPerWeek != 5 { y.field("max-per-week", String(p.maxPerWeek)) }
        y.nestedList("entitlements", p.entitlements) { y, e in entitlement(&y, e) }
        y.nestedList("unavailable", p.unavailable) { y, u in
            y.field("from", instant(u.start))
            y.field("to", instant(u.end))
            if u.kind != .leave { y.field("kind", u.kind.rawValue) }
            y.field("reason", u.reason.map(q))
        }
    }

    static func entitlement(_ y: inout YAMLText, _ e: Entitlement) {
        y.field("agency", q(e.agency.rawValue))
        switch e.kind {
        case .head: y.field("as", "head")
        case .spokesperson: y.field("as", "spokesperson")
        case .chairman: y.field("as", "chairman")
        case .deputy(let reference):
            y.field("as", "deputy")
            y.field("reference", q(reference))
        case .authorized(let matter, let reference):
            y.field("as", "authorized")
            y.field("matter", q(matter))
            y.field("reference", q(reference))
        }
        y.field("valid-from", e.validFrom?.description)
        y.field("valid-to", e.validTo?.description)
    }

    static func assignment(_ y: inout YAMLText, _ a: Assignment) {
        y.field("occurrence", q(a.occurrence.rawValue))
        if let p = a.primary { y.field("primary", slot(p)) }
        if !a.backups.isEmpty { y.field("backups", "[" + a.backups.map(slot).joined(separator: ", ") + "]") }
        y.nestedList("panel", a.panel) { y, s in
            y.field("role", s.role.rawValue)
            y.field("person", q(s.person.rawValue))
            y.field("matter", s.matter.map(q))
            if s.source != .manual { y.field("source", s.source.rawValue) }
        }
        if a.locked { y.field("locked", "true") }
        y.field("reason", a.reason.map(q))
    }

    /// A briefing's panel needs on one line (nothing when it needs none).
    static func panel(_ p: PanelNeeds) -> String? {
        guard !p.isEmpty else { return nil }
        var parts: [String] = []
        if p.chair { parts.append("chair: true") }
        if !p.matters.isEmpty { parts.append("matters: [" + p.matters.map(q).joined(separator: ", ") + "]") }
        if p.moderator { parts.append("moderator: true") }
        if p.interpreter { parts.append("interpreter: true") }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// A person chosen by hand is just their id; one chosen by rotation or by the
    /// auto-assigner says so, so the source survives a round trip.
    static func slot(_ s: Assignment.Slot) -> String {
        s.source == .manual ? q(s.person.rawValue) : "{person: \(q(s.person.rawValue)), source: \(s.source.rawValue)}"
    }

    static func rule(_ y: inout YAMLText, _ r: LegalRule) {
        y.field("id", q(r.id))
        y.field("kind", r.kind.rawValue)
        y.text("title", r.title)
        y.line(y.depth, "basis:")
        y.depth += 1
        y.field("document", q(r.basis.document))
        y.field("article", r.basis.article.map(q))
        y.field("clause", r.basis.clause.map(q))
        y.field("point", r.basis.point.map(q))
        y.depth -= 1
        y.field("valid-from", r.validFrom.description)
        y.field("valid-to", r.validTo?.description)
        if r.status != .inForce { y.field("status", r.status.rawValue) }
        if r.levels != Agency.Level.state {
            y.field("levels", "[" + r.levels.map(\.rawValue).sorted().joined(separator: ", ") + "]")
        }
        if !r.parameters.isEmpty {
            y.field(
                "parameters",
                "{" + r.parameters.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
                    + "}"
            )
        }
        if let scope = r.scope { y.field("scope", "[" + scope.map { q($0.rawValue) }.joined(separator: ", ") + "]") }
    }

    // MARK: - scalars

    /// A double-quoted YAML scalar: backslash, quote and every control character escaped.
    static func q(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value):
                out += String(format: "\\u%04X", u.value)
            case "\u{2028}", "\u{2029}", "\u{FEFF}": out += String(format: "\\u%04X", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// An instant in UTC (`2024-01-04T08:00:00Z`), which the reader takes as ISO 8601.
    static func instant(_ d: Date) -> String {
        q(Date(timeIntervalSince1970: d.timeIntervalSince1970.rounded(.down)).formatted(.iso8601))
    }

    static func number(_ x: Double) -> String { String(x) }
}

/// The text being written, with the indentation of the entry being written.
struct YAMLText {
    var text = ""
    var depth = 0

    mutating func line(_ indent: Int, _ s: String) {
        text += String(repeating: "  ", count: indent) + s + "\n"
    }

    /// `key: value` at the current depth; nothing when the value is absent.
    mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        line(depth, "\(key): \(value)")
    }

    /// A text in one language as a scalar, in two as `{vi, en}`.
    mutating func text(_ key: String, _ t: BilingualText?) {
        guard let t else { return }
        if let en = t.en {
            field(key, "{vi: \(PlanWriter.q(t.vi)), en: \(PlanWriter.q(en))}")
        } else {
            field(key, PlanWriter.q(t.vi))
        }
    }

    /// One `- ` entry at `indent`, its fields written by `body` one level in.
    mutating func item(_ indent: Int, _ body: (inout YAMLText) -> Void) {
        var inner = YAMLText(depth: indent + 1)
        body(&inner)
        var lines = inner.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        guard !lines.isEmpty else { return line(indent, "- {}") }
        let pad = String(repeating: "  ", count: indent + 1)
        lines[0] = String(repeating: "  ", count: indent) + "- " + lines[0].dropFirst(pad.count)
        text += lines.joined(separator: "\n") + "\n"
    }

    /// A top-level list; nothing when it is empty.
    mutating func list<T>(_ key: String, _ items: [T], _ body: (inout YAMLText, T) -> Void) {
        guard !items.isEmpty else { return }
        line(0, "\(key):")
        for x in items { item(1) { y in body(&y, x) } }
    }

    /// A list inside an entry, at the current depth; nothing when it is empty.
    mutating func nestedList<T>(_ key: String, _ items: [T], _ body: (inout YAMLText, T) -> Void) {
        guard !items.isEmpty else { return }
        line(depth, "\(key):")
        for x in items { item(depth + 1) { y in body(&y, x) } }
    }
}
