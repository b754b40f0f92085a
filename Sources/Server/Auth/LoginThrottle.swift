import Foundation
import Synchronization

/// Slows repeated failed sign-ins, per account name and per client address (OWASP ASVS
/// 2.2.1). After `freeAttempts` failures a key must wait, doubling from 30 s up to 15 min;
/// a success clears the account's count. Names that do not exist are counted the same way,
/// so the throttle never tells whether an account exists.
final class LoginThrottle: Sendable {
    private struct Entry {
        var failures: Int
        var last: Date
    }

    private let entries = Mutex<[String: Entry]>([:])
    let freeAttempts = 5

    /// Seconds to wait before another attempt for any of `keys`, or nil.
    func wait(for keys: [String], now: Date) -> Int? {
        entries.withLock { entries in
            let waits = keys.compactMap { key -> Int? in
                guard let e = entries[key], e.failures >= freeAttempts else { return nil }
                let backoff = min(30 * (1 << min(e.failures - freeAttempts, 5)), 900)
                let remaining = Double(backoff) - now.timeIntervalSince(e.last)
                return remaining > 0 ? Int(remaining.rounded(.up)) : nil
            }
            return waits.max()
        }
    }

    func failed(_ keys: [String], now: Date) {
        entries.withLock { entries in
            for key in keys {
                var e = entries[key] ?? Entry(failures: 0, last: now)
                // Forget failures older than a day.
                if now.timeIntervalSince(e.last) > 86_400 { e.failures = 0 }
                e.failures += 1
                e.last = now
                entries[key] = e
            }
        }
    }

    func succeeded(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
