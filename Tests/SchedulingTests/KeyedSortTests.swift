import PropertyBased
import TestSupport
import Testing

@testable import Scheduling

/// Sorting by key moves elements along the permutation's cycles in place; it must give what
/// the standard library's stable sort gives, ties in their original order.
@Suite("Sorting by key")
struct KeyedSortTests {
    @Test("hand cases: empty, one, already sorted, reversed, ties kept in order, one long cycle")
    func handCases() {
        func sortedByFirst(_ items: [(Int, String)]) -> [String] {
            var copy = items
            copy.sort(byKey: { $0.0 }, <)
            return copy.map(\.1)
        }
        #expect(sortedByFirst([]) == [])
        #expect(sortedByFirst([(1, "a")]) == ["a"])
        #expect(sortedByFirst([(1, "a"), (2, "b"), (3, "c")]) == ["a", "b", "c"])
        #expect(sortedByFirst([(3, "c"), (2, "b"), (1, "a")]) == ["a", "b", "c"])
        #expect(sortedByFirst([(2, "x"), (1, "a"), (2, "y"), (1, "b"), (2, "z")]) == ["a", "b", "x", "y", "z"])
        // Position k holds what belongs at k + 1: a single cycle through all five.
        #expect(sortedByFirst([(5, "e"), (1, "a"), (2, "b"), (3, "c"), (4, "d")]) == ["a", "b", "c", "d", "e"])
    }

    @Test("random arrays with many ties: the same as the stable sort (seed printed on failure)")
    func agreesWithStableSort() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            let n = Int.random(in: 0...60, using: &rng)
            let items = (0..<n).map { i in (key: Int.random(in: 0...7, using: &rng), tag: i) }
            var mine = items
            mine.sort(byKey: { $0.key }, <)
            let expected = items.sorted { $0.key < $1.key }
            #expect(mine.map(\.tag) == expected.map(\.tag), "seed \(seed)")
        }
    }

    @Test("large arrays, sorted in two halves on two threads and merged: still the stable sort (seed printed)")
    func largeArraysAgree() async {
        await propertyCheck(count: 4, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            var rng = SeededGenerator(seed: UInt64(seed))
            // Over the size from which the halves are sorted apart; few keys, so ties cross
            // the middle and the merge must take the left half's first.
            let n = [Array<Int>.parallelSortSize, Array<Int>.parallelSortSize + 1, 80_001].randomElement(using: &rng)!
            let items = (0..<n).map { i in (key: Int.random(in: 0...50, using: &rng), tag: i) }
            var mine = items
            mine.sort(byKey: { $0.key }, <)
            let expected = items.sorted { $0.key < $1.key }
            #expect(mine.map(\.tag) == expected.map(\.tag), "seed \(seed)")
        }
    }
}
