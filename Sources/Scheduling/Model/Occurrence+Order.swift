import Foundation

extension Occurrence {
    /// The order occurrences are listed, checked and assigned in: by start, then id (ids
    /// are unique, so the order is total).
    var startOrderKey: (Date, OccurrenceID) { (startInstant, id) }
}

extension [Occurrence] {
    /// Whether each occurrence comes after the one before it by `startOrderKey`: the order
    /// the engine returns. Compares the ids only when the starts tie, and by index, because
    /// iterating an array copies each element.
    var isInStartOrder: Bool {
        var i = 1
        while i < count {
            let (earlier, later) = (self[i - 1].startInstant, self[i].startInstant)
            guard earlier < later || (earlier == later && self[i - 1].id < self[i].id) else { return false }
            i += 1
        }
        return true
    }

    /// The occurrences that take place, by start then id — the array itself, not a copy, when
    /// it already is (the engine's output always is; copying a national plan's 150,000
    /// occurrences to filter and sort them again was 4 % of the national run, issue 17, P2).
    func happeningInStartOrder() -> [Occurrence] {
        if indices.allSatisfy({ self[$0].isHappening }), isInStartOrder { return self }
        var happening = filter(\.isHappening)
        happening.sort(byKey: { $0.startOrderKey }, <)
        return happening
    }
}
