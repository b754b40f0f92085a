import Foundation

/// SplitMix64: a small, fast, reproducible random source for generated test data, so a
/// failing run can be replayed from the seed it prints.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// A generator for one random test: the seed comes from `PODIUM_SEED` when set (to replay
    /// a failure), else at random; either way it is printed before the test uses it, so a run
    /// that crashes still tells how to reproduce it.
    public static func forTest(_ name: String) -> SeededGenerator {
        let given = ProcessInfo.processInfo.environment["PODIUM_SEED"].flatMap { UInt64($0) }
        let seed = given ?? UInt64.random(in: 1...UInt64.max)
        print("\(name): seed \(seed) (replay with PODIUM_SEED=\(seed))")
        return SeededGenerator(seed: seed)
    }
}
