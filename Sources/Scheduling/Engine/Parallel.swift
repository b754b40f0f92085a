import Foundation

/// Two independent pieces of pure work at once, on the machine's second core.
///
/// The plan check's people pass and its calendar and law passes read the same occurrences
/// and share nothing else; on a national plan each takes about half a second, and the target
/// machine has two cores (issue 17, P2). The second piece runs on its own thread (not a task:
/// callers are synchronous, and a cooperative thread blocked waiting for another task could
/// wait for ever on a busy pool); the hand-over is a condition variable, so the result is
/// read only after it was written. Whichever side comes first takes the second piece: if the
/// thread has not begun by the time the first piece is done (or could not be made at all),
/// the caller runs it itself and the thread, should it start later, does nothing — so the
/// call can never wait for a thread that does not exist. Small inputs run on the caller's
/// thread alone: a thread costs more than it saves there.
enum Parallel {
    /// From this many briefings on, a pass over them (the check's, the assigner's sifting
    /// and explanations) is worth a second thread.
    static let manyBriefings = 5_000

    static func both<A, B: Sendable>(
        when worthIt: Bool,
        _ first: () -> A,
        _ second: @escaping @Sendable () -> B
    ) -> (A, B) {
        guard worthIt else { return (first(), second()) }
        let handoff = Handoff<B>()
        let thread = Thread {
            guard handoff.take() else { return }
            let value = second()
            handoff.condition.lock()
            handoff.value = value
            handoff.condition.signal()
            handoff.condition.unlock()
        }
        thread.start()
        let a = first()
        if handoff.take() { return (a, second()) }
        handoff.condition.lock()
        defer { handoff.condition.unlock() }
        while handoff.value == nil { handoff.condition.wait() }
        return (a, handoff.value!)
    }

    /// The second piece's state, touched only under `condition`: whether a side has taken
    /// it, and its result once the thread wrote it.
    private final class Handoff<B: Sendable>: @unchecked Sendable {
        let condition = NSCondition()
        var value: B?
        private var taken = false

        /// Claims the second piece; false when the other side already did.
        func take() -> Bool {
            condition.lock()
            defer { condition.unlock() }
            if taken { return false }
            taken = true
            return true
        }
    }
}
