// swift-tools-version:6.1
// libFuzzer harnesses for Podium's input readers (`make fuzz`; a short run is part of
// `make test`). Its own package, like Tests/ThreadSanitizer, so only the readers and what
// they need (ICalendar, Scheduling, Feeds, PlanFile, Yams) are built with
// `-sanitize=fuzzer,address`, never the server (the API's bodies are their own target,
// APIBodies, for this). Build and run through `run.sh`:
//
//   swift build --scratch-path .build -Xswiftc -sanitize=fuzzer,address
//
// Each harness is one file (no main.swift, no top-level code: `-parse-as-library` below)
// exporting `LLVMFuzzerTestOneInput`. libFuzzer's own `main` cannot be used as is: SwiftPM
// (tools ≥ 5.5) compiles an executable target with `-entry-point-function-name
// <Target>_main` and links it with `--defsym main=<Target>_main`, so linking fails with
// "undefined symbol 'FuzzICS_main'" when nothing defines that symbol. So each harness
// defines `@_cdecl("<Target>_main")`, which hands argc/argv to libFuzzer's documented
// `LLVMFuzzerRunDriver` (declared for Swift by the CLibFuzzer module map; the symbol comes
// from the `-sanitize=fuzzer` runtime, whose own `main` is then simply not linked in).
// Renaming a target means renaming its `_main` symbol too (the link fails loudly if not).
import PackageDescription

let harness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-parse-as-library"]),
]

let package = Package(
    name: "podium-fuzz",
    dependencies: [.package(name: "podium", path: "../..")],
    targets: [
        // Declaration of libFuzzer's LLVMFuzzerRunDriver (header only, no library to find).
        .systemLibrary(name: "CLibFuzzer"),
        // iCalendar text → ICalendarParser, strict and lenient.
        .executableTarget(
            name: "FuzzICS",
            dependencies: ["CLibFuzzer", .product(name: "ICalendar", package: "podium")],
            swiftSettings: harness
        ),
        // A lenient parse, then CalendarImport.schedule and CalendarImport.holidays.
        .executableTarget(
            name: "FuzzImport",
            dependencies: [
                "CLibFuzzer",
                .product(name: "ICalendar", package: "podium"),
                .product(name: "PodiumInputs", package: "podium"),
            ],
            swiftSettings: harness
        ),
        // Plan, holiday and rules YAML → PlanReader.
        .executableTarget(
            name: "FuzzPlan",
            dependencies: ["CLibFuzzer", .product(name: "PodiumInputs", package: "podium")],
            swiftSettings: harness
        ),
        // Every JSON body of the API → APIBodies' decoding and engine values, and a round trip.
        .executableTarget(
            name: "FuzzAPI",
            dependencies: ["CLibFuzzer", .product(name: "PodiumInputs", package: "podium")],
            swiftSettings: harness
        ),
        // RRULE text → RecurrenceRule, then a bounded RecurrenceSet expansion.
        .executableTarget(
            name: "FuzzRRule",
            dependencies: ["CLibFuzzer", .product(name: "ICalendar", package: "podium")],
            swiftSettings: harness
        ),
    ],
    swiftLanguageModes: [.v6]
)
