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
