public import Foundation

/// Who reads: the one place that decides what each kind of reader may see of an item.
///
/// - the public (public page and feeds, agency feeds): public items that are not drafts,
///   once their embargo has lifted;
/// - accredited press (their private page and feed, by revocable token): public and
///   press-only items, embargoed ones included *with* their embargo time — a press embargo
///   means the press gets it early and the public later;
/// - the secretariat: everything.
public enum Reader: String, Hashable, Sendable, CaseIterable {
    case `public`
    case press
    case secretariat

    /// Whether this reader may see an item with these attributes at `now`.
    public func sees(visibility: Visibility, status: BriefingStatus, embargoUntil: Date?, now: Date) -> Bool {
        switch self {
        case .secretariat: return true
        case .press: return visibility != .internal && status != .draft
        case .public:
            return visibility == .public && status != .draft && (embargoUntil.map { $0 <= now } ?? true)
        }
    }
}

extension Occurrence {
    /// Whether `reader` may see this occurrence at `now`.
    public func isVisible(to reader: Reader, at now: Date) -> Bool {
        reader.sees(visibility: visibility, status: status, embargoUntil: embargoUntil, now: now)
    }
}
