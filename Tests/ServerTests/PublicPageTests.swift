import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import Scheduling
import Server
import Store
import Testing

/// What a journalist reads on the public page (issue #16, item 18): whose briefings, in which
/// time zone, dates in their own conventions, changes marked rather than vanished, the agency
/// feeds, how to subscribe; the English page in English, links keeping the language.
@Suite("The public page")
struct PublicPageTests {
    @Test("Vietnamese: whose, UTC+7, weekday dates, a cancelled regular briefing marked, agency feeds linked")
    func vietnamese() async throws {
        let f = try ServerTests.fixture()
        let rev = try f.store.seriesRevision("thong-tin-bao-chi-thang")
        _ = try f.store.cancelOccurrence(
            series: "thong-tin-bao-chi-thang",
            original: LocalDateTime(year: 2024, month: 6, day: 28, hour: 16, minute: 0),
            reason: "Trùng kỳ họp HĐND",
            expectedRevision: rev,
            actor: "test",
            at: Date()
        )
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let page = try await client.execute(uri: "/", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("Lịch họp báo — UBND tỉnh Phú Yên"))
            #expect(page.contains("Giờ Việt Nam (UTC+7)"))
            #expect(page.contains("Thứ Sáu, 28/06/2024 16:00–16:30"))
            #expect(page.contains("Đã hủy: Trùng kỳ họp HĐND"))
            #expect(page.contains("href=\"/feeds/agencies/ubnd-phu-yen.ics\""))
            #expect(page.contains("Đăng ký một lần"))
        }
    }

    @Test("English: English titles of people, English dates, every internal link keeps ?lang=en")
    func english() async throws {
        let f = try ServerTests.fixture()
        let june = OccurrenceID(rawValue: "thong-tin-bao-chi-thang@20240628T160000")
        _ = try f.store.assign(
            Assignment(occurrence: june, primary: .init(person: "nguyen-van-an", source: .manual), reason: "test"),
            expectedRevision: nil,
            actor: "test",
            at: Date()
        )
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let page = try await client.execute(uri: "/?lang=en", method: .get) { String(buffer: $0.body) }
            #expect(page.contains("Vietnam time (UTC+7)"))
            #expect(page.contains("Friday, 28 June 2024, 16:00–16:30"))
            #expect(!page.contains("Thứ "))
            let briefing = try #require(page.firstMatch(of: /href="(\/briefings\/[^"]+)"/)?.output.1)
            #expect(briefing.hasSuffix("?lang=en"))
            let detail = try await client.execute(uri: String(briefing), method: .get) { String(buffer: $0.body) }
            #expect(detail.contains("href=\"/?lang=en\""))
            // The assigned spokesperson's title in English when the plan gives one.
            #expect(page.contains("Spokesperson: Nguyễn Văn An, Chief of the Provincial People&#39;s Committee Office"))
            #expect(!page.contains("Người phát ngôn:"))
        }
    }
}
