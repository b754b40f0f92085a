// Benchmarks (not tests): national-scale planning, feed export, a 10,000-event database.
// Run through `make bench`; results and commands are recorded in BENCHMARKS.md.
import Feeds
import Foundation
import ICalendar
import PlanFile
import Scheduling
import Server
import Store

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else {
    print(
        "usage: PodiumBench national [SCALE] | feed OUT.ics SPEC.tsv [SCALE] | fairness OUT.json | seed-db PATH [SCALE] | floor FILE URL-PATH PORT"
    )
    exit(2)
}

func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

var rng = Bench.Generator(seed: 2024)

switch mode {
case "national":
    let plan = Bench.national(&rng, scale: arguments.count > 1 ? max(1, Int(arguments[1]) ?? 1) : 1)
    let from = LocalDateTime(year: 2025, month: 1, day: 1, hour: 0, minute: 0).asUTCDate
    let to = LocalDateTime(year: 2027, month: 1, day: 1, hour: 0, minute: 0).asUTCDate
    var occurrences: [Occurrence] = []
    var outcome: AssignmentOutcome?
    var findings: [Finding] = []
    let calendar = WorkingCalendar(years: 2024...2027)
    let engine = OccurrenceEngine(calendar: calendar)
    // The national rules, from the repository (make bench runs there).
    let rules = try PlanReader.readRules(
        try String(contentsOfFile: "calendars/rules/vietnam.yaml", encoding: .utf8),
        file: "calendars/rules/vietnam.yaml"
    )
    let tExpand = try seconds { occurrences = try engine.occurrences(in: plan.schedule, from: from, to: to) }
    FileHandle.standardError.write(
        Data("expanded \(occurrences.count) in \(tExpand) s, peak \(peakMemoryMB()) MB\n".utf8)
    )
    let tAssign = seconds { outcome = AutoAssigner(searchLimit: 20_000).assign(occurrences, roster: plan.roster) }
    FileHandle.standardError.write(
        Data("assigned in \(tAssign) s, uncovered \(outcome!.uncovered.count), peak \(peakMemoryMB()) MB\n".utf8)
    )
    // Why briefings stayed uncovered, by the first refusal's kind (a sanity check on the data).
    var why: [String: Int] = [:]
    for reasons in outcome!.uncovered.values {
        let kinds = Set(reasons.filter { $0.key != AssignmentOutcome.everyoneElse }.values.map { "\($0)".prefix(24) })
        why[kinds.sorted().joined(separator: " | "), default: 0] += 1
    }
    for (k, n) in why.sorted(by: { $0.value > $1.value }).prefix(5) {
        FileHandle.standardError.write(Data("  uncovered \(n): \(k)\n".utf8))
    }
    var roster = plan.roster
    for (k, v) in outcome!.assignments { roster.assignments[k] = v }
    let tCheck = seconds {
        findings = PlanChecker(calendar: calendar, officeHours: [.phuYen2021], rules: rules).check(
            occurrences,
            schedule: plan.schedule,
            roster: roster,
            window: try! PlanWindow(
                from: LocalDate(year: 2025, month: 1, day: 1),
                to: LocalDate(year: 2027, month: 1, day: 1)
            )
        )
    }
    // What the check found, by rule (a sanity check on the data, like the line above).
    let byRule = Dictionary(grouping: findings, by: \.rule).mapValues(\.count).sorted { $0.value > $1.value }
    FileHandle.standardError.write(
        Data("  findings: \(byRule.map { "\($0.key) \($0.value)" }.joined(separator: ", "))\n".utf8)
    )
    print(
        """
        {"people": \(plan.roster.people.count), "series": \(plan.schedule.series.count), "adhoc": \(plan.schedule.adHoc.count), \
        "occurrences": \(occurrences.count), "assigned": \(outcome!.assignments.count), "uncovered": \(outcome!.uncovered.count), \
        "findings": \(findings.count), "expand_s": \(tExpand), "assign_s": \(tAssign), "check_s": \(tCheck), \
        "total_s": \(tExpand + tAssign + tCheck), "peak_mb": \(peakMemoryMB())}
        """
    )
case "feed":
    // 2,000 series × (master + 3 moved overrides + 2 cancellations) + 2,000 ad-hoc = 10,000 VEVENTs.
    let schedule = Bench.feedSchedule(&rng, scale: arguments.count > 3 ? max(1, Int(arguments[3]) ?? 1) : 1)
    let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2025...2027))
    let options = FeedOptions(
        now: LocalDateTime(year: 2026, month: 1, day: 1, hour: 0, minute: 0).asUTCDate,
        defaultChangeTime: LocalDateTime(year: 2025, month: 12, day: 1, hour: 0, minute: 0).asUTCDate
    )
    let builder = FeedBuilder(engine: engine)
    var calendarValue: ICalCalendar?
    let tBuild = try seconds {
        calendarValue = try builder.calendar(for: schedule, audience: .internal, options: options)
    }
    var text = ""
    var tSerialise = Double.infinity
    for _ in 0..<5 {
        tSerialise = min(tSerialise, try seconds { text = try ICalendarWriter.serialise(calendarValue!) })
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: arguments[1]))
    try Data(Bench.spec(calendarValue!).utf8).write(to: URL(fileURLWithPath: arguments[2]))
    print(
        """
        {"events": \(calendarValue!.events.count), "bytes": \(text.utf8.count), "build_from_schedule_s": \(tBuild), \
        "serialise_s": \(tSerialise), "peak_mb": \(peakMemoryMB())}
        """
    )
case "fairness":
    // Small instances for the fairness comparison with an exact optimum (bench/fairness.py).
    var out: [[String: Any]] = []
    for n in [20, 50, 100, 200] {
        let (occurrences, roster) = Bench.fairnessInstance(&rng, occurrences: n)
        let outcome = AutoAssigner().assign(occurrences, roster: roster)
        let weights = LoadWeights()
        out.append([
            "occurrences": occurrences.map { o in
                [
                    "id": o.id.rawValue, "start": o.startInstant.timeIntervalSince1970,
                    "end": o.endInstant.timeIntervalSince1970,
                    "weight": weights.weight(o), "week": (o.start.date.daysSinceEpoch + 3) / 7,
                    "candidates": roster.people.values.filter { p in
                        p.entitlements.contains { $0.covers(agency: o.organizer, topic: o.topic, on: o.start.date) }
                            && o.languages.isSubset(of: p.languages)
                    }.map(\.id.rawValue).sorted(),
                ] as [String: Any]
            },
            "people": roster.people.values.map {
                ["id": $0.id.rawValue, "maxPerWeek": $0.maxPerWeek, "buffer": $0.bufferMinutes * 60] as [String: Any]
            },
            "greedy": Dictionary(
                uniqueKeysWithValues: outcome.assignments.compactMap { k, v in
                    v.primary.map { (k.rawValue, $0.person.rawValue) }
                }
            ),
        ])
    }
    try JSONSerialization.data(withJSONObject: out).write(to: URL(fileURLWithPath: arguments[1]))
    print("{\"instances\": \(out.count)}")
case "seed-db":
    let store = try PodiumStore.open(path: arguments[1], create: true)
    let schedule = Bench.databaseSchedule(&rng, scale: arguments.count > 2 ? Int(arguments[2]) ?? 1 : 1)
    let at = Date(timeIntervalSince1970: 1_760_000_000)
    _ = try store.importPlan(
        agencies: Array(schedule.agencies.values),
        venues: Array(schedule.venues.values),
        series: Array(schedule.series.values),
        adHoc: Array(schedule.adHoc.values),
        decisions: [],
        actor: "bench",
        at: at
    )
    print("{\"api_token\": \"\(try store.issueToken(kind: .api, subject: "bench", at: at))\"}")
    let engine = OccurrenceEngine(calendar: WorkingCalendar(years: 2025...2027))
    let n = try engine.occurrences(
        in: schedule,
        from: LocalDateTime(year: 2025, month: 1, day: 1, hour: 0, minute: 0).asUTCDate,
        to: LocalDateTime(year: 2027, month: 1, day: 1, hour: 0, minute: 0).asUTCDate
    ).count
    print("{\"events\": \(n)}")
case "floor":
    // The bare Hummingbird route bench/http.sh measures podium serve against.
    guard arguments.count == 4, let port = Int(arguments[3]) else {
        print("usage: PodiumBench floor FILE URL-PATH PORT")
        exit(2)
    }
    try await FloorServer.run(
        body: try Data(contentsOf: URL(fileURLWithPath: arguments[1])),
        path: arguments[2],
        port: port
    )
default:
    print("unknown mode \(mode)")
    exit(2)
}
