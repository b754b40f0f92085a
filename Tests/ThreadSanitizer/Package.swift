// swift-tools-version:6.1
// A small package for `make tsan`: the libical concurrency stress test and the engine's
// two-thread expansion and check under ThreadSanitizer build only ICalendar, CLibical and
// Scheduling, not the whole product (Hummingbird, NIO and BoringSSL under TSan would take
// most of a CI run).
import PackageDescription

let package = Package(
    name: "podium-tsan",
    dependencies: [.package(name: "podium", path: "../..")],
    targets: [
        .testTarget(
            name: "ICalendarStressTests",
            dependencies: [.product(name: "ICalendar", package: "podium")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .testTarget(
            name: "SchedulingStressTests",
            dependencies: [
                .product(name: "Scheduling", package: "podium"), .product(name: "ICalendar", package: "podium"),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
