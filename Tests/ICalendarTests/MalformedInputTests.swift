import Foundation
import ICalendar
import TestSupport
import Testing

/// One row of `Tests/Fixtures/ics/invalid/expectations.tsv`: the error a fixture must raise.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    let fixture: String
    let kind: String
    let line: Int
    let property: String?
    let fragment: String
    var testDescription: String { fixture }

    static let all: [MalformedCase] = {
        let table = try! RepositoryPaths.read(RepositoryPaths.fixture("ics/invalid/expectations.tsv"))
        return table.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { row in
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return MalformedCase(
                fixture: f[0],
                kind: f[1],
                line: Int(f[2])!,
                property: f[3] == "-" ? nil : f[3],
                fragment: f[4]
            )
        }
    }()
}

@Suite("Malformed iCalendar input")
struct MalformedInputTests {
    @Test("the fixture table has at least 50 cases and every fixture file is in it")
    func tableCoversFixtures() throws {
        #expect(MalformedCase.all.count >= 50)
        let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.fixture("ics/invalid").path)
            .filter { $0.hasSuffix(".ics") }.map { String($0.dropLast(4)) }
        #expect(Set(files) == Set(MalformedCase.all.map(\.fixture)))
    }

    @Test("each malformed fixture raises its specific error, with line and property", arguments: MalformedCase.all)
    func raisesSpecificError(_ c: MalformedCase) throws {
        let bytes = try [UInt8](Data(contentsOf: RepositoryPaths.fixture("ics/invalid/\(c.fixture).ics")))
        // When: the bytes are parsed.
        let error = #expect(throws: ICalendarError.self) { try ICalendarParser.parse(bytes: bytes) }
        guard let error else { return }
        // Then: the kind, line, property and reason match the table.
        let (kind, location, reason) = Self.describe(error)
        #expect(kind == c.kind, "\(error)")
        #expect(location?.line == c.line, "\(error)")
        if let property = c.property { #expect(location?.property == property, "\(error)") }
        #expect(c.fragment.isEmpty || reason.contains(c.fragment), "\(error)")
    }

    static func describe(_ e: ICalendarError) -> (String, ICalLocation?, String) {
        switch e {
        case .malformed(let at, let reason): return ("malformed", at, reason)
        case .invalidValue(let at, let reason): return ("invalidValue", at, reason)
        case .unsupported(let at, let reason): return ("unsupported", at, reason)
        case .missingProperty(let at): return ("missingProperty", at, "")
        default: return ("other", nil, e.description)
        }
    }

    @Test("every error message names where the problem is")
    func messagesNameTheLine() throws {
        for c in MalformedCase.all where c.line > 0 {
            let bytes = try [UInt8](Data(contentsOf: RepositoryPaths.fixture("ics/invalid/\(c.fixture).ics")))
            do {
                _ = try ICalendarParser.parse(bytes: bytes)
            } catch {
                #expect(error.description.contains("line \(c.line)"), "\(c.fixture): \(error)")
            }
        }
    }

    @Test("truncating a valid calendar at every byte never crashes and never half-succeeds")
    func everyTruncationFailsCleanly() throws {
        let text = try RepositoryPaths.read(RepositoryPaths.fixture("ics/golden/full-feature.ics"))
        let bytes = Array(text.utf8)
        let full = try ICalendarParser.parse(bytes: bytes)
        for cut in stride(from: 0, to: bytes.count - 2, by: 7) {
            // A cut inside the last END line can still be a complete calendar; any other
            // cut must fail, and a success must equal the full parse.
            if let partial = try? ICalendarParser.parse(bytes: Array(bytes[..<cut])) {
                #expect(partial == full, "cut at \(cut) parsed to something else")
            }
        }
    }
}
