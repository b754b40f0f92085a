import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Scheduling
import Server
import Store
import Testing

/// `PUT /api/assignments/{occurrence}` takes the panel as `ROLE:PERSON[:MATTER]`: seats are
/// stored; a body without `panel` keeps it, `[]` empties it; a seat its role's rule refuses,
/// or a seat that is not one, is 422 and changes nothing.
@Suite("Panel through the API")
struct PanelAPITests {
    @Test("seats stored, kept, emptied; refused seats change nothing")
    func panelThroughTheAPI() async throws {
        let f = try ServerTests.fixture()
        let uri = "/api/assignments/hop-bao-quy@20240404T150000"
        let occurrence = OccurrenceID(rawValue: "hop-bao-quy@20240404T150000")
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            var headers: HTTPFields = [.authorization: "Bearer \(f.api)", .contentType: "application/json"]
            func put(_ json: String) async throws -> TestResponse {
                headers[.ifMatch] = try await client.execute(uri: uri, method: .get, headers: headers).headers[.eTag]
                return try await client.execute(
                    uri: uri,
                    method: .put,
                    headers: headers,
                    body: ByteBuffer(string: json)
                )
            }
            // The spokesperson chairs; the head of culture (authorised for investment) and the
            // head of information answer on their matters.
            let seated = try await put(
                #"{"primary":"tran-thi-binh","reason":"Họp báo quý","panel":["chair:nguyen-van-an","panelist:vo-thi-giang:investment","panelist:do-van-hai:press"]}"#
            )
            #expect(seated.status == .ok, "\(ServerTests.body(seated))")
            let expected = [
                PanelSeat(role: .chair, person: "nguyen-van-an"),
                PanelSeat(role: .panelist, person: "vo-thi-giang", matter: "investment"),
                PanelSeat(role: .panelist, person: "do-van-hai", matter: "press"),
            ]
            #expect(try f.store.roster().assignments[occurrence]?.panel == expected)
            // Without "panel" the seats stay.
            #expect(
                try await put(#"{"primary":"tran-thi-binh","reason":"Đổi lý do"}"#)
                    .status == .ok
            )
            #expect(try f.store.roster().assignments[occurrence]?.panel == expected)
            // A Vice Chairman authorised only for disaster may not chair; "judge" is no role.
            let revision = try f.store.roster().assignments[occurrence]?.revision
            let notEntitled = try await put(#"{"primary":"tran-thi-binh","reason":"x","panel":["chair:le-van-cuong"]}"#)
            #expect(notEntitled.status == .unprocessableContent)
            #expect(ServerTests.body(notEntitled).contains("chair le-van-cuong"))
            let notARole = try await put(#"{"primary":"tran-thi-binh","reason":"x","panel":["judge:le-van-cuong"]}"#)
            #expect(notARole.status == .unprocessableContent)
            #expect(ServerTests.body(notARole).contains("ROLE:PERSON"))
            #expect(try f.store.roster().assignments[occurrence]?.revision == revision)
            // An empty list empties the panel.
            #expect(try await put(#"{"primary":"tran-thi-binh","reason":"Không cần","panel":[]}"#).status == .ok)
            #expect(try f.store.roster().assignments[occurrence]?.panel == [])
        }
    }
}
