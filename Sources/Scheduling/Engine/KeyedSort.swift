extension Sequence {
    /// Sorted by a key computed once per element, each element moved once. A sort moves its
    /// elements many times, and an `Occurrence` or a `Finding` is a large value of strings
    /// and sets: sorting their positions by key instead took the national plan's sorts from
    /// 11 % of its time (`perf`, issue 17, P2). Stable, like `sorted(by:)`.
    func sorted<Key>(byKey key: (Element) -> Key, _ less: (Key, Key) -> Bool) -> [Element] {
        let items = Array(self)
        let keys = items.map(key)
        return items.indices.sorted { less(keys[$0], keys[$1]) }.map { items[$0] }
    }
}
