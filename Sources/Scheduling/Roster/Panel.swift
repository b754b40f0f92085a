/// The people of a press conference besides its spokesperson. A provincial press conference
/// is chaired by the head of the People's Committee or its spokesperson (Decree 09/2017
/// Art. 3 names who may speak for an agency), and heads of departments sit on the panel to
/// answer on their own fields; a moderator gives the floor, an interpreter works for the
/// foreign press (docs/law.md §panels).
public enum PanelRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// Chairs the conference: the head (or chairman) of the organiser, its spokesperson, or
    /// a deputy authorised by the head.
    case chair
    /// Answers for a matter of their own agency: its head, deputy or spokesperson, or someone
    /// the organiser authorised in writing for that matter.
    case panelist
    /// Gives the floor and keeps time; no entitlement to speak is needed.
    case moderator
    /// Interprets for the foreign press; must work in the briefing's languages.
    case interpreter

    /// The role's name in the reader's language.
    public func name(_ language: Language) -> String {
        switch (self, language) {
        case (.chair, .vi): return "Chủ trì"
        case (.panelist, .vi): return "Trả lời"
        case (.moderator, .vi): return "Điều hành"
        case (.interpreter, .vi): return "Phiên dịch"
        case (.chair, _): return "Chair"
        case (.panelist, _): return "Panelist"
        case (.moderator, _): return "Moderator"
        case (.interpreter, _): return "Interpreter"
        }
    }
}

/// One seat of a panel: who, in which role, and for a panelist the matter they answer on.
public struct PanelSeat: Hashable, Sendable {
    public var role: PanelRole
    public var person: Spokesperson.ID
    public var matter: String?
    public var source: Assignment.Source

    public init(role: PanelRole, person: Spokesperson.ID, matter: String? = nil, source: Assignment.Source = .manual) {
        self.role = role
        self.person = person
        self.matter = matter
        self.source = source
    }

    /// The seat as the CLI, the API and forms write it: `ROLE:PERSON[:MATTER]`.
    public var text: String { "\(role.rawValue):\(person.rawValue)" + (matter.map { ":\($0)" } ?? "") }

    /// Seats in the order a panel is read: chair, panelists (in the order of the briefing's
    /// matters, then the rest), moderator, interpreter.
    public static func reading(_ seats: [PanelSeat], matters: [String] = []) -> [PanelSeat] {
        func key(_ s: PanelSeat) -> (Int, Int) {
            (PanelRole.allCases.firstIndex(of: s.role)!, s.matter.flatMap(matters.firstIndex) ?? matters.count)
        }
        return seats.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return (ka.0, ka.1, a.offset) < (kb.0, kb.1, b.offset)
        }.map(\.element)
    }
}

/// The panel a briefing needs, declared on its series or ad-hoc briefing: a chair, one
/// panelist for each matter, a moderator, an interpreter. Nothing is needed unless
/// declared, so a press release needs no chair.
public struct PanelNeeds: Hashable, Sendable {
    public var chair: Bool
    /// The matters on which a panelist answers, one seat each (e.g. "investment", "land").
    public var matters: [String]
    public var moderator: Bool
    public var interpreter: Bool

    public init(chair: Bool = false, matters: [String] = [], moderator: Bool = false, interpreter: Bool = false) {
        self.chair = chair
        self.matters = matters
        self.moderator = moderator
        self.interpreter = interpreter
    }

    public var isEmpty: Bool { !chair && matters.isEmpty && !moderator && !interpreter }

    /// The seats an occurrence needs, in the order a panel is read: chair, panelists by
    /// matter, moderator, interpreter.
    /// The declared seats no one sits in on `a` (a panelist's seat is its matter's).
    public func open(in a: Assignment?) -> [(role: PanelRole, matter: String?)] {
        matched(a?.panel ?? []).needed.filter { $0.seat == nil }.map { ($0.role, $0.matter) }
    }

    /// Each declared seat with the seat of `panel` that fills it (a panelist's by its matter),
    /// and the seats of `panel` no need asks for.
    public func matched(_ panel: [PanelSeat]) -> (
        needed: [(role: PanelRole, matter: String?, seat: PanelSeat?)], extra: [PanelSeat]
    ) {
        var rest = panel
        let needed = seats.map { need -> (role: PanelRole, matter: String?, seat: PanelSeat?) in
            let i = rest.firstIndex { $0.role == need.role && (need.matter == nil || $0.matter == need.matter) }
            return (need.role, need.matter, i.map { rest.remove(at: $0) })
        }
        return (needed, rest)
    }

    public var seats: [(role: PanelRole, matter: String?)] {
        var out: [(PanelRole, String?)] = chair ? [(.chair, nil)] : []
        out += matters.map { (.panelist, $0) }
        if moderator { out.append((.moderator, nil)) }
        if interpreter { out.append((.interpreter, nil)) }
        return out
    }
}

extension PanelNeeds {
    /// The needs in words, as the CLI (`--panel-need`) and the API (`panel`) take them:
    /// `chair`, `moderator`, `interpreter`, and `matter:MATTER` for each panelist's seat.
    public init(words: [String]) throws(PanelNeedsError) {
        self.init()
        for word in words {
            switch word {
            case "chair": chair = true
            case "moderator": moderator = true
            case "interpreter": interpreter = true
            default:
                let matter = word.hasPrefix("matter:") ? String(word.dropFirst("matter:".count)) : ""
                guard !matter.isEmpty else { throw PanelNeedsError(word: word, reason: "not a seat") }
                guard !matters.contains(matter) else { throw PanelNeedsError(word: word, reason: "named twice") }
                matters.append(matter)
            }
        }
    }

    public var words: [String] {
        (chair ? ["chair"] : []) + matters.map { "matter:\($0)" } + (moderator ? ["moderator"] : [])
            + (interpreter ? ["interpreter"] : [])
    }
}

/// A word `PanelNeeds(words:)` does not take.
public struct PanelNeedsError: Error, Equatable, CustomStringConvertible {
    public var word: String
    public var reason: String
    public var description: String {
        "\"\(word)\": \(reason) (chair, moderator, interpreter, or matter:MATTER for a panelist)"
    }
}
