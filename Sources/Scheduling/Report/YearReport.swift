public import ICalendar

/// The yearly report on press and spokesperson work (docs/outcomes.md): every number the
/// document prints, computed once, so HTML, PDF, CSV and JSON cannot disagree. Encodes to the
/// JSON `podium report --format json` writes.
public struct YearReport: Hashable, Sendable, Codable {
    public var year: Int
    /// The agency reported on (with its departments); nil for every agency in the plan.
    public var agency: String?
    public var agencyName: BilingualText
    public var agencies: [String]
    public var narrative: ReportNarrative
    public var summary: Summary
    public var compliance: [ComplianceRow]
    public var adHoc: AdHocSection
    public var spokespeople: SpeakerSection
    public var press: PressSection
    /// Occurrences that took place by the end of the year without a recorded outcome.
    public var unrecorded: [String]

    public struct Count: Hashable, Sendable, Codable {
        public var key: String
        public var label: String
        public var planned: Int
        public var held: Int
    }

    public struct Summary: Hashable, Sendable, Codable {
        /// Every occurrence of the year that was published (cancelled ones included).
        public var planned: Int
        public var held: Int
        public var notHeld: Int
        public var postponed: Int
        public var cancelled: Int
        public var moved: Int
        public var unrecorded: Int
        public var byForm: [Count]
        public var byAgency: [Count]
        /// Twelve entries, January first; `key` is the month number.
        public var byMonth: [Count]
        /// Moved, cancelled, not held and postponed briefings, with their reasons.
        public var changes: [ChangeLine]
    }

    public struct ChangeLine: Hashable, Sendable, Codable {
        public var occurrence: String
        public var title: BilingualText
        public var date: String
        /// moved | cancelled | not-held | postponed
        public var kind: String
        public var reason: String
    }

    public struct ComplianceRow: Hashable, Sendable, Codable {
        public var rule: String
        public var title: BilingualText
        public var basis: String
        public var agency: String
        public var agencyName: String
        public var periods: [PeriodCell]
        public var met: Int

        /// Periods that ended without the rule being met.
        public var unmet: Int { periods.filter { !$0.met && !$0.pending }.count }
    }

    public struct PeriodCell: Hashable, Sendable, Codable {
        public var from: String
        /// The last day of the period.
        public var to: String
        public var label: String
        public var met: Bool
        /// Not met, but the period has not ended yet when the report is made.
        public var pending: Bool
        /// How many held briefings counted for it.
        public var counted: Int
        public var finding: String?
    }

    public struct AdHocLine: Hashable, Sendable, Codable {
        public var briefing: String
        public var title: BilingualText
        public var trigger: String
        public var triggeredAt: String
        public var firstStatementAt: String
        /// Hours from the trigger to the first statement, to one decimal.
        public var hours: Double
        public var deadlineHours: Int
        public var met: Bool
        public var basis: String?
    }

    public struct Bucket: Hashable, Sendable, Codable {
        public var label: String
        /// Upper bound in hours (inclusive); nil for the last bucket.
        public var upTo: Int?
        public var count: Int
    }

    public struct AdHocSection: Hashable, Sendable, Codable {
        public var briefings: [AdHocLine]
        public var distribution: [Bucket]
        public var met: Int
    }

    public struct SpeakerLoad: Hashable, Sendable, Codable {
        public var person: String?
        public var name: String
        public var role: String
        public var count: Int
        public var minutes: Int
    }

    public struct BackupLine: Hashable, Sendable, Codable {
        public var occurrence: String
        public var assigned: String
        public var spoke: String
    }

    public struct SpeakerSection: Hashable, Sendable, Codable {
        public var load: [SpeakerLoad]
        /// Held briefings where a backup spoke instead of the assigned primary.
        public var backupsUsed: [BackupLine]
        /// Swaps of the speaker recorded for the held briefings (`podium swap`, or offered,
        /// taken and approved).
        public var swaps: Int
        public var swapped: [String]
        /// Declines by an assigned spokesperson, for the held briefings.
        public var declines: Int
    }

    public struct PressMonth: Hashable, Sendable, Codable {
        public var month: Int
        /// Held briefings with attendance recorded.
        public var briefings: Int
        public var agencies: Int
        public var journalists: Int
        public var foreignAgencies: Int
        public var foreignJournalists: Int
        public var questionsReceived: Int
        public var questionsAnswered: Int
    }

    public struct FollowUpLine: Hashable, Sendable, Codable {
        public var occurrence: String
        public var outlet: String
        public var question: String
        public var promised: String
        public var answered: String?
        /// answered-late | overdue | open, as at the end of the year.
        public var status: String
    }

    public struct PressSection: Hashable, Sendable, Codable {
        /// The day follow-ups are judged on: 31 December, or the report's day if earlier.
        public var judgedOn: String
        public var byMonth: [PressMonth]
        public var total: PressMonth
        public var followUps: Int
        public var answeredOnTime: Int
        public var answeredLate: Int
        /// Not answered by the end of the year.
        public var stillOpen: Int
        /// The late and still open ones.
        public var attention: [FollowUpLine]
    }
}

/// The parts of the report people write (Decree 30/2020/NĐ-CP, Appendix I: the issuing
/// agency, number, place and date; then the body), kept per year and agency and edited in
/// the workspace before export.
public struct ReportNarrative: Hashable, Sendable, Codable {
    public var number: String
    public var date: LocalDate?
    public var place: String
    public var achievements: String
    public var shortcomings: String
    public var directions: String
    /// Who signs (title and name), e.g. "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A".
    public var signer: String

    public init(
        number: String = "",
        date: LocalDate? = nil,
        place: String = "",
        achievements: String = "",
        shortcomings: String = "",
        directions: String = "",
        signer: String = ""
    ) {
        self.number = number
        self.date = date
        self.place = place
        self.achievements = achievements
        self.shortcomings = shortcomings
        self.directions = directions
        self.signer = signer
    }
}
