// swift-tools-version:6.1
import PackageDescription

/// Compiler settings every Podium target shares: Swift 6 language mode comes from
/// `swiftLanguageModes`; these upcoming features make imports and existentials explicit,
/// so the compiler proves that no C type leaks out of `ICalendar` (SE-0409).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "podium",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "podium", targets: ["Podium"]),
        // Exported for the small packages that build parts of Podium under a sanitizer:
        // Tests/ThreadSanitizer (ICalendar and the engine's two threads under TSan) and Tests/Fuzz
        // (libFuzzer + ASan).
        .library(name: "ICalendar", targets: ["ICalendar"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
        .library(name: "PodiumInputs", targets: ["PlanFile", "Feeds", "Scheduling", "APIBodies"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.0.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
    ],
    targets: [
        // C boundary: only ICalendar imports this.
        .systemLibrary(name: "CLibical", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        // Safe, Sendable Swift face of libical; knows nothing of press conferences.
        .target(name: "ICalendar", dependencies: ["CLibical"], swiftSettings: strict),
        // The scheduling engine: model, occurrences, working days. No I/O, no clock.
        .target(name: "Scheduling", dependencies: ["ICalendar"], swiftSettings: strict),
        // The one place where the engine meets iCalendar: feeds for every audience.
        .target(name: "Feeds", dependencies: ["Scheduling", "ICalendar"], swiftSettings: strict),
        // The API's request bodies, their schemas (read from the types) and their translation
        // to engine values: no HTTP, so the fuzzer (Tests/Fuzz) can build them.
        .target(name: "APIBodies", dependencies: ["Scheduling", "ICalendar"], swiftSettings: strict),
        // The embedded SQLite store (GRDB): the only GRDB user, and the only swift-crypto user
        // (tokens and sessions are stored as SHA-256 hashes; ETags are digests).
        .target(
            name: "Store",
            dependencies: [
                "Scheduling", "ICalendar", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // `podium serve`: feeds, pages and the JSON API over HTTP; the only Hummingbird,
        // hummingbird-auth (cookie sessions, bcrypt) and swift-mustache (workspace pages) user.
        .target(
            name: "Server",
            dependencies: [
                "Scheduling", "ICalendar", "Feeds", "Store", "PlanFile", "APIBodies",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: strict
        ),
        // Annual plan files and holiday data (YAML) into engine values; the only Yams user.
        .target(
            name: "PlanFile",
            dependencies: ["Scheduling", "ICalendar", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // The `podium` command (every user-facing task; `podium serve` later).
        .executableTarget(
            name: "Podium",
            dependencies: [
                "Scheduling", "ICalendar", "PlanFile", "Feeds", "Store", "Server", "APIBodies",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Developer tool for the leak check (`make memcheck`): build, serialise, parse, free N calendars.
        .executableTarget(name: "ICalendarSoak", dependencies: ["ICalendar"], swiftSettings: strict),
        // Benchmarks (make bench): national-scale planning, feed export, a 10,000-event database.
        .executableTarget(
            name: "PodiumBench",
            dependencies: ["Scheduling", "ICalendar", "Feeds", "Store", "PlanFile", "Server"],
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: ["ICalendar", "Scheduling"],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ICalendarTests",
            dependencies: [
                "ICalendar", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SchedulingTests",
            dependencies: [
                "Scheduling", "ICalendar", "TestSupport", "PlanFile",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Scheduling", "ICalendar", "PlanFile", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Store", "Scheduling", "ICalendar", "PlanFile", "TestSupport", "APIBodies",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "PodiumCLITests", dependencies: ["TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "FeedsTests",
            dependencies: [
                "Feeds", "PlanFile", "Scheduling", "ICalendar", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
