import Foundation
import ICalendar
public import Scheduling

/// An absence, as the API takes it: whole days in Vietnam time, `to` inclusive.
public struct AbsenceBody: APIBody {
    public var from: String
    public var to: String
    public var kind: Unavailability.Kind
    public var reason: String?
    public static var annotations: [String: BodyAnnotation] { ["from": .format("date"), "to": .format("date")] }

    public init(from: String, to: String, kind: Unavailability.Kind, reason: String? = nil) {
        self.from = from
        self.to = to
        self.kind = kind
        self.reason = reason
    }

    /// The engine value: from the first day's midnight to the midnight after the last, in
    /// the plan's zone.
    public func unavailability() throws(BodyError) -> Unavailability {
        guard let first = LocalDate(iso: from), let last = LocalDate(iso: to), first <= last else {
            throw BodyError(.refused, "from, to: days YYYY-MM-DD, from not after to")
        }
        do {
            let start = try TimeZones.instant(
                of: LocalDateTime(first, hour: 0, minute: 0),
                in: RegularSeries.defaultTimeZone
            )
            let end = try TimeZones.instant(
                of: LocalDateTime(last.adding(days: 1), hour: 0, minute: 0),
                in: RegularSeries.defaultTimeZone
            )
            return Unavailability(start: start, end: end, kind: kind, reason: reason)
        } catch {
            throw BodyError(.refused, "from, to: \(error)")
        }
    }
}
