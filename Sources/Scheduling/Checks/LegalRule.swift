public import ICalendar

/// A rule the checks apply, with its legal basis and the dates it is in force
/// (R-LEGAL-VERSIONING, domain.md "What the scheduler should encode").
public struct LegalRule: Hashable, Sendable {
    public var id: String
    public var title: String
    public var basis: String
    public var validFrom: LocalDate
    public var validTo: LocalDate?
    /// The rule's number, where it has one (months, hours).
    public var parameter: Int?

    public init(
        id: String,
        title: String,
        basis: String,
        validFrom: LocalDate,
        validTo: LocalDate? = nil,
        parameter: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.basis = basis
        self.validFrom = validFrom
        self.validTo = validTo
        self.parameter = parameter
    }

    public func isInForce(on date: LocalDate) -> Bool { validFrom <= date && (validTo.map { date <= $0 } ?? true) }

    static let decree09 = LocalDate(year: 2017, month: 3, day: 30)

    /// The rules of Decree 09/2017/NĐ-CP (in force from 30 Mar 2017 until a replacing decree).
    public static let standard: [LegalRule] = [
        LegalRule(
            id: "R-PROV-PRESSCONF-3M",
            title: "A provincial press conference at least every 3 months",
            basis: "Decree 09/2017/NĐ-CP Art. 5(2)(b)",
            validFrom: decree09,
            parameter: 3
        ),
        LegalRule(
            id: "R-PROV-INFO-MONTHLY",
            title: "Periodic press information every month",
            basis: "Decree 09/2017/NĐ-CP Art. 5(2)(a)",
            validFrom: decree09,
            parameter: 1
        ),
        LegalRule(
            id: "R-ADHOC-DEADLINE",
            title: "Ad-hoc statement within the deadline after the trigger",
            basis: "Decree 09/2017/NĐ-CP Art. 6 (\"promptly\"); 24 h default from Decision 25/2013/QĐ-TTg",
            validFrom: decree09,
            parameter: 24
        ),
        LegalRule(
            id: "R-SPOKES-ROLES",
            title: "Only the head, the spokesperson or an authorized person speaks",
            basis: "Decree 09/2017/NĐ-CP Art. 3",
            validFrom: decree09
        ),
        LegalRule(
            id: "R-SPOKES-PUBLISHED",
            title: "Spokesperson's name, title, phone and e-mail published",
            basis: "Decree 09/2017/NĐ-CP Art. 3; Decision 25/2013/QĐ-TTg",
            validFrom: decree09
        ),
        LegalRule(
            id: "R-HOLIDAYS",
            title: "No regular briefing on a day off",
            basis: "Labor Code 2019 Art. 111–112",
            validFrom: LocalDate(year: 2021, month: 1, day: 1)
        ),
        LegalRule(
            id: "R-WORKWEEK",
            title: "Regular briefings within office hours, Monday to Friday",
            basis: "Decision 188/1999/QĐ-TTg; provincial working-hours decision",
            validFrom: LocalDate(year: 1999, month: 9, day: 17)
        ),
    ]
}
