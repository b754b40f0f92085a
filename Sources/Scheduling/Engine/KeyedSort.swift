extension Array {
    /// Sorts by a key computed once per element, then moves each element into place along
    /// the permutation's cycles — no second array. A sort by comparisons of the elements
    /// themselves copies them at every comparison, and an `Occurrence` or a `Finding` is a
    /// large value of strings and sets: sorting positions by key instead took the national
    /// plan's sorts from 11 % of its time, and sorting in place keeps one fewer copy of its
    /// 150,000 occurrences in memory (`perf`, `/proc/self/status`; issue 17, P2). Stable,
    /// like `sort(by:)`.
    mutating func sort<Key>(byKey key: (Element) -> Key, _ less: (Key, Key) -> Bool) {
        let keys = map(key)
        // source[k]: the index whose element belongs at position k.
        var source = indices.sorted { less(keys[$0], keys[$1]) }
        for start in indices where source[start] != start {
            var k = start
            while source[k] != start {
                let next = source[k]
                swapAt(k, next)
                source[k] = k
                k = next
            }
            source[k] = k
        }
    }
}
