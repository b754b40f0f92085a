import Foundation

/// One person's bookings during an assignment run or a plan check (`LoadState`,
/// `Bookings`), kept sorted by start so a clash is found by binary search instead of by
/// reading every booking (issue 17, P2: the assigner's linear scan was 7 % of a national run,
/// called for every candidate of every briefing).
///
/// It answers exactly what `BookingRule.firstClash` over the bookings in the order they were
/// made would: each entry carries the sequence number of its booking, and among the entries
/// that clash the earliest booked is returned. Only starts in `(start − buffer − longest,
/// end + buffer)` can clash (`BookingRule.clash`), where `longest` is the longest booking
/// ever held, so the window is read and nothing else; no assumption that bookings never
/// overlap is needed.
struct BookingTimeline {
    private var starts: [TimeInterval] = []
    private var entries: [(occurrence: Int, sequence: Int)] = []
    /// The longest booking ever made here (never shrinks: a wider window is only slower).
    private var longest: TimeInterval = 0

    var isEmpty: Bool { starts.isEmpty }

    /// The first position whose start is not below `t`.
    private func lowerBound(_ t: TimeInterval) -> Int {
        var (low, high) = (0, starts.count)
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    mutating func insert(_ i: Int, sequence: Int, _ spans: BookingRule.Spans) {
        let start = spans.starts[i].timeIntervalSinceReferenceDate
        let position = lowerBound(start)
        starts.insert(start, at: position)
        entries.insert((i, sequence), at: position)
        longest = max(longest, spans.ends[i].timeIntervalSinceReferenceDate - start)
    }

    /// Removes every entry of occurrence `i` (as `removeAll` does from the booking order).
    mutating func remove(_ i: Int, _ spans: BookingRule.Spans) {
        let start = spans.starts[i].timeIntervalSinceReferenceDate
        var position = lowerBound(start)
        while position < entries.count, starts[position] == start {
            if entries[position].occurrence == i {
                starts.remove(at: position)
                entries.remove(at: position)
            } else {
                position += 1
            }
        }
    }

    /// The earliest-booked entry other than `i` that comes within `buffer` of occurrence `i`.
    func firstClash(with i: Int, _ spans: BookingRule.Spans, buffer: TimeInterval) -> Int? {
        let (start, end) = (spans.starts[i], spans.ends[i])
        var position = lowerBound(start.timeIntervalSinceReferenceDate - buffer - longest)
        var found: (occurrence: Int, sequence: Int)?
        let limit = end.timeIntervalSinceReferenceDate + buffer
        while position < starts.count, starts[position] < limit {
            let j = entries[position].occurrence
            if j != i, BookingRule.clash(start, end, spans.starts[j], spans.ends[j], buffer: buffer),
                found.map({ entries[position].sequence < $0.sequence }) ?? true
            {
                found = entries[position]
            }
            position += 1
        }
        return found?.occurrence
    }
}
