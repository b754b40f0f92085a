public import ICalendar

/// A day off, with where it comes from.
public struct Holiday: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Labor Code 2019 Art. 112(1).
        case statutory
        /// A weekly rest day fell on a holiday: the next working day is off (Art. 111(3)).
        case compensatory
        /// Set by the yearly Prime Minister / Ministry decision (Tết block, swaps).
        case decision
        /// From an imported holiday calendar (.ics).
        case imported
    }

    public var date: LocalDate
    public var name: BilingualText
    public var kind: Kind
    public var legalBasis: String

    public init(date: LocalDate, name: BilingualText, kind: Kind, legalBasis: String) {
        self.date = date
        self.name = name
        self.kind = kind
        self.legalBasis = legalBasis
    }

    public var description: String { "\(date) \(name.vi) (\(kind.rawValue))" }
}

/// One year's government decision on days off for civil servants (domain.md §6): the
/// Tết days and the National Day's adjacent day the Prime Minister fixes (Labor Code 2019
/// Art. 112(3)), extra days off bridged by swaps, and the Saturdays worked in exchange.
///
/// Decisions are data, loaded from a file a user can update without rebuilding.
public struct HolidayDecision: Hashable, Sendable {
    public var year: Int
    /// The document, e.g. "Công văn 7665/BLĐTBXH-CSLĐ (2025)".
    public var reference: String
    /// The five statutory Tết days as fixed for this year; nil keeps the default
    /// (the last day of the lunar year and the first four of the new one).
    public var tetDays: [LocalDate]?
    /// The day adjacent to 2 September as fixed for this year; nil keeps the default (1 Sep).
    public var nationalDayAdjacent: LocalDate?
    /// Further days off (bridges), each with its name.
    public var extraDaysOff: [Holiday]
    /// Weekend days worked in exchange for a bridge (hoán đổi ngày làm việc).
    public var workdays: [LocalDate]

    public init(
        year: Int,
        reference: String,
        tetDays: [LocalDate]? = nil,
        nationalDayAdjacent: LocalDate? = nil,
        extraDaysOff: [Holiday] = [],
        workdays: [LocalDate] = []
    ) {
        self.year = year
        self.reference = reference
        self.tetDays = tetDays
        self.nationalDayAdjacent = nationalDayAdjacent
        self.extraDaysOff = extraDaysOff
        self.workdays = workdays
    }
}

/// A holiday announced but not yet law: 24 November, Vietnamese Culture Day (Politburo
/// Resolution 80-NQ/TW, 7 Jan 2026; Government Resolution 30/NQ-CP orders the Labor Code
/// amendment). Off only from `effectiveFrom`, which stays nil until the amendment passes.
public struct PendingHoliday: Hashable, Sendable {
    public var month: Int
    public var day: Int
    public var name: BilingualText
    public var legalBasis: String
    public var effectiveFrom: LocalDate?

    public init(month: Int, day: Int, name: BilingualText, legalBasis: String, effectiveFrom: LocalDate?) {
        self.month = month
        self.day = day
        self.name = name
        self.legalBasis = legalBasis
        self.effectiveFrom = effectiveFrom
    }

    public static let cultureDay = PendingHoliday(
        month: 11,
        day: 24,
        name: BilingualText(vi: "Ngày Văn hóa Việt Nam", en: "Vietnamese Culture Day"),
        legalBasis: "Resolution 80-NQ/TW (2026); pending amendment of Labor Code 2019 Art. 112(1)",
        effectiveFrom: nil
    )
}
