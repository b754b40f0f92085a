public import ICalendar

/// What happened at one occurrence (docs/outcomes.md). The plan says what should happen; the
/// yearly report the advising department compiles (the province's plan, Decree 09/2017
/// Art. 5) is about what did, so it reads outcomes, never the plan's status.
public struct Outcome: Hashable, Sendable, Codable {
    /// Whether it took place.
    public enum Result: Hashable, Sendable {
        case held
        case notHeld(reason: String)
        /// Did not take place at its time; `to` is the occurrence that took its place.
        case postponed(to: OccurrenceID, reason: String)

        public var name: String {
            switch self {
            case .held: return "held"
            case .notHeld: return "not-held"
            case .postponed: return "postponed"
            }
        }

        public var reason: String? {
            switch self {
            case .held: return nil
            case .notHeld(let r), .postponed(_, let r): return r
            }
        }
    }

    /// In what capacity someone spoke. The first four are the people Decree 09/2017 Art. 2–3
    /// lets speak for an agency; the rest are a panel's other seats.
    public enum SpeakerRole: String, Hashable, Sendable, Codable, CaseIterable {
        case head, deputy, spokesperson, authorized, chair, panelist, moderator, interpreter
    }

    /// Someone who spoke: a person on the roster, or a named guest.
    public struct Speaker: Hashable, Sendable, Codable {
        public var person: Spokesperson.ID?
        public var name: String?
        public var role: SpeakerRole

        public init(person: Spokesperson.ID? = nil, name: String? = nil, role: SpeakerRole) {
            self.person = person
            self.name = name
            self.role = role
        }
    }

    /// Press present: agencies and journalists, and how many of each were foreign.
    public struct Attendance: Hashable, Sendable, Codable {
        public var agencies: Int
        public var journalists: Int
        public var foreignAgencies: Int
        public var foreignJournalists: Int

        public init(agencies: Int, journalists: Int, foreignAgencies: Int = 0, foreignJournalists: Int = 0) {
            self.agencies = agencies
            self.journalists = journalists
            self.foreignAgencies = foreignAgencies
            self.foreignJournalists = foreignJournalists
        }
    }

    public struct Questions: Hashable, Sendable, Codable {
        public var received: Int
        public var answered: Int

        public init(received: Int, answered: Int) {
            self.received = received
            self.answered = answered
        }
    }

    /// What was published: each a text or a link.
    public struct Materials: Hashable, Sendable, Codable {
        public var pressRelease: String?
        public var transcript: String?
        public var recording: String?

        public init(pressRelease: String? = nil, transcript: String? = nil, recording: String? = nil) {
            self.pressRelease = pressRelease
            self.transcript = transcript
            self.recording = recording
        }

        public var isEmpty: Bool { pressRelease == nil && transcript == nil && recording == nil }
    }

    public var occurrence: OccurrenceID
    public var result: Result
    /// When it really started and ended (local, the briefing's zone), if not as planned.
    public var actualStart: LocalDateTime?
    public var actualEnd: LocalDateTime?
    public var speakers: [Speaker]
    public var attendance: Attendance?
    public var questions: Questions?
    public var materials: Materials
    public var note: String?

    public init(
        occurrence: OccurrenceID,
        result: Result,
        actualStart: LocalDateTime? = nil,
        actualEnd: LocalDateTime? = nil,
        speakers: [Speaker] = [],
        attendance: Attendance? = nil,
        questions: Questions? = nil,
        materials: Materials = Materials(),
        note: String? = nil
    ) {
        self.occurrence = occurrence
        self.result = result
        self.actualStart = actualStart
        self.actualEnd = actualEnd
        self.speakers = speakers
        self.attendance = attendance
        self.questions = questions
        self.materials = materials
        self.note = note
    }

    public var wasHeld: Bool { result == .held }
}

extension Outcome.Result: Codable {
    enum CodingKeys: String, CodingKey { case result, reason, postponedTo }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .result) {
        case "held": self = .held
        case "not-held": self = .notHeld(reason: try c.decode(String.self, forKey: .reason))
        case "postponed":
            self = .postponed(
                to: try c.decode(OccurrenceID.self, forKey: .postponedTo),
                reason: try c.decode(String.self, forKey: .reason)
            )
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .result,
                in: c,
                debugDescription: "unknown result \(other)"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .result)
        try c.encodeIfPresent(reason, forKey: .reason)
        if case .postponed(let to, _) = self { try c.encode(to, forKey: .postponedTo) }
    }
}

/// An answer promised at a briefing (docs/outcomes.md): reporters' questions that could not be
/// answered on the spot are owed in writing by a date.
public struct FollowUp: Hashable, Sendable, Codable, Identifiable {
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        case open, answered, overdue
    }

    /// Assigned by the store; 0 before it is saved.
    public var id: Int
    public var occurrence: OccurrenceID
    public var outlet: String
    public var question: String
    public var promised: LocalDate
    public var answered: LocalDate?

    public init(
        id: Int = 0,
        occurrence: OccurrenceID,
        outlet: String,
        question: String,
        promised: LocalDate,
        answered: LocalDate? = nil
    ) {
        self.id = id
        self.occurrence = occurrence
        self.outlet = outlet
        self.question = question
        self.promised = promised
        self.answered = answered
    }

    /// Its status on a day: answered once answered (whenever that was), overdue when the
    /// promised day has passed, otherwise open.
    public func status(on day: LocalDate) -> Status {
        if let answered, answered <= day { return .answered }
        return day > promised ? .overdue : .open
    }

    /// Answered after the promised day.
    public var answeredLate: Bool { answered.map { $0 > promised } ?? false }
}
