import ArgumentParser
import Foundation
import ICalendar
import Scheduling
import Store

/// `podium adhoc add|cancel`: call an ad-hoc briefing (Decree 09/2017 Art. 6) or cancel one.
struct AdHocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adhoc",
        abstract: "Call or cancel an ad-hoc briefing.",
        subcommands: [Add.self, Cancel.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an ad-hoc briefing; its statement deadline runs from the trigger.",
            discussion: """
                Example: podium adhoc add lu-quet --title "Họp báo về lũ quét" --organizer ubnd-phu-yen \\
                  --trigger incident --triggered-at 2024-11-16T22:00:00+07:00 --start 2024-11-17T15:00 --minutes 60
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Id (ASCII letters, digits, - _ .).") var id: String
        @Option(help: "Title (Vietnamese).") var title: String
        @Option(help: "Title in English.") var titleEn: String?
        @Option(help: "Organising agency id.") var organizer: String
        @Option(help: "incident | divided-opinion | press-request | planned (a planned one-off: no statutory deadline)")
        var trigger: String
        @Option(help: "When it was triggered (ISO 8601 instant).") var triggeredAt: String
        @Option(help: "Local start, YYYY-MM-DDTHH:MM (Asia/Ho_Chi_Minh).") var start: String
        @Flag(help: "Refuse the briefing when a check warns (e.g. past its deadline).") var strict = false
        @Flag(help: "Machine-readable output.") var json = false
        @Option(help: "Length in minutes.") var minutes: Int = 60
        @Option(help: "Venue id.") var venue: String?
        @Option(help: "The matter (for authorized speakers).") var topic: String?
        @Option(help: "Hours allowed for the first statement (default 24).") var deadlineHours: Int?
        @Option(help: "public | press-only | internal") var visibility: String = "public"
        @Option(help: "A seat the panel needs: chair, moderator, interpreter or matter:MATTER (repeat).")
        var panelNeed: [String] = []

        func run() throws {
            if let problem = Slug.problem(with: id) { throw PodiumExit.badInput("id \"\(id)\": \(problem)") }
            guard let kind = TriggerKind(rawValue: trigger) else {
                throw PodiumExit.badInput(
                    "--trigger: \"\(trigger)\" is not incident, divided-opinion, press-request or planned"
                )
            }
            guard let local = LocalDateTime(iso: start) else {
                throw PodiumExit.badInput("--start: \"\(start)\" is not a local date and time")
            }
            guard (1...24 * 60).contains(minutes) else { throw PodiumExit.badInput("--minutes: 1–1440") }
            guard let shown = Visibility(rawValue: visibility) else {
                throw PodiumExit.badInput("--visibility: \"\(visibility)\"")
            }
            let access = try store.access()
            let s = access.store
            let schedule: Schedule
            do { schedule = try s.schedule() } catch { throw error.exit }
            guard schedule.agencies[Agency.ID(organizer)] != nil else {
                throw PodiumExit.badInput("--organizer: unknown agency \"\(organizer)\"")
            }
            try access.require(.edit, .agency(Agency.ID(organizer)))
            if let venue, schedule.venues[Venue.ID(venue)] == nil {
                throw PodiumExit.badInput("--venue: unknown venue \"\(venue)\"")
            }
            var b = AdHocBriefing(
                id: AdHocBriefing.ID(id),
                title: BilingualText(vi: title, en: titleEn),
                organizer: Agency.ID(organizer),
                trigger: kind,
                triggeredAt: try ExportCommand.instant(triggeredAt, option: "--triggered-at"),
                start: local,
                duration: minutes * 60
            )
            if let deadlineHours {
                guard (1...24 * 30).contains(deadlineHours) else {
                    throw PodiumExit.badInput("--deadline-hours: 1–720")
                }
                b.deadline.hours = deadlineHours
            }
            b.venue = venue.map { Venue.ID($0) }
            b.topic = topic
            b.visibility = shown
            if let needs = try SeriesFields.panelNeeds(panelNeed) { b.panel = needs }
            // Where the agency requires approval, an editor's briefing waits for an approver.
            b.status = schedule.initialStatus(
                for: b.organizer,
                authorMayApprove: access.allows(.approve, .agency(b.organizer))
            )
            if b.status == .draft {
                printError("note: \(id) is a draft until an approver publishes it (podium approve \(id))")
            }
            // Past its statutory deadline, on a day off…: warned now, refused with --strict.
            let loaded = try ScheduleSource.load(
                from: s,
                decisions: try DataFiles.holidayDecisions(nil),
                rules: try DataFiles.rules()
            )
            var after = loaded.schedule
            after.adHoc[b.id] = b
            try ChangeCheck.warnOrRefuse(
                ChangeCheck.findings(for: OccurrenceID(adHoc: b.id), in: after, loaded: loaded),
                strict: strict
            )
            do {
                let rev = try s.saveAdHoc(
                    b,
                    expectedRevision: nil,
                    actor: access.actor,
                    at: Date()
                )
                let due = (try? TimeZones.wallTime(of: b.dueBy, in: b.timeZone)).map { "\($0) \(b.timeZone)" }
                if json {
                    return try JSONOutput.print(
                        AddReply(id: id, revision: rev, dueBy: b.dueBy, dueByLocal: due ?? "", timeZone: b.timeZone)
                    )
                }
                print(
                    "added \(id); statement due by \(due ?? "\(LocalDateTime(utc: b.dueBy)) UTC") (\(LocalDateTime(utc: b.dueBy)) UTC); revision \(rev)"
                )
            } catch let e as StoreError { throw e.exit }
        }
    }

    struct AddReply: Encodable {
        var id: String
        var revision: Int
        var dueBy: Date
        var dueByLocal: String
        var timeZone: String
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel an ad-hoc briefing (it stays visible as cancelled for a while).",
            discussion: "Example: podium adhoc cancel lu-quet --reason \"Đã thông tin bằng thông cáo\""
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The ad-hoc id.") var id: String
        @Option(help: "Why.") var reason: String

        func run() throws {
            let access = try store.access()
            let s = access.store
            do {
                var b = try s.adHoc(AdHocBriefing.ID(id))
                // Cancelling what is published is the approver's; a draft is still the editor's.
                try access.require(b.status == .draft ? .edit : .approve, .agency(b.organizer))
                let revision = b.revision
                b.status = .cancelled
                b.cancellationReason = reason
                print(
                    "cancelled; revision \(try s.saveAdHoc(b, expectedRevision: revision, actor: access.actor, at: Date()))"
                )
            } catch let e as StoreError { throw e.exit }
        }
    }
}

/// `podium approve`: publish a draft (draft → scheduled), the approver's part of the
/// four-eyes rule; nothing reaches a public feed before it.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Publish a draft series or ad-hoc briefing (draft → scheduled).",
        discussion: "Example: podium approve doi-ngoai-thang-example.vn"
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: "The series or ad-hoc briefing id.") var id: String
    @Flag(help: "Machine-readable output.") var json = false

    struct Reply: Encodable {
        var id: String
        var kind: String
        var revision: Int
    }

    func run() throws {
        let access = try store.access()
        let s = access.store
        let schedule: Schedule
        do { schedule = try s.schedule() } catch { throw error.exit }
        let revision: Int
        let kind: String
        do {
            if let series = schedule.series[RegularSeries.ID(id)] {
                try access.require(.approve, .agency(series.organizer))
                guard series.status == .draft else { throw PodiumExit.badInput("\(id) is not a draft") }
                kind = "series"
                revision = try s.updateSeries(
                    series.id,
                    expectedRevision: series.revision,
                    actor: access.actor,
                    at: Date(),
                    action: "approve"
                ) { $0.status = .scheduled }
            } else if var b = schedule.adHoc[AdHocBriefing.ID(id)] {
                try access.require(.approve, .agency(b.organizer))
                guard b.status == .draft else { throw PodiumExit.badInput("\(id) is not a draft") }
                kind = "adhoc"
                let expected = b.revision
                b.status = .scheduled
                revision = try s.saveAdHoc(b, expectedRevision: expected, actor: access.actor, at: Date())
            } else {
                throw PodiumExit.badInput("no series or ad-hoc briefing \"\(id)\"")
            }
        } catch let e as StoreError { throw e.exit }
        if json { return try JSONOutput.print(Reply(id: id, kind: kind, revision: revision)) }
        print("approved \(kind) \(id): published; revision \(revision)")
    }
}
