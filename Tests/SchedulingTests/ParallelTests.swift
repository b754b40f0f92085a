import Foundation
import Testing

@testable import Scheduling

/// `Parallel.both` runs its second piece on a thread, or on the caller's when the thread has
/// not begun by the time the first piece is done; either way each piece runs exactly once
/// and both results come back in place.
@Suite("Two pieces of work at once")
struct ParallelTests {
    @Test("a trivial first piece (the caller usually takes the second) and a slow one (the thread does)")
    func bothResultsOnce() {
        let runs = Counter()
        for n in 0..<300 {
            let (a, b) = Parallel.both(when: true) {
                n * 2
            } _: {
                runs.add()
                return "\(n)"
            }
            #expect(a == n * 2 && b == "\(n)")
        }
        let (slow, other) = Parallel.both(when: true) {
            Thread.sleep(forTimeInterval: 0.05)
            return "first"
        } _: {
            runs.add()
            return "second"
        }
        #expect(slow == "first" && other == "second")
        // Each second piece ran once: a thread that starts after the caller took it does nothing.
        Thread.sleep(forTimeInterval: 0.2)
        #expect(runs.value == 301)
        // Below the size that pays for a thread, both run here, in order.
        let (x, y) = Parallel.both(when: false) {
            1
        } _: {
            2
        }
        #expect(x == 1 && y == 2)
    }
}

/// A count shared by the pieces' threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
