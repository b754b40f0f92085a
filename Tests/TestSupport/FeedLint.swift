import Foundation
import ICalendar

/// The feed checks no independent tool does (icalendar.md §4): every TZID has a VTIMEZONE
/// and is an IANA name; no line over 75 octets; no control bytes; CRLF everywhere; every
/// RECURRENCE-ID is an occurrence of its master; every DTSTART lies in its own RRULE's
/// expansion. Returns the problems found (empty when the feed is sound).
public enum FeedLint {
    public static func problems(_ text: String) -> [String] {
        var out: [String] = []
        let bytes = Array(text.utf8)
        if !text.hasSuffix("\r\n") { out.append("does not end with CRLF") }
        for (n, line) in text.components(separatedBy: "\r\n").enumerated() {
            if line.utf8.count > 75 { out.append("line \(n + 1) has \(line.utf8.count) octets") }
            if line.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
                out.append("line \(n + 1) has a control byte")
            }
        }
        if bytes.contains(0x0A)
            && bytes.indices.contains(where: { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) })
        {
            out.append("a bare LF")
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        var declared: Set<String> = []
        var used: Set<String> = []
        for line in unfolded.components(separatedBy: "\r\n") {
            if line.hasPrefix("TZID:") { declared.insert(String(line.dropFirst(5))) }
            if let r = line.range(of: ";TZID=") {
                used.insert(String(line[r.upperBound...].prefix { $0 != ":" && $0 != ";" }))
            }
        }
        for tzid in used.subtracting(declared).sorted() { out.append("TZID \(tzid) has no VTIMEZONE") }
        for tzid in declared.union(used).sorted() where !TimeZones.isKnown(tzid) || tzid.hasPrefix("/") {
            out.append("TZID \(tzid) is not an IANA name")
        }
        guard let calendar = try? ICalendarParser.parse(text) else { return out + ["does not parse"] }
        let masters = Dictionary(
            calendar.events.filter { $0.recurrenceID == nil }.map { ($0.uid, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        let far = Date(timeIntervalSince1970: 4_102_444_800)
        for e in calendar.events {
            if let rule = e.recurrenceRule {
                let set = RecurrenceSet(start: e.start, rule: rule)
                let t = (try? TimeZones.instant(of: e.start)) ?? far
                let hit = (try? set.instances(from: t, to: t.addingTimeInterval(1)))?.isEmpty == false
                if !hit { out.append("\(e.uid): DTSTART is not in its RRULE's expansion") }
            }
            if let rid = e.recurrenceID {
                guard let master = masters[e.uid], let rule = master.recurrenceRule else {
                    out.append("\(e.uid): RECURRENCE-ID without a recurring master")
                    continue
                }
                let t = (try? TimeZones.instant(of: rid)) ?? far
                let set = RecurrenceSet(start: master.start, rule: rule, recurrenceDates: master.recurrenceDates)
                let hit = (try? set.instances(from: t, to: t.addingTimeInterval(1)))?.isEmpty == false
                if !hit { out.append("\(e.uid): RECURRENCE-ID \(rid) is not an occurrence of the master") }
                if master.exceptionDates.contains(rid) {
                    out.append("\(e.uid): RECURRENCE-ID \(rid) is also an EXDATE")
                }
            }
        }
        return out
    }
}
