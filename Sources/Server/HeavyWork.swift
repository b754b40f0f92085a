import Dispatch

/// Checks and automatic assignment over long windows are CPU work of seconds. Run on the
/// server's cooperative threads they would stall every feed request behind them (four
/// checks over a huge window held the public feed for 10 s on two cores). They run instead
/// one at a time on their own serial queue, so at most one core is busy with them while the
/// feeds keep being served.
enum HeavyWork {
    private static let queue = DispatchQueue(label: "podium.heavy-work", qos: .utility)

    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// The longest window a request may ask the checks for (days).
    static let maximumWindowDays = 3 * 366
}
