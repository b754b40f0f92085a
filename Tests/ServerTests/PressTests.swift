import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICalendar
import Server
import Store
import Testing

/// Press-only items belong to the press (issue #16, item 20): no public door serves them;
/// an accredited press agency gets them through its private feed and page while its
/// accreditation runs.
@Suite("Accredited press")
struct PressTests {
    /// The weekly press briefing of the sample is press-only.
    static let pressOnly = "giao-ban-bao-chi"

    @Test("no public door serves a press-only item; the press feed and page do, and stop with the accreditation")
    func pressOnlyBelongsToThePress() async throws {
        let f = try ServerTests.fixture()
        try f.store.savePressAgency(
            PressAgency(
                id: "bao-phu-yen",
                name: "Báo Phú Yên",
                accreditedFrom: LocalDate(year: 2024, month: 1, day: 1),
                accreditedTo: LocalDate(year: 2024, month: 12, day: 31)
            ),
            replace: false,
            actor: "test",
            at: Date()
        )
        let token = try f.store.issueToken(kind: .press, subject: "bao-phu-yen", at: Date())
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            for door in [
                "/", "/?lang=en", "/feeds/public.vi.ics", "/feeds/public.en.ics", "/feeds/agencies/ubnd-phu-yen.ics",
                "/feeds/agencies/so-tttt-phu-yen.ics", "/feeds/agencies/so-tttt-phu-yen.en.ics",
            ] {
                let body = try await client.execute(uri: door, method: .get) { String(buffer: $0.body) }
                #expect(!body.contains(Self.pressOnly), "\(door) serves a press-only item")
            }
            // Guessing a press-only briefing's page gives nothing either.
            let guessed = try await client.execute(uri: "/briefings/\(Self.pressOnly)@20240604T080000", method: .get)
            #expect(guessed.status == .notFound)
            let feed = try await client.execute(uri: "/feeds/press/\(token).ics", method: .get)
            #expect(feed.status == .ok)
            #expect(feed.headers[.cacheControl] == "private, no-store")
            #expect(String(buffer: feed.body).contains(Self.pressOnly))
            let page = try await client.execute(uri: "/press/\(token)", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Chỉ dành cho báo chí"))
            #expect(page.headers[.init("Referrer-Policy")!] == "no-referrer")
            let unknown = try await client.execute(uri: "/feeds/press/not-a-token.ics", method: .get)
            #expect(unknown.status == .notFound)
        }
        // The accreditation ends: the same token opens nothing.
        try f.store.savePressAgency(
            PressAgency(
                id: "bao-phu-yen",
                name: "Báo Phú Yên",
                accreditedFrom: LocalDate(year: 2024, month: 1, day: 1),
                accreditedTo: LocalDate(year: 2024, month: 5, day: 31)
            ),
            replace: true,
            actor: "test",
            at: Date()
        )
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let feed = try await client.execute(uri: "/feeds/press/\(token).ics", method: .get)
            #expect(feed.status == .notFound)
            let page = try await client.execute(uri: "/press/\(token)", method: .get)
            #expect(page.status == .notFound)
        }
    }
}
