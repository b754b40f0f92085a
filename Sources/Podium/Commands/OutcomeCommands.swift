import APIBodies
import ArgumentParser
import Foundation
import ICalendar
import PlanFile
import Scheduling
import Server
import Store

/// `podium outcome`: what happened at a briefing (docs/outcomes.md), recorded after it.
struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Record what happened at a briefing: held or not, who spoke, who came, what was asked.",
        subcommands: [Record.self, Show.self, List.self, Import.self]
    )

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record (or replace) the outcome of one occurrence.",
            discussion: """
                Examples:
                  podium outcome record hop-bao-quy@20240404T150000 --result held \\
                    --speaker nguyen-van-an:spokesperson --guest "Bà Lê Thị Hoa:panelist" \\
                    --agencies 22 --journalists 35 --foreign-journalists 2 --received 12 --answered 11
                  podium outcome record giao-ban-bao-chi@20240514T080000 --result not-held --reason "Họp HĐND"
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The occurrence: <series>@<YYYYMMDDTHHMMSS> or an ad-hoc id.") var occurrence: String
        @Option(help: "held | not-held | postponed") var result: String
        @Option(help: "Why it was not held or postponed.") var reason: String?
        @Option(help: "For a postponed briefing: the occurrence that took its place.") var postponedTo: String?
        @Option(help: "Actual start (YYYY-MM-DDTHH:MM, the briefing's zone).") var actualStart: String?
        @Option(help: "Actual end (YYYY-MM-DDTHH:MM).") var actualEnd: String?
        @Option(
            help:
                "Someone on the roster who spoke: ID:ROLE (head, deputy, spokesperson, authorized, chair, panelist, moderator, interpreter); repeatable."
        )
        var speaker: [String] = []
        @Option(help: "A guest who spoke: \"NAME:ROLE\"; repeatable.") var guest: [String] = []
        @Option(help: "Press agencies present.") var agencies: Int?
        @Option(help: "Journalists present.") var journalists: Int?
        @Option(help: "Of which foreign press agencies.") var foreignAgencies: Int?
        @Option(help: "Of which foreign journalists.") var foreignJournalists: Int?
        @Option(help: "Questions received.") var received: Int?
        @Option(help: "Questions answered at the briefing.") var answered: Int?
        @Option(help: "Press release: text or link.") var pressRelease: String?
        @Option(help: "Transcript: text or link.") var transcript: String?
        @Option(help: "Recording: link.") var recording: String?
        @Option(help: "A note.") var note: String?
        @Option(help: "The moment to judge 'has it started' by (YYYY-MM-DD or ISO 8601); default: now.") var asOf:
            String?
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            let target = try ResolvedOccurrence(occurrence, store: store)
            let now = try asOf.map { try ExportCommand.instant($0, option: "--as-of") } ?? Date()
            let outcome = try build(target.occurrence.id)
            let decisions = try DataFiles.holidayDecisions(nil)
            do {
                try target.store.recordOutcome(
                    outcome,
                    decisions: decisions,
                    now: now,
                    actor: target.access.actor,
                    at: Date()
                )
            } catch { throw error.exit }
            if json { return try JSONOutput.print(OutcomeBody(outcome)) }
            print("recorded: \(target.occurrence.id) \(outcome.result.name)")
        }

        func build(_ id: OccurrenceID) throws -> Outcome {
            let r: Outcome.Result
            switch result {
            case "held": r = .held
            case "not-held":
                guard let reason else { throw PodiumExit.badInput("--result not-held needs --reason") }
                r = .notHeld(reason: reason)
            case "postponed":
                guard let reason, let postponedTo else {
                    throw PodiumExit.badInput("--result postponed needs --reason and --postponed-to")
                }
                r = .postponed(to: OccurrenceID(rawValue: postponedTo), reason: reason)
            default: throw PodiumExit.badInput("--result: \"\(result)\" is not one of: held, not-held, postponed")
            }
            var o = Outcome(occurrence: id, result: r, note: note)
            func time(_ text: String?, _ option: String) throws -> LocalDateTime? {
                guard let text else { return nil }
                guard let t = LocalDateTime(iso: text) else {
                    throw PodiumExit.badInput("\(option): \"\(text)\" is not a local date and time (YYYY-MM-DDTHH:MM)")
                }
                return t
            }
            o.actualStart = try time(actualStart, "--actual-start")
            o.actualEnd = try time(actualEnd, "--actual-end")
            for s in speaker {
                let (id, role) = try Self.split(s, option: "--speaker")
                o.speakers.append(Outcome.Speaker(person: Spokesperson.ID(id), role: role))
            }
            for g in guest {
                let (name, role) = try Self.split(g, option: "--guest")
                o.speakers.append(Outcome.Speaker(name: name, role: role))
            }
            if agencies != nil || journalists != nil || foreignAgencies != nil || foreignJournalists != nil {
                guard let agencies, let journalists else {
                    throw PodiumExit.badInput("attendance needs both --agencies and --journalists")
                }
                o.attendance = Outcome.Attendance(
                    agencies: agencies,
                    journalists: journalists,
                    foreignAgencies: foreignAgencies ?? 0,
                    foreignJournalists: foreignJournalists ?? 0
                )
            }
            if received != nil || answered != nil {
                o.questions = Outcome.Questions(received: received ?? 0, answered: answered ?? 0)
            }
            o.materials = Outcome.Materials(pressRelease: pressRelease, transcript: transcript, recording: recording)
            return o
        }

        /// "ID:ROLE" or "NAME:ROLE" (the role after the last colon).
        static func split(_ text: String, option: String) throws -> (String, Outcome.SpeakerRole) {
            guard let colon = text.lastIndex(of: ":") else {
                throw PodiumExit.badInput("\(option): \"\(text)\" should be WHO:ROLE")
            }
            let who = text[..<colon].trimmingCharacters(in: .whitespaces)
            let roleText = String(text[text.index(after: colon)...])
            guard !who.isEmpty, let role = Outcome.SpeakerRole(rawValue: roleText) else {
                throw PodiumExit.badInput(
                    "\(option): \"\(text)\": the role must be one of \(Outcome.SpeakerRole.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return (who, role)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an occurrence's outcome.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The occurrence.") var occurrence: String
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            let access = try store.access()
            let id = OccurrenceID(rawValue: occurrence)
            let schedule: Schedule
            do { schedule = try access.store.schedule() } catch { throw error.exit }
            try access.requireView(id, in: schedule)
            let outcome: Outcome?
            let followUps: [FollowUp]
            do {
                outcome = try access.store.outcome(id)
                followUps = try access.store.followUps(occurrence: id)
            } catch { throw error.exit }
            guard let outcome else { throw PodiumExit.problems("\(occurrence): no outcome recorded") }
            if json {
                // The shape of GET /api/outcomes/{occurrence}.
                return try JSONOutput.print(
                    OutcomeReply(
                        occurrence: id.rawValue,
                        outcome: OutcomeBody(outcome),
                        followUps: followUps.map(FollowUpReply.init)
                    )
                )
            }
            print("\(id): \(outcome.result.name)\(outcome.result.reason.map { " — \($0)" } ?? "")")
            if let s = outcome.actualStart, let e = outcome.actualEnd { print("actual: \(s) – \(e)") }
            for s in outcome.speakers {
                print("speaker: \(s.person?.rawValue ?? s.name ?? "?") (\(s.role.rawValue))")
            }
            if let a = outcome.attendance {
                print(
                    "attendance: \(a.agencies) agencies (\(a.foreignAgencies) foreign), \(a.journalists) journalists (\(a.foreignJournalists) foreign)"
                )
            }
            if let q = outcome.questions { print("questions: \(q.answered) answered of \(q.received)") }
            for f in followUps {
                print(
                    "follow-up #\(f.id): \(f.outlet) — \(f.question); promised \(f.promised)\(f.answered.map { ", answered \($0)" } ?? "")"
                )
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List outcomes, or (--missing) the briefings that took place without one."
        )
        @OptionGroup var source: ScheduleSource
        @OptionGroup var window: Window
        @Flag(help: "Only occurrences that have started and have no outcome.") var missing = false
        @Option(help: "The moment for --missing (YYYY-MM-DD or ISO 8601); default: now.") var asOf: String?
        @Flag(help: "Machine-readable output.") var json = false

        struct Row: Encodable {
            var occurrence: String
            var start: String
            var title: String
            var result: String?
        }

        func run() throws {
            let x = try Expanded(source, window)
            guard let store = x.loaded.store else { throw PodiumExit.badInput("outcomes are kept in the database") }
            let outcomes: [OccurrenceID: Outcome]
            do { outcomes = try store.outcomes() } catch { throw error.exit }
            let now = try asOf.map { try ExportCommand.instant($0, option: "--as-of") } ?? Date()
            let ids = Set(
                OutcomeCheck.missing(x.occurrences, outcomes: Set(outcomes.keys), now: now).flatMap(\.occurrences)
            )
            let scope = x.loaded.viewScope
            let rows = x.occurrences.filter {
                (scope?.contains($0.organizer) ?? true) && (missing ? ids.contains($0.id) : outcomes[$0.id] != nil)
            }.map {
                Row(
                    occurrence: $0.id.rawValue,
                    start: $0.start.description,
                    title: $0.title.vi,
                    result: outcomes[$0.id]?.result.name
                )
            }
            if json { return try JSONOutput.print(rows) }
            var table = TextTable("Occurrence", "Start", "Title", "Result")
            for r in rows { table.add(r.occurrence, r.start, r.title, r.result ?? "— none —") }
            print(table.render())
            print(missing ? "\(rows.count) without an outcome" : "\(rows.count) outcomes")
            if missing && !rows.isEmpty { throw PodiumExit.problems() }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import an outcomes file (all or nothing; docs/outcomes.md).",
            discussion: "Example: podium outcome import calendars/phu-yen-2024/outcomes.yaml"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The outcomes file (YAML).") var file: String
        @Option(help: "The moment to judge 'has it started' by; default: now.") var asOf: String?
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            let parsed = try DataFiles.outcomes(file)
            let access = try store.access()
            let loaded = try ScheduleSource.load(from: access.store, decisions: try DataFiles.holidayDecisions(nil))
            let engine = OccurrenceEngine(
                calendar: WorkingCalendar(years: loaded.schedule.calendarYears(), decisions: loaded.decisions)
            )
            // Every item's agency must be the actor's to edit.
            let ids = parsed.outcomes.map(\.occurrence) + parsed.followUps.map(\.occurrence)
            for id in Set(ids).sorted() {
                if let o = try? engine.resolve(id, in: loaded.schedule).occurrence {
                    try access.require(.edit, .agency(o.organizer))
                }
            }
            for n in parsed.narratives { try access.require(.edit, .agency(n.agency ?? AccessPolicy.everywhere)) }
            let now = try asOf.map { try ExportCommand.instant($0, option: "--as-of") } ?? Date()
            let report: OutcomeImportReport
            do {
                report = try access.store.importOutcomes(
                    parsed.outcomes,
                    followUps: parsed.followUps,
                    narratives: parsed.narratives,
                    decisions: loaded.decisions,
                    now: now,
                    actor: access.actor,
                    at: Date()
                )
            } catch { throw error.exit(in: parsed) }
            if json { return try JSONOutput.print(report) }
            print(
                "\(file): \(report.outcomes) outcomes, \(report.followUps) follow-ups, \(report.narratives) report texts stored; \(report.unchanged) unchanged"
            )
        }
    }
}

/// `podium followup`: answers promised at briefings.
struct FollowUpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Answers promised to the press at a briefing: add, answer, list.",
        subcommands: [Add.self, Answer.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record an answer promised at a briefing.",
            discussion:
                "Example: podium followup add hop-bao-quy@20240404T150000 --outlet \"Báo Thanh Niên\" --question \"Tiến độ cao tốc\" --promised 2024-04-11"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The occurrence it was promised at.") var occurrence: String
        @Option(help: "The press agency that asked.") var outlet: String
        @Option(help: "What was asked.") var question: String
        @Option(help: "The promised day (YYYY-MM-DD).") var promised: String
        @Option(help: "The moment to judge 'was the briefing held yet' by; default: now.") var asOf: String?
        @Flag(help: "Machine-readable output.") var json = false

        func run() throws {
            let target = try ResolvedOccurrence(occurrence, store: store)
            let promisedDay = try DataFiles.date(promised, option: "--promised")
            let now = try asOf.map { try ExportCommand.instant($0, option: "--as-of") } ?? Date()
            let decisions = try DataFiles.holidayDecisions(nil)
            let f: FollowUp
            do {
                f = try target.store.addFollowUp(
                    FollowUp(
                        occurrence: target.occurrence.id,
                        outlet: outlet,
                        question: question,
                        promised: promisedDay
                    ),
                    decisions: decisions,
                    now: now,
                    actor: target.access.actor,
                    at: Date()
                )
            } catch { throw error.exit }
            if json { return try JSONOutput.print(f) }
            print("follow-up #\(f.id): \(f.outlet), due \(f.promised)")
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answer",
            abstract: "Mark a follow-up answered (or --reopen it).",
            discussion: "Example: podium followup answer 3 --on 2024-04-10"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The follow-up number.") var id: Int
        @Option(help: "The day it was answered (YYYY-MM-DD); default: today.") var on: String?
        @Flag(help: "Mark it open again.") var reopen = false

        func run() throws {
            let access = try store.access()
            let all: [FollowUp]
            do { all = try access.store.followUps() } catch { throw error.exit }
            guard let f = all.first(where: { $0.id == id }) else {
                throw PodiumExit.badInput("unknown follow-up #\(id) (podium followup list)")
            }
            let target = try ResolvedOccurrence(f.occurrence.rawValue, store: store)
            let day: LocalDate? =
                reopen ? nil : try on.map { try DataFiles.date($0, option: "--on") } ?? LocalDateTime(utc: Date()).date
            do { try target.store.answerFollowUp(id: id, on: day, actor: access.actor, at: Date()) } catch {
                throw error.exit
            }
            print(day.map { "follow-up #\(id) answered on \($0)" } ?? "follow-up #\(id) open again")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List follow-ups and their status."
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "open | overdue | answered") var status: String?
        @Option(help: "The day statuses are judged on (YYYY-MM-DD); default: today.") var on: String?
        @Flag(help: "Machine-readable output.") var json = false

        struct Row: Encodable {
            var id: Int
            var occurrence, outlet, question, promised: String
            var answered: String?
            var status: String
        }

        func run() throws {
            let access = try store.access()
            let day = try on.map { try DataFiles.date($0, option: "--on") } ?? LocalDateTime(utc: Date()).date
            if let status, FollowUp.Status(rawValue: status) == nil {
                throw PodiumExit.badInput("--status: \"\(status)\" is not one of: open, overdue, answered")
            }
            let rows: [Row]
            do {
                // Only the follow-ups of briefings the actor may read.
                let schedule = try access.store.schedule()
                let scope = access.viewScope(in: schedule)
                rows = try access.store.followUps().filter { f in
                    scope.map { s in schedule.organizer(of: f.occurrence).map(s.contains) ?? false } ?? true
                }.map {
                    Row(
                        id: $0.id,
                        occurrence: $0.occurrence.rawValue,
                        outlet: $0.outlet,
                        question: $0.question,
                        promised: $0.promised.description,
                        answered: $0.answered?.description,
                        status: $0.status(on: day).rawValue
                    )
                }.filter { status == nil || $0.status == status }
            } catch { throw error.exit }
            if json { return try JSONOutput.print(rows) }
            var table = TextTable("#", "Outlet", "Question", "Promised", "Answered", "Status")
            for r in rows { table.add("\(r.id)", r.outlet, r.question, r.promised, r.answered ?? "", r.status) }
            print(table.render())
        }
    }
}
