import ArgumentParser
import Foundation
import Scheduling
import Server
import Store

/// How mail leaves the machine: the sendmail interface of the local mail transfer agent.
struct MailOptions: ParsableArguments {
    @Option(
        help:
            "The sendmail command that takes a whole message on standard input (default: /usr/sbin/sendmail -t -i when it exists; 'none' turns mail off)."
    )
    var sendmail: String?
    @Option(help: "The From and ORGANIZER address of notices.") var mailFrom: String = "podium@localhost"
    @Option(help: "Seconds between delivery rounds (podium serve only).") var interval: Double = 5
    @Option(help: "Hours without mail, local time, e.g. 22-6 (the default), or none.") var quietHours: String = "22-6"
    @Option(help: "Hours before a briefing its reminder is sent; 0 for none.") var remindBefore: Int = 24

    func delivery(baseURL: String) -> MailDelivery? {
        let text =
            sendmail
            ?? (FileManager.default.isExecutableFile(atPath: "/usr/sbin/sendmail")
                ? "/usr/sbin/sendmail -t -i" : "none")
        guard text != "none" else { return nil }
        var delivery = MailDelivery(
            command: MailDelivery.command(text),
            settings: MailSettings(from: mailFrom, baseURL: baseURL)
        )
        delivery.remindBefore = max(0, remindBefore)
        let hours = quietHours.split(separator: "-").compactMap { Int($0) }
        if quietHours == "none" {
            delivery.quietFrom = 0
            delivery.quietUntil = 0
        } else if hours.count == 2, hours.allSatisfy({ (0...23).contains($0) }) {
            delivery.quietFrom = hours[0]
            delivery.quietUntil = hours[1]
        }
        return delivery
    }
}

/// `podium notify --once`: one delivery round (for cron, or a machine without `podium serve`).
struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Deliver the queued notices through the sendmail command.",
        discussion: """
            Exit status: 0 when every due message was sent or will be retried, 1 when one was
            given up (after 8 attempts, or no address), 2 for bad usage.
            Example (cron, every minute): podium notify --once --sendmail "/usr/bin/msmtp -t"
            """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var mail: MailOptions
    @Flag(help: "One round, then exit (the only mode; `podium serve` delivers continuously).") var once = false
    @Option(help: "Base URL for links in the messages.") var baseURL: String = "http://127.0.0.1:8080"

    func run() throws {
        guard once else { throw PodiumExit.badInput("pass --once (podium serve delivers continuously)") }
        guard let delivery = mail.delivery(baseURL: baseURL) else {
            throw PodiumExit.badInput("no sendmail command: install a mail transfer agent or pass --sendmail CMD")
        }
        let access = try store.access()
        try UserCommand.requireManager(access, of: [])
        let r = try delivery.deliverDue(access.store, now: Date())
        print("\(r.sent) sent, \(r.retrying) to retry, \(r.failed) given up, \(r.held) held for quiet hours")
        if r.failed > 0 { throw PodiumExit.problems() }
    }
}

/// `podium outbox`: what was and will be sent, and what could not be.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List queued, sent and failed notices."
    )
    @OptionGroup var store: StoreOptions
    @Flag(help: "Only messages given up on.") var failed = false
    @Option(help: "How many, newest first.") var limit: Int = 50
    @Flag(help: "Machine-readable output.") var json = false

    struct Row: Encodable {
        var id: Int
        var kind, person, occurrence, state: String
        var recipient: String?
        var attempts: Int
        var sequence: Int
        var error: String?
    }

    func run() throws {
        let access = try store.access()
        try access.requireViewAnywhere()
        let rows: [Row]
        do {
            // Only the messages about agencies the actor may read (the one authorization function).
            let schedule = try access.store.schedule()
            let roster = try access.store.roster()
            rows = try access.store.outbox(limit: limit, failedOnly: failed).filter {
                access.allows(.view, .agency($0.agency(in: schedule, roster: roster) ?? AccessPolicy.everywhere))
            }.map {
                Row(
                    id: $0.id,
                    kind: $0.kindName,
                    person: $0.person?.rawValue ?? "",
                    occurrence: $0.occurrence?.rawValue ?? "",
                    state: $0.sentAt != nil ? "sent" : $0.failedAt != nil ? "failed" : "queued",
                    recipient: $0.recipient,
                    attempts: $0.attempts,
                    sequence: $0.notice?.view.sequence ?? 0,
                    error: $0.lastError
                )
            }
        } catch { throw error.exit }
        if json { return try JSONOutput.print(rows) }
        var table = TextTable("#", "Kind", "To", "Occurrence", "Seq", "State", "Error")
        for r in rows {
            table.add("\(r.id)", r.kind, r.recipient ?? "—", r.occurrence, "\(r.sequence)", r.state, r.error ?? "")
        }
        print(table.render())
    }
}
