import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Scheduling
import Server
import Store
import Testing

/// The occurrence page seats the panel: one select per seat the briefing needs, offering only
/// those its role's rule lets sit there; saving stores the seats; a person named twice is
/// refused and nothing changes.
@Suite("Panels in the workspace")
struct PanelWorkspaceTests {
    @Test("the occurrence page offers each seat to those who may take it, and saves the panel")
    func seatFromTheOccurrencePage() async throws {
        let f = try WorkspaceTests.fixtureWithEditor()
        _ = try f.store.updateSeries("hop-bao-quy", expectedRevision: nil, actor: "test", at: Date(), action: "edit") {
            $0.panel = PanelNeeds(chair: true, matters: ["investment"])
        }
        let uri = "/workspace/occurrences/hop-bao-quy@20240404T150000"
        let occurrence = OccurrenceID(rawValue: "hop-bao-quy@20240404T150000")
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let (headers, csrf) = try await WorkspaceTests.session(client, "editor")
            let page = String(buffer: try await client.execute(uri: uri, method: .get, headers: headers).body)
            // The chair's select: those who speak for the province as a whole — the
            // spokesperson, not the Vice Chairman authorised only for disaster.
            let chair = try #require(
                page.firstMatch(of: /<select id="seat-0" name="seat\[\]">(.*?)<\/select>/)?.output.1
            )
            #expect(chair.contains("chair:nguyen-van-an"))
            #expect(!chair.contains("chair:le-van-cuong"))
            // The investment panelist's: the head of culture (authorised for investment).
            let panelist = try #require(
                page.firstMatch(of: /<select id="seat-1" name="seat\[\]">(.*?)<\/select>/)?.output.1
            )
            #expect(panelist.contains("panelist:vo-thi-giang:investment"))
            func save(_ seats: [String]) async throws -> TestResponse {
                let revision = try f.store.roster().assignments[occurrence]?.revision ?? 0
                let fields = [
                    "csrf=\(csrf)", "revision=\(revision)", "primary=tran-thi-binh", "reason=Ph%C3%A2n%20c%C3%B4ng",
                ]
                let body = (fields + seats.map { "seat%5B%5D=" + $0.replacingOccurrences(of: ":", with: "%3A") })
                    .joined(separator: "&")
                var h = headers
                h[.contentType] = "application/x-www-form-urlencoded"
                return try await client.execute(
                    uri: uri + "/assign",
                    method: .post,
                    headers: h,
                    body: ByteBuffer(string: body)
                )
            }
            let saved = try await save(["chair:nguyen-van-an", "panelist:vo-thi-giang:investment"])
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(300))")
            #expect(
                try f.store.roster().assignments[occurrence]?.panel == [
                    PanelSeat(role: .chair, person: "nguyen-van-an"),
                    PanelSeat(role: .panelist, person: "vo-thi-giang", matter: "investment"),
                ]
            )
            // The speaker in a second role, other than chair: refused, nothing changes.
            let twice = try await save(["chair:nguyen-van-an", "panelist:tran-thi-binh:investment"])
            #expect(twice.status == .unprocessableContent)
            #expect(try f.store.roster().assignments[occurrence]?.panel.count == 2)
            // An empty select empties its seat.
            #expect(try await save(["", ""]).status == .seeOther)
            #expect(try f.store.roster().assignments[occurrence]?.panel == [])
        }
    }
}
