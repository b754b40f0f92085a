import ArgumentParser
import Foundation
import ICalendar
import Scheduling
import Store

/// The fields a series can be created or edited with.
struct SeriesFields: ParsableArguments {
    @Option(help: "Title (Vietnamese).") var title: String?
    @Option(help: "Title in English.") var titleEn: String?
    @Option(help: "RRULE, e.g. FREQ=MONTHLY;BYDAY=3FR.") var rrule: String?
    @Option(help: "First local start, YYYY-MM-DDTHH:MM (an occurrence of the rule).") var start: String?
    @Option(help: "Length in minutes.") var minutes: Int?
    @Option(help: "Venue id.") var venue: String?
    @Option(help: "press-conference | portal-post | interview | press-release | press-briefing | correction") var form:
        String?
    @Option(help: "public | press-only | internal") var visibility: String?
    @Option(help: "draft | scheduled | cancelled | held") var status: String?
    @Option(help: "skip | next-working-day | previous-working-day | keep") var holidayPolicy: String?
    @Option(help: "Languages, comma-separated (vi,en).") var languages: String?
    @Option(
        help:
            "A seat the panel needs: chair, moderator, interpreter or matter:MATTER (repeat; replaces the needs; 'none' clears them)."
    )
    var panelNeed: [String] = []

    static func choice<E: RawRepresentable & CaseIterable>(_ text: String?, _ option: String) throws -> E?
    where E.RawValue == String {
        guard let text else { return nil }
        guard let v = E(rawValue: text) else {
            throw PodiumExit.badInput(
                "\(option): \"\(text)\" is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return v
    }

    /// Applies the given fields to a series.
    func apply(to s: inout RegularSeries) throws {
        if let title { s.title.vi = title }
        if let titleEn { s.title.en = titleEn }
        if let rrule {
            do { s.rule = try RecurrenceRule(rrule) } catch { throw PodiumExit.badInput("--rrule: \(error)") }
        }
        if let start {
            guard let t = LocalDateTime(iso: start) else {
                throw PodiumExit.badInput("--start: \"\(start)\" is not a local date and time")
            }
            s.start = t
        }
        if let minutes {
            guard (1...24 * 60).contains(minutes) else { throw PodiumExit.badInput("--minutes: 1–1440") }
            s.duration = minutes * 60
        }
        if let venue { s.venue = Venue.ID(venue) }
        if let v: InformationForm = try Self.choice(form, "--form") { s.form = v }
        if let v: Visibility = try Self.choice(visibility, "--visibility") { s.visibility = v }
        if let v: BriefingStatus = try Self.choice(status, "--status") { s.status = v }
        if let v: HolidayPolicy = try Self.choice(holidayPolicy, "--holiday-policy") { s.holidayPolicy = v }
        if let languages {
            let list = try languages.split(separator: ",").map { l -> Language in
                guard let v = Language(rawValue: String(l)) else {
                    throw PodiumExit.badInput("--languages: \"\(l)\" is not vi or en")
                }
                return v
            }
            s.languages = Set(list)
        }
        if let needs = try Self.panelNeeds(panelNeed) { s.panel = needs }
    }

    /// The needs `--panel-need` gives (nil when the option is absent).
    static func panelNeeds(_ words: [String]) throws -> PanelNeeds? {
        guard !words.isEmpty else { return nil }
        if words == ["none"] { return PanelNeeds() }
        do { return try PanelNeeds(words: words) } catch { throw PodiumExit.badInput("--panel-need \(error)") }
    }
}

extension SeriesCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a regular series.",
            discussion: """
                Example: podium series add hop-bao-thang --title "Họp báo thường kỳ tháng" --organizer ubnd-phu-yen \\
                  --rrule "FREQ=MONTHLY;BYDAY=3FR;COUNT=12" --start 2024-01-19T15:00 --minutes 90
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Id (ASCII letters, digits, - _ .).") var id: String
        @Option(help: "Organising agency id.") var organizer: String
        @OptionGroup var fields: SeriesFields

        func run() throws {
            if let problem = Slug.problem(with: id) { throw PodiumExit.badInput("id \"\(id)\": \(problem)") }
            guard let title = fields.title, let rrule = fields.rrule, let start = fields.start,
                let minutes = fields.minutes
            else {
                throw PodiumExit.badInput("a new series needs --title, --rrule, --start and --minutes")
            }
            let access = try store.access()
            let s = access.store
            do {
                let schedule = try s.schedule()
                guard schedule.agencies[Agency.ID(organizer)] != nil else {
                    throw PodiumExit.badInput("--organizer: unknown agency \"\(organizer)\"")
                }
                try access.require(.edit, .agency(Agency.ID(organizer)))
                if let v = fields.venue, schedule.venues[Venue.ID(v)] == nil {
                    throw PodiumExit.badInput("--venue: unknown venue \"\(v)\"")
                }
            } catch let e as StoreError { throw e.exit }
            let rule: RecurrenceRule
            do { rule = try RecurrenceRule(rrule) } catch { throw PodiumExit.badInput("--rrule: \(error)") }
            guard let first = LocalDateTime(iso: start) else {
                throw PodiumExit.badInput("--start: \"\(start)\" is not a local date and time")
            }
            var series = RegularSeries(
                id: RegularSeries.ID(id),
                title: BilingualText(vi: title),
                organizer: Agency.ID(organizer),
                rule: rule,
                start: first,
                duration: max(minutes, 1) * 60
            )
            try fields.apply(to: &series)
            // Where the agency requires approval, an editor's series waits for an approver.
            if let schedule = try? s.schedule(),
                schedule.initialStatus(
                    for: series.organizer,
                    authorMayApprove: access.allows(.approve, .agency(series.organizer))
                ) == .draft
            {
                series.status = .draft
                printError("note: \(id) is a draft until an approver publishes it (podium approve \(id))")
            }
            do {
                print(
                    "added \(id); revision \(try s.createSeries(series, actor: access.actor, at: Date()))"
                )
            } catch { throw error.exit }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a series' fields (every visible change bumps its revision).",
            discussion: "Example: podium series edit hop-bao-quy --venue phong-hop-so-tttt --revision 14"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The series id.") var id: String
        @Option(help: "The revision your change is based on (refused if stale).") var revision: Int?
        @OptionGroup var fields: SeriesFields

        func run() throws {
            let access = try store.access()
            let s = access.store
            if let v = fields.venue, (try? s.schedule().venues[Venue.ID(v)]) == nil {
                throw PodiumExit.badInput("--venue: unknown venue \"\(v)\"")
            }
            var edited: RegularSeries?
            do {
                guard var current = try s.schedule().series[RegularSeries.ID(id)] else {
                    throw PodiumExit.badInput("unknown series \"\(id)\"")
                }
                try access.require(.edit, .agency(current.organizer))
                try fields.apply(to: &current)
                try access.require(.edit, .agency(current.organizer))
                edited = current
            } catch let e as StoreError { throw e.exit }
            do {
                let rev = try s.updateSeries(
                    RegularSeries.ID(id),
                    expectedRevision: revision,
                    actor: access.actor,
                    at: Date(),
                    action: "edit"
                ) { series in
                    let exceptions = series.exceptions
                    series = edited!
                    series.exceptions = exceptions
                }
                print("edited; revision \(rev)")
            } catch { throw error.exit }
        }
    }
}

extension SpokespersonCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a person who may speak for an agency.",
            discussion: """
                Example: podium spokesperson add le-thi-mai --name "Lê Thị Mai" --title "Chánh Văn phòng" \\
                  --agency ubnd-phu-yen --entitlement spokesperson --phone "0257 3 000 000" --email mai@example.vn
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Id.") var id: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Title.") var title: String
        @Option(help: "The agency the person speaks for.") var agency: String
        @Option(help: "head | spokesperson | chairman (authorizations and deputies: in the plan file)")
        var entitlement: String
        @Option(help: "Published phone.") var phone: String?
        @Option(help: "Published e-mail.") var email: String?
        @Option(help: "Languages, comma-separated (vi,en).") var languages: String = "vi"

        func run() throws {
            let kind: Entitlement.Kind
            switch entitlement {
            case "head": kind = .head
            case "spokesperson": kind = .spokesperson
            case "chairman": kind = .chairman
            default:
                throw PodiumExit.badInput("--entitlement: \"\(entitlement)\" is not head, spokesperson or chairman")
            }
            let langs = try languages.split(separator: ",").map { l -> Language in
                guard let v = Language(rawValue: String(l)) else { throw PodiumExit.badInput("--languages: \"\(l)\"") }
                return v
            }
            let access = try store.access()
            let s = access.store
            do {
                guard try s.agencies()[Agency.ID(agency)] != nil else {
                    throw PodiumExit.badInput("--agency: unknown agency \"\(agency)\"")
                }
            } catch let e as StoreError { throw e.exit }
            try access.require(.edit, .agency(Agency.ID(agency)))
            let p = Spokesperson(
                id: Spokesperson.ID(id),
                name: name,
                title: title,
                agency: Agency.ID(agency),
                languages: Set(langs),
                entitlements: [Entitlement(agency: Agency.ID(agency), kind: kind)],
                contact: PublishedContact(phone: phone, email: email)
            )
            do {
                print(
                    "added \(id); revision \(try s.saveSpokesperson(p, replace: false, actor: access.actor, at: Date()))"
                )
            } catch { throw error.exit }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a person's published details.",
            discussion: "Example: podium spokesperson edit vo-thi-giang --posted-on-portal 2024-01-08"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Id.") var id: String
        @Option(help: "Full name.") var name: String?
        @Option(help: "Title.") var title: String?
        @Option(help: "Published phone.") var phone: String?
        @Option(help: "Published e-mail.") var email: String?
        @Option(help: "Date the details were sent to the press (YYYY-MM-DD).") var sentToPress: String?
        @Option(help: "Date the details were posted on the portal (YYYY-MM-DD).") var postedOnPortal: String?

        func run() throws {
            let access = try store.access()
            let s = access.store
            do {
                guard var p = try s.roster().people[Spokesperson.ID(id)] else {
                    throw PodiumExit.badInput("unknown spokesperson \"\(id)\"")
                }
                try access.require(.edit, .agency(p.agency))
                if let name { p.name = name }
                if let title { p.title = title }
                if let phone { p.contact.phone = phone }
                if let email { p.contact.email = email }
                if let sentToPress {
                    p.contact.sentToPressOn = try DataFiles.date(sentToPress, option: "--sent-to-press")
                }
                if let postedOnPortal {
                    p.contact.postedOnPortalOn = try DataFiles.date(postedOnPortal, option: "--posted-on-portal")
                }
                print(
                    "edited; revision \(try s.saveSpokesperson(p, replace: true, actor: access.actor, at: Date()))"
                )
            } catch let e as StoreError { throw e.exit }
        }
    }
}
