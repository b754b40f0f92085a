import ICalendar

/// Everything the engine plans over: agencies, venues, regular series and ad-hoc briefings.
/// A plain value; the store loads it and the engine reads it.
public struct Schedule: Sendable {
    public var agencies: [Agency.ID: Agency]
    public var venues: [Venue.ID: Venue]
    public var series: [RegularSeries.ID: RegularSeries]
    public var adHoc: [AdHocBriefing.ID: AdHocBriefing]

    public init(
        agencies: [Agency] = [],
        venues: [Venue] = [],
        series: [RegularSeries] = [],
        adHoc: [AdHocBriefing] = []
    ) {
        self.agencies = Dictionary(agencies.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        self.venues = Dictionary(venues.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        self.series = Dictionary(series.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
        self.adHoc = Dictionary(adHoc.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
    }
}

extension Schedule {
    /// The years whose days off an engine over this schedule must know: from the year before
    /// the earlier of the window and the first series start (a holiday policy can move an
    /// occurrence across New Year), to two years after the later of the window and the last
    /// start. The one place that decides which holiday years to load.
    /// - Parameter window: the years a command or page looks at; nil for the schedule's own.
    public func calendarYears(for window: ClosedRange<Int>? = nil) -> ClosedRange<Int> {
        let starts = series.values.map(\.start.date.year) + adHoc.values.map(\.start.date.year)
        let first = min(window?.lowerBound ?? Int.max, starts.min() ?? Int.max)
        let last = max(window?.upperBound ?? Int.min, starts.max() ?? Int.min)
        guard first <= last else { return 2000...2000 }
        return (first - 1)...(last + 2)
    }
}

extension Schedule {
    /// Whether the agency, or one above it, has its editors' new items wait for approval.
    public func requiresApproval(_ id: Agency.ID) -> Bool {
        var current: Agency.ID? = id
        var steps = 0
        while let c = current, let a = agencies[c], steps < 64 {
            if a.requiresApproval { return true }
            current = a.parent
            steps += 1
        }
        return false
    }

    /// The status a new item of `organizer` gets: a draft when the agency requires approval
    /// and its author may not approve, else scheduled.
    public func initialStatus(for organizer: Agency.ID, authorMayApprove: Bool) -> BriefingStatus {
        requiresApproval(organizer) && !authorMayApprove ? .draft : .scheduled
    }
}

extension Schedule {
    /// The agency that organises the occurrence an id names, read from the id alone (an
    /// ad-hoc id, or `<series>@<original start>`) without expanding any rule: what every
    /// door needs to authorize a request about an occurrence, or to filter a list of them
    /// by the reader's scope. Nil when no series or briefing has that id.
    public func organizer(of id: OccurrenceID) -> Agency.ID? {
        if let b = adHoc[AdHocBriefing.ID(id.rawValue)] { return b.organizer }
        guard let at = id.rawValue.lastIndex(of: "@") else { return nil }
        return series[RegularSeries.ID(String(id.rawValue[..<at]))]?.organizer
    }
}
