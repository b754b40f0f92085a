import APIBodies
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Scheduling
import Server
import Testing

/// The API's request bodies as `/openapi.json` declares them are the ones the decoder takes:
/// the schema is read from each type (`BodySchema`), and these tests hold it to the API's
/// rules written out by hand, then prove the decoder agrees field by field.
@Suite("API body schemas")
struct BodySchemaTests {
    /// Every body the API takes. The OpenAPI test below proves the document names exactly these.
    static let bodies: [any APIBody.Type] = [
        CancelBody.self, MoveBody.self, SplitBody.self, AdHocBody.self, ReasonBody.self, AssignBody.self,
        WindowBody.self, SeriesCreateBody.self, AbsenceBody.self, DecisionBody.self, PlanBody.self,
        OutcomeBody.self, FollowUpBody.self, AnswerBody.self,
    ]

    struct Expected: CustomTestStringConvertible {
        let body: any APIBody.Type
        let required: Set<String>
        let optional: Set<String>
        var enums: [String: [String]] = [:]
        var formats: [String: String] = [:]
        var testDescription: String { String(describing: body) }
    }

    /// What each route needs, from the API's documentation of it (README, `podium` commands).
    static let expected: [Expected] = [
        Expected(body: CancelBody.self, required: ["original", "reason"], optional: []),
        Expected(body: MoveBody.self, required: ["original", "reason"], optional: ["to", "venue"]),
        Expected(body: SplitBody.self, required: ["original", "newId"], optional: []),
        Expected(
            body: AdHocBody.self,
            required: ["id", "title", "organizer", "trigger", "triggeredAt", "start", "duration"],
            optional: ["titleEn", "venue", "topic", "visibility", "panel"],
            enums: [
                "trigger": ["incident", "divided-opinion", "press-request", "planned"],
                "visibility": ["public", "press-only", "internal"],
            ],
            formats: ["triggeredAt": "date-time"]
        ),
        Expected(body: ReasonBody.self, required: ["reason"], optional: []),
        Expected(body: AssignBody.self, required: ["primary", "reason"], optional: ["backups", "panel", "locked"]),
        Expected(
            body: WindowBody.self,
            required: ["from", "to"],
            optional: [],
            formats: ["from": "date", "to": "date"]
        ),
        Expected(
            body: SeriesCreateBody.self,
            required: ["id", "title", "organizer", "rrule", "start", "minutes"],
            optional: ["titleEn", "venue", "form", "visibility", "holidayPolicy", "panel"],
            enums: [
                // Decree 09/2017 Art. 4: the forms of giving information to the press.
                "form": [
                    "press-conference", "portal-post", "interview", "press-release", "press-briefing", "correction",
                ],
                "visibility": ["public", "press-only", "internal"],
                "holidayPolicy": ["skip", "next-working-day", "previous-working-day", "keep"],
            ]
        ),
        Expected(
            body: AbsenceBody.self,
            required: ["from", "to", "kind"],
            optional: ["reason"],
            enums: ["kind": ["leave", "travel", "busy"]],
            formats: ["from": "date", "to": "date"]
        ),
        Expected(
            body: DecisionBody.self,
            required: ["decision"],
            optional: ["comment"],
            enums: ["decision": ["approve", "return"]]
        ),
        Expected(body: PlanBody.self, required: ["yaml"], optional: []),
        Expected(
            body: OutcomeBody.self,
            required: ["result"],
            optional: [
                "reason", "postponedTo", "actualStart", "actualEnd", "speakers", "guests", "agencies", "journalists",
                "foreignAgencies", "foreignJournalists", "questionsReceived", "questionsAnswered", "pressRelease",
                "transcript", "recording", "note",
            ],
            enums: ["result": ["held", "not-held", "postponed"]]
        ),
        Expected(
            body: FollowUpBody.self,
            required: ["occurrence", "outlet", "question", "promised"],
            optional: [],
            formats: ["promised": "date"]
        ),
        Expected(body: AnswerBody.self, required: [], optional: ["on", "reopen"], formats: ["on": "date"]),
    ]

    @Test("each body's schema has the fields, enumerations and formats the API's rules give it", arguments: expected)
    func schemaIsTheRule(_ e: Expected) {
        let schema = BodySchema.of(e.body)
        #expect(schema.complete, "the probe could not walk \(e.body)'s decoding to the end")
        #expect(Set(schema.fields.filter(\.value.required).keys) == e.required)
        #expect(Set(schema.fields.filter { !$0.value.required }.keys) == e.optional)
        for (field, values) in e.enums { #expect(schema.fields[field]?.enumeration == values, "\(field)") }
        for (field, format) in e.formats { #expect(schema.fields[field]?.format == format, "\(field)") }
        // Nothing else is enumerated or formatted (an annotation naming no field would be lost).
        #expect(Set(schema.fields.filter { $0.value.enumeration != nil }.keys) == Set(e.enums.keys))
        #expect(Set(schema.fields.filter { $0.value.format != nil }.keys) == Set(e.formats.keys))
        for key in e.body.annotations.keys { #expect(schema.fields[key] != nil, "annotation on no field: \(key)") }
    }

    /// A value of the schema's type, for building bodies from the schema alone.
    static func example(_ f: BodySchema.Field) -> Any {
        if let first = f.enumeration?.first { return first }
        switch (f.type, f.format) {
        case ("integer", _): return 1
        case ("number", _): return 1.5
        case ("boolean", _): return true
        case ("array", _): return ["x"]
        case ("string", "date-time"): return "2025-03-01T02:00:00Z"
        case ("string", "date"): return "2025-03-01"
        default: return "x"
        }
    }

    static func decodes(_ body: any APIBody.Type, _ object: [String: Any]) -> Bool {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { return false }
        return (try? decoder.decode(body, from: data)) != nil
    }

    @Test(
        "the decoder takes a body of the required fields alone, refuses it without any one of them, and takes every optional field",
        arguments: expected
    )
    func decoderAgrees(_ e: Expected) {
        let schema = BodySchema.of(e.body)
        let minimal = schema.fields.filter(\.value.required).mapValues(Self.example)
        #expect(Self.decodes(e.body, minimal), "required fields only")
        for key in minimal.keys {
            var without = minimal
            without[key] = nil
            #expect(!Self.decodes(e.body, without), "decoded without the required \(key)")
        }
        #expect(Self.decodes(e.body, schema.fields.mapValues(Self.example)), "all fields")
        // A value outside an enumeration is refused by the decoder where the type is an enum.
        for (key, field) in schema.fields where field.enumeration != nil && e.body.annotations[key] == nil {
            var wrong = minimal.merging(schema.fields.mapValues(Self.example)) { a, _ in a }
            wrong[key] = "not-a-value"
            #expect(!Self.decodes(e.body, wrong), "\(key) took a value outside its enumeration")
        }
    }

    /// The example bodies in Tests/Fixtures/api (the fuzzer's seeds) are bodies the API takes.
    @Test(
        "each example body decodes as the body its file names and becomes an engine value",
        arguments: [
            ("adhoc", AdHocBody.self), ("series", SeriesCreateBody.self), ("outcome", OutcomeBody.self),
            ("outcome-postponed", OutcomeBody.self), ("move", MoveBody.self), ("cancel", CancelBody.self),
            ("split", SplitBody.self), ("absence", AbsenceBody.self), ("assign", AssignBody.self),
            ("followup", FollowUpBody.self), ("answer", AnswerBody.self), ("window", WindowBody.self),
            ("decision", DecisionBody.self), ("plan", PlanBody.self), ("reason", ReasonBody.self),
        ] as [(String, any APIBody.Type)]
    )
    func examplesDecode(_ name: String, _ body: any APIBody.Type) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/api/\(name).json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(Self.decodes(body, object))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let data = try Data(contentsOf: url)
        switch name {
        case "adhoc":
            let b = try decoder.decode(AdHocBody.self, from: data).briefing()
            #expect(b.duration == 3600 && b.panel == PanelNeeds(chair: true, matters: ["disaster"], interpreter: true))
        case "series":
            let s = try decoder.decode(SeriesCreateBody.self, from: data).series()
            #expect(s.duration == 5400 && s.panel == PanelNeeds(chair: true, matters: ["investment"], moderator: true))
        case "outcome":
            let o = try decoder.decode(OutcomeBody.self, from: data).outcome(OccurrenceID(rawValue: "q@1"))
            #expect(o.speakers.count == 3 && o.questions?.answered == 13)
        case "absence":
            let u = try decoder.decode(AbsenceBody.self, from: data).unavailability()
            #expect(u.end.timeIntervalSince(u.start) == 5 * 86_400)
        default: break
        }
    }

    @Test("/openapi.json declares exactly these bodies, each as its type's schema")
    func documentNamesEveryBody() async throws {
        let f = try ServerTests.fixture()
        try await Application(router: f.service.buildRouter()).test(.router) { client in
            let doc = try await client.execute(uri: "/openapi.json", method: .get)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(doc.body.readableBytesView)) as? [String: Any]
            )
            let components = try #require(json["components"] as? [String: Any])
            let schemas = try #require(components["schemas"] as? [String: [String: Any]])
            let names = Set(Self.bodies.map { String(describing: $0) })
            #expect(Set(schemas.keys) == names.union(["Problem"]))
            for e in Self.expected {
                let declared = try #require(schemas[String(describing: e.body)])
                #expect(Set(declared["required"] as? [String] ?? []) == e.required, "\(e.body)")
            }
        }
    }

    /// `ROLE:PERSON[:MATTER]`, as the API, the CLI and forms write a seat, by hand.
    @Test(
        "seat texts: what each means, and what is refused",
        arguments: [
            ("chair:le-van-a", "chair:le-van-a"), ("panelist:pham-d:investment", "panelist:pham-d:investment"),
            ("moderator:x", "moderator:x"), ("interpreter:y", "interpreter:y"),
            ("panelist:pham-d", nil), ("chair:le-van-a:investment", nil), ("panelist:pham-d:a:b", nil),
            ("judge:x", nil), ("chair:", nil), ("chair", nil), ("", nil),
        ] as [(String, String?)]
    )
    func seatTexts(_ text: String, _ meaning: String?) {
        let seat = try? BodyFields.seat(text)
        #expect(seat?.text == meaning)
    }
}
