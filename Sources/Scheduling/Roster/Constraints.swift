import Foundation
import ICalendar

/// Why a person cannot take an occurrence. Each is a hard constraint of automatic
/// assignment and a finding of the checks.
public enum Refusal: Hashable, Sendable, CustomStringConvertible {
    /// Not the head, spokesperson or an authorized person of the organiser on that date
    /// and matter (Decree 09/2017 Art. 3; R-AUTH-SCOPE).
    case notEntitled(agency: String, matter: String?)
    case inactive
    case language(missing: [Language])
    case unavailable(Unavailability.Kind, reason: String?)
    /// Already speaking at an overlapping briefing (buffer included).
    case doubleBooked(OccurrenceID)
    case weeklyMaximum(limit: Int)
    /// Already named on the same briefing in another role (one person, one role; the
    /// spokesperson may also chair).
    case alsoNamed(as: String)

    public var description: String { text(.en) }

    /// The refusal in one language (Vietnamese for the secretariat, English on request).
    public func text(_ language: Language) -> String {
        let vi = language == .vi
        switch self {
        case .notEntitled(let agency, let matter):
            if vi {
                return
                    "không có thẩm quyền phát ngôn cho \(agency) về \(matter.map { "\"\($0)\"" } ?? "các vấn đề chung") vào ngày này"
            }
            return
                "not entitled to speak for \(agency) on \(matter.map { "\"\($0)\"" } ?? "general matters") on this date"
        case .inactive: return vi ? "không còn đảm nhiệm vào ngày này" : "not active on this date"
        case .language(let missing):
            let list = missing.map(\.rawValue).joined(separator: ", ")
            return vi ? "không sử dụng được \(list)" : "unable to speak \(list)"
        case .unavailable(let kind, let reason):
            let why = reason.map { ": \($0)" } ?? ""
            if vi {
                let label =
                    ["leave": "nghỉ phép", "travel": "đi công tác", "busy": "bận"][kind.rawValue] ?? kind.rawValue
                return "vắng (\(label)\(why))"
            }
            return "unavailable (\(kind.rawValue)\(why))"
        case .doubleBooked(let other):
            return vi
                ? "đã phát ngôn ở \(other) cùng thời gian (tính cả thời gian đệm)"
                : "already speaking at \(other) (buffer included)"
        case .weeklyMaximum(let limit):
            return vi ? "đã đủ tối đa \(limit) buổi trong tuần" : "already at the weekly maximum of \(limit)"
        case .alsoNamed(let role):
            let shown = AssignmentView.Role(rawValue: role)?.phrase(language) ?? role
            return vi ? "đã có tên trong buổi này là \(shown)" : "already named on this briefing as \(shown)"
        }
    }
}

/// The constraints that do not depend on other assignments.
enum StaticConstraints {
    @inline(__always)  // called for every candidate of every briefing: no copy of either for the call
    static func refusal(_ p: Spokesperson, for o: Occurrence) -> Refusal? {
        let (day, organizer, topic) = (o.start.date, o.organizer, o.topic)  // a closure capturing `o` copies it
        guard p.isActive(on: day) else { return .inactive }
        guard p.entitlements.contains(where: { $0.covers(agency: organizer, topic: topic, on: day) }) else {
            return .notEntitled(agency: organizer.rawValue, matter: topic)
        }
        // With interpretation one of the briefing's languages is enough; without, all. (What
        // is missing is listed only for a refusal: building it for every candidate of a
        // national plan was most of this check.)
        if o.interpretation ? p.languages.isDisjoint(with: o.languages) : !o.languages.isSubset(of: p.languages) {
            return .language(missing: o.languages.subtracting(p.languages).sorted { $0.rawValue < $1.rawValue })
        }
        return absence(p, during: o)
    }

    /// Why `p` cannot take a seat of `o`'s panel, by role (docs/law.md §panels): the chair
    /// speaks for the organiser as its head, chairman, spokesperson or authorised deputy —
    /// not as someone authorised for one matter; a panelist speaks for their own agency
    /// (head, deputy, spokesperson, chairman) or was authorised in writing by the organiser
    /// for the matter; a moderator needs no entitlement; an interpreter must work in every
    /// language of the briefing. Every seat needs the person active and present.
    static func refusal(_ p: Spokesperson, as role: PanelRole, matter: String?, for o: Occurrence) -> Refusal? {
        let day = o.start.date
        guard p.isActive(on: day) else { return .inactive }
        func speaksFor(_ agency: Agency.ID) -> Bool {
            p.entitlements.contains { $0.speaksForAll && $0.covers(agency: agency, topic: nil, on: day) }
        }
        switch role {
        case .chair:
            guard speaksFor(o.organizer) else { return .notEntitled(agency: o.organizer.rawValue, matter: nil) }
        case .panelist:
            let authorised = matter.map { m in
                p.entitlements.contains { $0.covers(agency: o.organizer, topic: m, on: day) }
            }
            guard speaksFor(p.agency) || authorised == true else {
                return .notEntitled(agency: p.agency.rawValue, matter: matter)
            }
        case .moderator:
            break
        case .interpreter:
            let missing = o.languages.union([.vi]).subtracting(p.languages).sorted { $0.rawValue < $1.rawValue }
            if !missing.isEmpty { return .language(missing: missing) }
        }
        return absence(p, during: o)
    }

    /// Leave, travel or a busy time that meets the briefing, the person's buffer included.
    static func absence(_ p: Spokesperson, during o: Occurrence) -> Refusal? {
        let (buffer, start, end) = (TimeInterval(p.bufferMinutes * 60), o.startInstant, o.endInstant)
        guard !p.unavailable.isEmpty,
            let u = p.unavailable.first(where: { BookingRule.clash(start, end, $0.start, $0.end, buffer: buffer) })
        else { return nil }
        return .unavailable(u.kind, reason: u.reason)
    }
}

/// The one home of the booking rules the plan check (`Bookings`) and the automatic assigner
/// (`LoadState`) both apply: when two intervals are too close for one person, which ISO week
/// a briefing counts in, and what a clash or a full week refuses.
enum BookingRule {
    /// Whether `[aStart, aEnd)` and `[bStart, bEnd)` come within `buffer` of each other (the
    /// person needs the buffer between two briefings, or around an absence).
    static func clash(_ aStart: Date, _ aEnd: Date, _ bStart: Date, _ bEnd: Date, buffer: TimeInterval) -> Bool {
        bStart < aEnd + buffer && aStart - buffer < bEnd
    }

    /// The first of `booked` (occurrence indices) other than `i` that comes too close to
    /// occurrence `i` for a person with `buffer`: what keeps one person from two places.
    static func firstClash(with i: Int, among booked: [Int], _ spans: Spans, buffer: TimeInterval) -> Int? {
        let (start, end) = (spans.starts[i], spans.ends[i])
        return booked.first { j in j != i && clash(start, end, spans.starts[j], spans.ends[j], buffer: buffer) }
    }

    /// When each occurrence of a run starts and ends, by index: read from these small arrays,
    /// not from the occurrences, so checking a booking copies no `Occurrence` (issue 17, P2).
    struct Spans {
        let starts: [Date]
        let ends: [Date]

        init(_ occurrences: [Occurrence]) {
            self.init(starts: occurrences.map(\.startInstant), ends: occurrences.map(\.endInstant))
        }

        init(starts: [Date], ends: [Date]) {
            self.starts = starts
            self.ends = ends
        }
    }

    /// The ISO week a local date falls in (weeks from Monday; 1970-01-01 was a Thursday).
    static func week(_ d: LocalDate) -> Int { (d.daysSinceEpoch + 3) / 7 }

    /// What refuses a booking: a clash with another briefing, else a week already full.
    static func refusal(clash: OccurrenceID?, bookedThisWeek: Int, maxPerWeek: Int) -> Refusal? {
        if let clash { return .doubleBooked(clash) }
        if bookedThisWeek >= maxPerWeek { return .weeklyMaximum(limit: maxPerWeek) }
        return nil
    }
}

/// Bookings made so far while checking a plan, by position in the checked occurrences: who
/// speaks when — in a `BookingTimeline` a person, as the assigner keeps them, so the check
/// and the assigner find a clash the same way (the first booked that comes within the
/// buffer) — and how many a person has in each ISO week.
struct Bookings {
    let occurrences: [Occurrence]
    let spans: BookingRule.Spans
    private var timelines: [Spokesperson.ID: BookingTimeline] = [:]
    private var weekly: [Spokesperson.ID: [Int: Int]] = [:]
    private var sequence = 0

    init(_ occurrences: [Occurrence]) {
        self.occurrences = occurrences
        spans = BookingRule.Spans(occurrences)
    }

    /// Why `p` cannot also take occurrence `i`, if anything.
    func refusal(_ p: Spokesperson, for i: Int) -> Refusal? {
        let clash = timelines[p.id]?.firstClash(with: i, spans, buffer: TimeInterval(p.bufferMinutes * 60))
        return BookingRule.refusal(
            clash: clash.map { occurrences[$0].id },
            bookedThisWeek: weekly[p.id]?[BookingRule.week(occurrences[i].start.date)] ?? 0,
            maxPerWeek: p.maxPerWeek
        )
    }

    mutating func book(_ p: Spokesperson.ID, _ i: Int) {
        timelines[p, default: BookingTimeline()].insert(i, sequence: sequence, spans)
        sequence += 1
        weekly[p, default: [:]][BookingRule.week(occurrences[i].start.date), default: 0] += 1
    }
}

/// How heavy a briefing is for fairness: by form, and more for undesirable slots
/// (weekends, before 08:00 or from 17:00).
public struct LoadWeights: Sendable {
    public var byForm: [InformationForm: Double]
    public var undesirableFactor: Double

    public init(byForm: [InformationForm: Double] = LoadWeights.standardForms, undesirableFactor: Double = 1.5) {
        self.byForm = byForm
        self.undesirableFactor = undesirableFactor
    }

    public static let standardForms: [InformationForm: Double] = [
        .pressConference: 3, .pressBriefing: 2, .interview: 2, .pressRelease: 1, .portalPost: 1, .correction: 1,
    ]

    @inline(__always)  // a national run weighs 150,000 briefings: no copy of each for the call
    public func weight(_ o: Occurrence) -> Double {
        let base = byForm[o.form] ?? 1
        let undesirable = o.start.date.isoWeekday >= 6 || o.start.hour < 8 || o.start.hour >= 17
        return undesirable ? base * undesirableFactor : base
    }
}
