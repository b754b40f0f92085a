import Foundation
import ICalendar
import Scheduling
import Testing

/// A whole plan coming in is held to the same rules as the forms: found once when an editor
/// published their own draft, created a published series and switched approval off for their
/// agency, all by uploading a file.
@Suite("What an incoming plan may change")
struct PlanChangeRulesTests {
    static let department = Agency(
        id: "so",
        name: BilingualText(vi: "Sở"),
        level: .department,
        parent: "tinh",
        requiresApproval: true
    )
    static let province = Agency(id: "tinh", name: BilingualText(vi: "Tỉnh"), level: .province)

    static func briefing(_ id: String, _ status: BriefingStatus) -> AdHocBriefing {
        var b = AdHocBriefing(
            id: AdHocBriefing.ID(id),
            title: BilingualText(vi: id),
            organizer: "so",
            trigger: .planned,
            triggeredAt: Date(timeIntervalSince1970: 1_717_200_000),
            start: LocalDateTime(LocalDate(year: 2024, month: 6, day: 3), hour: 9, minute: 0),
            duration: 3600
        )
        b.status = status
        return b
    }

    static let stored = Schedule(
        agencies: [province, department],
        adHoc: [briefing("nhap", .draft), briefing("da-cong-bo", .scheduled)]
    )

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let incoming: Schedule
        let mayApprove: Bool
        let mayAdminister: Bool
        let drafted: [String]
        /// A word each refusal must contain (empty: accepted).
        let refused: [String]
    }

    static let cases: [Case] = {
        var unbound = department
        unbound.requiresApproval = false
        return [
            Case(
                testDescription: "an editor publishes their draft: refused",
                incoming: Schedule(agencies: [province, department], adHoc: [briefing("nhap", .scheduled)]),
                mayApprove: false,
                mayAdminister: false,
                drafted: [],
                refused: ["nhap"]
            ),
            Case(
                testDescription: "an editor withdraws their draft: allowed",
                incoming: Schedule(agencies: [province, department], adHoc: [briefing("nhap", .cancelled)]),
                mayApprove: false,
                mayAdminister: false,
                drafted: [],
                refused: []
            ),
            Case(
                testDescription: "an editor cancels a published briefing: refused",
                incoming: Schedule(agencies: [province, department], adHoc: [briefing("da-cong-bo", .cancelled)]),
                mayApprove: false,
                mayAdminister: false,
                drafted: [],
                refused: ["da-cong-bo"]
            ),
            Case(
                testDescription: "an editor's new published briefing: stored as a draft",
                incoming: Schedule(agencies: [province, department], adHoc: [briefing("moi", .scheduled)]),
                mayApprove: false,
                mayAdminister: false,
                drafted: ["ad-hoc briefing moi"],
                refused: []
            ),
            Case(
                testDescription: "an editor switches approval off for their agency: refused, and still drafted",
                incoming: Schedule(agencies: [province, unbound], adHoc: [briefing("moi", .scheduled)]),
                mayApprove: false,
                mayAdminister: false,
                drafted: ["ad-hoc briefing moi"],
                refused: ["agency so"]
            ),
            Case(
                testDescription: "an approver publishes a draft: allowed",
                incoming: Schedule(agencies: [province, department], adHoc: [briefing("nhap", .scheduled)]),
                mayApprove: true,
                mayAdminister: false,
                drafted: [],
                refused: []
            ),
            Case(
                testDescription: "an administrator changes the agency: allowed",
                incoming: Schedule(agencies: [province, unbound]),
                mayApprove: true,
                mayAdminister: true,
                drafted: [],
                refused: []
            ),
        ]
    }()

    @Test("each change, by who may do what", arguments: cases)
    func rules(_ c: Case) {
        let out = PlanChangeRules.check(
            c.incoming,
            against: Self.stored,
            mayApprove: { _ in c.mayApprove },
            mayAdminister: { _ in c.mayAdminister }
        )
        #expect(out.drafted == c.drafted)
        #expect(out.refusals.count == c.refused.count, "\(out.refusals)")
        for (why, word) in zip(out.refusals, c.refused) { #expect(why.contains(word), "\(why)") }
        for d in c.drafted {
            let id = AdHocBriefing.ID(String(d.split(separator: " ").last!))
            #expect(out.schedule.adHoc[id]?.status == .draft)
        }
    }
}
