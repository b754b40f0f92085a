import Feeds
import Foundation
import ICalendar
import Scheduling
import Testing

/// A panel is named in every feed's event in the reader's language: the role's name, the
/// person's name and title in that language, a panelist's matter. Expected lines by hand.
@Suite("Panels in feeds")
struct PanelFeedTests {
    static let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2025...2027))

    @Test("the public feed names the panel in Vietnamese and in English, titles translated")
    func panelLines() throws {
        let province: Agency.ID = "ubnd-tinh"
        var b = AdHocBriefing(
            id: "dien-dan-dau-tu",
            title: BilingualText(vi: "Họp báo Diễn đàn đầu tư", en: "Investment forum press conference"),
            organizer: province,
            trigger: .planned,
            triggeredAt: Date(timeIntervalSince1970: 1_780_000_000),
            start: LocalDateTime(year: 2026, month: 6, day: 4, hour: 9, minute: 0),
            duration: 5400
        )
        b.panel = PanelNeeds(chair: true, matters: ["investment"])
        let schedule = Schedule(
            agencies: [Agency(id: province, name: BilingualText(vi: "UBND tỉnh"), level: .province)],
            adHoc: [b]
        )
        var chair = Spokesperson(
            id: "le-van-cuong",
            name: "Lê Văn Cường",
            title: "Phó Chủ tịch UBND tỉnh",
            agency: province,
            entitlements: [Entitlement(agency: province, kind: .head)]
        )
        chair.titleEn = "Vice Chairman of the Provincial People's Committee"
        let director = Spokesperson(
            id: "pham-thi-dung",
            name: "Phạm Thị Dung",
            title: "Giám đốc Sở Tài chính",
            agency: "so-tai-chinh",
            entitlements: [Entitlement(agency: "so-tai-chinh", kind: .head)]
        )
        let roster = Roster(
            people: [chair, director],
            assignments: [
                Assignment(
                    occurrence: OccurrenceID(adHoc: b.id),
                    primary: .init(person: chair.id, source: .manual),
                    panel: [
                        PanelSeat(role: .chair, person: chair.id),
                        PanelSeat(role: .panelist, person: director.id, matter: "investment"),
                    ]
                )
            ]
        )
        let options = FeedOptions(now: Date(timeIntervalSince1970: 1_770_000_000), defaultChangeTime: .now)
        func description(_ language: Language) throws -> String {
            let feed = try FeedBuilder(engine: Self.engine).calendar(
                for: schedule,
                audience: .public(language),
                options: options,
                people: FeedPeople(roster)
            )
            return try #require(feed.events.first?.description)
        }
        #expect(
            try description(.vi).hasSuffix(
                "Chủ trì: Lê Văn Cường, Phó Chủ tịch UBND tỉnh\nTrả lời: Phạm Thị Dung, Giám đốc Sở Tài chính (investment)"
            )
        )
        // No English title for the director: her Vietnamese one stands.
        #expect(
            try description(.en).hasSuffix(
                "Chair: Lê Văn Cường, Vice Chairman of the Provincial People's Committee\nPanelist: Phạm Thị Dung, Giám đốc Sở Tài chính (investment)"
            )
        )
        // And the panel is in no feed without it.
        let bare = try FeedBuilder(engine: Self.engine).calendar(
            for: schedule,
            audience: .public(.vi),
            options: options
        )
        #expect(bare.events.first?.description?.contains("Chủ trì") != true)
    }
}
