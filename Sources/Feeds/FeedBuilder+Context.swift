import Foundation
import ICalendar
import Scheduling

extension FeedBuilder {
    /// What one build needs at hand: the audience's rules and the text of its language.
    struct Context {
        let schedule: Schedule
        let audience: FeedAudience
        let options: FeedOptions
        let people: FeedPeople

        var language: Language { audience.language }
        var isInternal: Bool { audience == .internal }

        var feedName: String {
            switch audience {
            case .public(.en): return "Press briefings"
            case .public: return "Lịch họp báo"
            case .agency(let id, let lang):
                let name = schedule.agencies[id]?.name.text(lang) ?? id.rawValue
                return lang == .en ? "Press briefings — \(name)" : "Lịch họp báo — \(name)"
            case .press(let lang): return lang == .en ? "Press briefings (accredited press)" : "Lịch họp báo (báo chí)"
            case .spokesperson(let p): return "Lịch phát ngôn — \(p.name)"
            case .internal: return "Lịch họp báo (nội bộ)"
            }
        }

        var feedDescription: String {
            language == .en
                ? "Regular and ad-hoc press briefings (Decree 09/2017/NĐ-CP). Times in Asia/Ho_Chi_Minh."
                : "Họp báo định kỳ và đột xuất (Nghị định 09/2017/NĐ-CP). Giờ Việt Nam."
        }

        var fileName: String {
            switch audience {
            case .public(let l): return "public.\(l.rawValue).ics"
            case .agency(let id, let l): return "agencies/\(id.rawValue).\(l.rawValue).ics"
            case .press(let l): return "press.\(l.rawValue).ics"
            case .spokesperson: return ""
            case .internal: return "internal.ics"
            }
        }

        func uid(_ id: String) -> String { "\(id)@\(options.uidDomain)" }

        /// Whether a series may appear at all.
        func includes(series s: RegularSeries) -> Bool {
            if case .spokesperson = audience { return true }
            return includes(visibility: s.visibility, status: s.status, organizer: s.organizer, embargo: s.embargoUntil)
        }

        /// The audience rules: `Reader.sees` decides visibility (the one rule for pages and
        /// feeds); shared feeds list scheduled or held items (cancellations arrive as EXDATEs
        /// and CANCELLED events); an agency feed is that agency's.
        func includes(visibility: Visibility, status: BriefingStatus, organizer: Agency.ID, embargo: Date?) -> Bool {
            switch audience {
            case .internal, .spokesperson: return true
            case .public, .press:
                return audience.reader.sees(
                    visibility: visibility,
                    status: status,
                    embargoUntil: embargo,
                    now: options.now
                )
                    && (status == .scheduled || status == .held)
            case .agency(let id, _):
                return organizer == id
                    && audience.reader.sees(
                        visibility: visibility,
                        status: status,
                        embargoUntil: embargo,
                        now: options.now
                    )
                    && (status == .scheduled || status == .held)
            }
        }

        func event(for o: Occurrence, uid: String, link: String) throws(SchedulingError) -> ICalEvent {
            try event(
                uid: uid,
                start: .zoned(o.start, tzid: o.timeZone),
                end: .zoned(o.end, tzid: o.timeZone),
                title: o.title,
                description: o.description,
                venue: o.venue,
                form: o.form,
                access: o.access,
                attribution: o.attribution,
                visibility: o.visibility,
                status: o.status,
                link: link,
                contact: people.contacts[o.id]?.text(language),
                panel: people.panels[o.id] ?? [],
                revision: o.revision,
                cancellation: o.cancellationReason,
                embargo: o.embargoUntil
            )
        }

        /// Every field a VEVENT carries, set in one place for masters, overrides and standalone events.
        func event(
            uid: String,
            start: ICalDateTime,
            end: ICalDateTime,
            title: BilingualText,
            description: BilingualText?,
            venue: Venue.ID?,
            form: InformationForm,
            access: AccessClass,
            attribution: AttributionRule,
            visibility: Visibility,
            status: BriefingStatus,
            link: String,
            contact: String?,
            panel: [FeedPeople.Member] = [],
            revision: Int,
            cancellation: String? = nil,
            embargo: Date? = nil
        ) throws(SchedulingError) -> ICalEvent {
            let stamp = LocalDateTime(utc: options.changeTime(revision))
            var e = ICalEvent(uid: uid, timestamp: stamp, start: start, end: end, sequence: revision)
            e.lastModified = stamp
            var summary = title.text(language)
            if isInternal {
                if status == .draft { summary = "[Nháp] " + summary }
                if visibility == .internal { summary = "[Nội bộ] " + summary }
                if visibility == .pressOnly { summary = "[Báo chí] " + summary }
            }
            if status == .cancelled { summary = (language == .en ? "Cancelled: " : "Hủy: ") + summary }
            e.summary = summary
            // The language the text is in: an English feed falls back to the Vietnamese title
            // when there is no translation, and must say so (RFC 5545 §3.2.10).
            e.language = language == .en && title.en == nil ? Language.vi.rawValue : language.rawValue
            var text: [String] = []
            // The press sees an embargoed item early, told until when it may not be reported.
            if case .press = audience, let embargo, embargo > options.now {
                let local =
                    (try? TimeZones.wallTime(of: embargo, in: RegularSeries.defaultTimeZone))?.description
                    ?? "\(embargo)"
                text.append(
                    language == .en ? "EMBARGO until \(local) (UTC+7)" : "CẤM ĐĂNG TẢI trước \(local) (giờ Việt Nam)"
                )
            }
            if let d = description?.text(language) { text.append(d) }
            if let cancellation { text.append((language == .en ? "Cancelled: " : "Lý do hủy: ") + cancellation) }
            if let contact { text.append((language == .en ? "Spokesperson: " : "Người phát ngôn: ") + contact) }
            if !panel.isEmpty { text.append(panel.map { $0.line(language) }.joined(separator: "\n")) }
            e.description = text.isEmpty ? nil : text.joined(separator: "\n\n")
            if let id = venue, let v = schedule.venues[id] {
                e.location = "\(v.name.text(language)), \(v.address)"
                e.geo = v.geo
                if let online = v.onlineLink {
                    e.conferences = [
                        Conference(uri: online, label: language == .en ? "Livestream" : "Trực tuyến", feature: .video)
                    ]
                }
            }
            // Only public items have a public page; a link to anything else would be a 404.
            if let base = options.baseURL, visibility == .public, status != .draft { e.url = "\(base)/\(link)" }
            if let contact { e.contacts = [contact] }
            e.categories = [form.rawValue, access.rawValue, attribution.rawValue]
            e.classification =
                visibility == .public ? .publicAccess : visibility == .pressOnly ? .privateAccess : .confidential
            e.status = status == .cancelled ? .cancelled : status == .draft ? .tentative : .confirmed
            e.transparency = .opaque
            if let email = options.organizerEmail, audience.method != nil {
                e.organizer = CalendarUser(
                    address: "mailto:\(email)",
                    commonName: language == .en ? "Press office" : "Bộ phận báo chí"
                )
            }
            return e
        }
    }
}
