extension Array {
    /// Sorts by a key computed once per element, then moves each element into place along
    /// the permutation's cycles — no second array. A sort by comparisons of the elements
    /// themselves copies them at every comparison, and an `Occurrence` or a `Finding` is a
    /// large value of strings and sets: sorting positions by key instead took the national
    /// plan's sorts from 11 % of its time, and sorting in place keeps one fewer copy of its
    /// 150,000 occurrences in memory (`perf`, `/proc/self/status`; issue 17, P2). Stable,
    /// like `sort(by:)`.
    ///
    /// Elements are lent, never copied: keys are read through the buffer (iterating the array
    /// hands out a copy of each element, with a retain for each of its strings), and the
    /// cycles swap bytes in the buffer — the array's own `swapAt` copies both elements, and
    /// moving the national plan's 147,584 occurrences into order took 0.10 s that way, 0.02 s
    /// this way.
    ///
    /// A large array's positions are sorted in two halves at once (`Parallel`) and merged.
    mutating func sort<Key: Sendable>(
        byKey key: (borrowing Element) -> Key,
        _ less: @escaping @Sendable (Key, Key) -> Bool
    ) {
        let keys = withUnsafeBufferPointer { elements in elements.indices.map { key(elements[$0]) } }
        // source[k]: the index whose element belongs at position k.
        var source = Self.order(keys, less)
        withUnsafeMutableBufferPointer { elements in
            for start in elements.indices where source[start] != start {
                var k = start
                while source[k] != start {
                    let next = source[k]
                    elements.swapAt(k, next)
                    source[k] = k
                    k = next
                }
                source[k] = k
            }
        }
    }

    /// From this many elements on, a sort uses a second thread.
    static var parallelSortSize: Int { 50_000 }

    /// The positions of `keys` in sorted order, stable: two halves sorted at once and merged
    /// (the left one first on equal keys) when there are many.
    private static func order<Key: Sendable>(_ keys: [Key], _ less: @escaping @Sendable (Key, Key) -> Bool) -> [Int] {
        @Sendable func sorted(_ range: Range<Int>) -> [Int] {
            keys.withUnsafeBufferPointer { keys in range.sorted { less(keys[$0], keys[$1]) } }
        }
        let middle = keys.count / 2
        guard keys.count >= parallelSortSize else { return sorted(0..<keys.count) }
        let (left, right) = Parallel.both(when: true) {
            sorted(0..<middle)
        } _: {
            sorted(middle..<keys.count)
        }
        var merged: [Int] = []
        merged.reserveCapacity(keys.count)
        var (i, j) = (0, 0)
        keys.withUnsafeBufferPointer { keys in
            while i < left.count, j < right.count {
                if less(keys[right[j]], keys[left[i]]) {
                    merged.append(right[j])
                    j += 1
                } else {
                    merged.append(left[i])
                    i += 1
                }
            }
        }
        merged += left[i...]
        merged += right[j...]
        return merged
    }
}
