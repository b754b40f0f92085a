import Foundation
import ICalendar
import Scheduling
import TestSupport
import Testing

/// Who is told what (issue 11): the notices are exactly what each person would notice
/// between before and after — checked against a second, plainer statement of the rule on
/// random changes, and on the cases a spokesperson meets.
@Suite("Notices")
struct NoticeTests {
    static let now = F.utc("2026-06-01T00:00")

    static func view(
        _ occurrence: String,
        _ person: String,
        role: AssignmentView.Role = .primary,
        start: String = "2026-06-10T09:00",
        venue: String? = "Hội trường",
        status: BriefingStatus = .scheduled,
        sequence: Int = 5
    ) -> AssignmentView {
        AssignmentView(
            occurrence: OccurrenceID(rawValue: occurrence),
            person: Spokesperson.ID(person),
            role: role,
            title: BilingualText(vi: "Họp báo"),
            start: F.t(start),
            end: F.t(start).adding(seconds: 3600),
            timeZone: "Asia/Ho_Chi_Minh",
            startInstant: try! TimeZones.instant(of: F.t(start), in: "Asia/Ho_Chi_Minh"),
            venue: venue,
            status: status,
            sequence: sequence
        )
    }

    static func key(_ v: AssignmentView) -> NoticePlanner.Key {
        NoticePlanner.Key(occurrence: v.occurrence, person: v.person)
    }

    static func plan(_ before: [AssignmentView], _ after: [AssignmentView], sequence: Int = 9) -> [String] {
        NoticePlanner.notices(
            before: Dictionary(uniqueKeysWithValues: before.map { (key($0), $0) }),
            after: Dictionary(uniqueKeysWithValues: after.map { (key($0), $0) }),
            sequence: sequence,
            now: now
        ).map { "\($0.kind.rawValue) \($0.person) \($0.method) \($0.view.sequence)" }
    }

    @Test("assigned, moved, role changed, cancelled, unassigned: one notice each, to the person concerned")
    func cases() {
        let a = Self.view("q@1", "an")
        #expect(Self.plan([], [a]) == ["assigned an REQUEST 5"])
        #expect(
            Self.plan([a], [Self.view("q@1", "an", start: "2026-06-11T09:00", sequence: 9)]) == ["changed an REQUEST 9"]
        )
        #expect(Self.plan([a], [Self.view("q@1", "an", role: .backup, sequence: 9)]) == ["changed an REQUEST 9"])
        #expect(Self.plan([a], [Self.view("q@1", "an", status: .cancelled, sequence: 9)]) == ["cancelled an CANCEL 9"])
        // Cancelling a moved briefing withdraws it at the time the person had (regression:
        // the cancellation named the original time, which a cancel restores).
        let moved = Self.view("q@1", "an", start: "2026-06-10T14:00", sequence: 7)
        let cancelled = NoticePlanner.notices(
            before: [Self.key(moved): moved],
            after: [
                Self.key(moved): Self.view("q@1", "an", start: "2026-06-10T09:00", status: .cancelled, sequence: 9)
            ],
            sequence: 9,
            now: Self.now
        )
        #expect(cancelled.map(\.view.start) == [F.t("2026-06-10T14:00")])
        #expect(cancelled.map(\.view.status) == [.cancelled])
        #expect(Self.plan([a], []) == ["unassigned an CANCEL 9"])
        // A swap: the one leaving is told it is withdrawn, the one coming is invited; the
        // backup whose view did not change hears nothing.
        let b = Self.view("q@1", "binh", role: .backup)
        #expect(
            Self.plan([a, b], [Self.view("q@1", "cuong", sequence: 9), b]) == [
                "unassigned an CANCEL 9", "assigned cuong REQUEST 9",
            ]
        )
        // History is not news: a past briefing tells nobody.
        let past = Self.view("q@0", "an", start: "2026-05-01T09:00")
        #expect(Self.plan([past], []).isEmpty)
        // A draft or a cancelled briefing is not an invitation.
        #expect(Self.plan([], [Self.view("q@1", "an", status: .draft)]).isEmpty)
        #expect(Self.plan([Self.view("q@1", "an", status: .cancelled)], [a]) == ["assigned an REQUEST 5"])
    }

    @Test("on random changes the notices are exactly the differences people would notice; SEQUENCE grows")
    func property() {
        var rng = SeededGenerator.forTest("notices")
        let people = ["an", "binh", "cuong", "dung"]
        let starts = ["2026-06-10T09:00", "2026-06-11T14:00", "2026-05-02T09:00"]
        for _ in 0..<300 {
            func random(sequence: Int) -> [AssignmentView] {
                (0..<Int.random(in: 0...5, using: &rng)).compactMap { i in
                    Self.view(
                        "q@\(Int.random(in: 0...2, using: &rng))",
                        people.randomElement(using: &rng)!,
                        role: Bool.random(using: &rng) ? .primary : .backup,
                        start: starts.randomElement(using: &rng)!,
                        venue: Bool.random(using: &rng) ? "Hội trường" : nil,
                        status: [.scheduled, .cancelled, .draft].randomElement(using: &rng)!,
                        sequence: sequence + i
                    )
                }
            }
            let before = Dictionary(random(sequence: 1).map { (Self.key($0), $0) }, uniquingKeysWith: { a, _ in a })
            let after = Dictionary(random(sequence: 20).map { (Self.key($0), $0) }, uniquingKeysWith: { a, _ in a })
            let notices = NoticePlanner.notices(before: before, after: after, sequence: 40, now: Self.now)
            // The rule, said plainly: nobody hears about what lies wholly in the past; a
            // briefing that appears (or comes back) is an invitation, one that disappears a
            // withdrawal, one called off a cancellation, one that changes for the person an
            // update.
            var expected: [NoticePlanner.Key: Notice.Kind] = [:]
            for k in Set(before.keys).union(after.keys) {
                let b = before[k]
                let a = after[k]
                let ahead =
                    (b.map { $0.startInstant >= Self.now } ?? false) || (a.map { $0.startInstant >= Self.now } ?? false)
                guard ahead else { continue }
                let was = b?.isHappening ?? false
                let isNow = a?.isHappening ?? false
                if !was && isNow { expected[k] = .assigned }
                if was && a == nil { expected[k] = .unassigned }
                if was && a != nil && !isNow { expected[k] = .cancelled }
                if was && isNow, let b, let a,
                    b.start != a.start || b.end != a.end || b.venue != a.venue || b.role != a.role || b.title != a.title
                {
                    expected[k] = .changed
                }
            }
            let got = Dictionary(
                notices.map { (NoticePlanner.Key(occurrence: $0.view.occurrence, person: $0.person), $0.kind) },
                uniquingKeysWith: { a, _ in a }
            )
            #expect(notices.count == got.count, "one notice per person and occurrence")
            #expect(got == expected)
            for n in notices {
                let k = NoticePlanner.Key(occurrence: n.view.occurrence, person: n.person)
                #expect(before[k] != nil || after[k] != nil, "never a message to someone not concerned")
                if let b = before[k] { #expect(n.view.sequence > b.sequence, "SEQUENCE only grows") }
            }
        }
    }
}
