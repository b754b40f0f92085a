/// What the store refuses, each with what and where; nothing is written when one is thrown.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No database at this path, and the command may not create one.
    case missing(path: String)
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// Another process holds the database lock beyond the busy timeout.
    case locked(path: String)
    case cannotOpen(path: String, reason: String)
    /// Optimistic concurrency: the change was based on a revision that is no longer current.
    case conflict(entity: String, id: String, expected: Int, current: Int)
    case notFound(entity: String, id: String)
    /// The change would make the schedule invalid (the engine's reason).
    case invalid(String)
    /// A stored row could not be read back (a bug or a hand-edited database).
    case corrupt(entity: String, id: String, reason: String)
    case database(String)
    /// Outcomes, follow-ups or report texts the rules refuse (docs/outcomes.md): each with the
    /// item's place in the request, so a file reader can name the line.
    case rejected([Rejection])

    public struct Rejection: Hashable, Sendable, CustomStringConvertible {
        /// outcome | follow-up
        public var kind: String
        public var index: Int
        public var item: String
        public var field: String
        public var message: String

        public init(kind: String, index: Int, item: String, field: String, message: String) {
            self.kind = kind
            self.index = index
            self.item = item
            self.field = field
            self.message = message
        }

        public var description: String { "\(kind) \(item): \(field): \(message)" }
    }

    public var description: String {
        switch self {
        case .missing(let p):
            return "\(p): no database here; create one with `podium init --database \(p)` (or check --database)"
        case .notADatabase(let p): return "\(p): not an SQLite database"
        case .locked(let p): return "\(p): the database is locked by another process; try again"
        case .cannotOpen(let p, let reason): return "\(p): cannot open the database: \(reason)"
        case .conflict(let e, let id, let expected, let current):
            return
                "conflict: \(e) \(id) is at revision \(current), the change was based on \(expected); reload and retry"
        case .notFound(let e, let id): return "unknown \(e) \"\(id)\""
        case .invalid(let reason): return reason
        case .corrupt(let e, let id, let reason): return "stored \(e) \(id) cannot be read: \(reason)"
        case .database(let message): return "database error: \(message)"
        case .rejected(let items): return items.map(\.description).joined(separator: "\n")
        }
    }
}
