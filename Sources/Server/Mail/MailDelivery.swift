public import Foundation
import ICalendar
import Scheduling
public import Store

/// Delivers the outbox through the machine's mail transfer agent by the sendmail interface
/// (`/usr/sbin/sendmail -t -i` by default: postfix, exim and msmtp all provide it), so Podium
/// has no SMTP client of its own. Each message is marked sent only after the command
/// accepted it; a crash in between sends the same message (same Message-ID, same bytes)
/// again, never a different one. Failures are retried with a doubling delay and given up
/// after `maxAttempts`, then listed for the secretariat.
public struct MailDelivery: Sendable {
    public var command: [String]
    public var settings: MailSettings
    public var maxAttempts: Int
    /// No mail between these local hours (UTC+7) unless the briefing is within 12 hours.
    public var quietFrom: Int
    public var quietUntil: Int
    /// Hours before a briefing its reminder goes out; 0 sends none.
    public var remindBefore: Int = 24

    public init(
        command: [String] = ["/usr/sbin/sendmail", "-t", "-i"],
        settings: MailSettings = MailSettings(),
        maxAttempts: Int = 8,
        quietFrom: Int = 22,
        quietUntil: Int = 6
    ) {
        self.command = command
        self.settings = settings
        self.maxAttempts = maxAttempts
        self.quietFrom = quietFrom
        self.quietUntil = quietUntil
    }

    /// `"/usr/bin/msmtp -t"` into the command's words (no shell).
    public static func command(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
        public var held = 0
    }

    /// Sends what is due at `now`, one message at a time, oldest first.
    public func deliverDue(_ store: any PodiumStorage, now: Date) throws -> Report {
        var report = Report()
        if remindBefore > 0 { try store.queueReminders(now: now, lead: TimeInterval(remindBefore * 3600)) }
        for m in try store.dueMessages(now: now) {
            if let until = quietUntil(for: m, now: now) {
                try store.postpone(m.id, until: until)
                report.held += 1
                continue
            }
            do {
                try send(try NoticeMail.compose(m, settings))
                try store.markSent(m.id, at: Date())
                report.sent += 1
            } catch {
                let attempts = m.attempts + 1
                let retry: Date? =
                    attempts >= maxAttempts || error is MailError && m.recipient == nil
                    ? nil : now.addingTimeInterval(60 * pow(2, Double(min(attempts - 1, 6))))
                try store.markAttemptFailed(m.id, error: "\(error)", retryAt: retry, at: now)
                if retry == nil { report.failed += 1 } else { report.retrying += 1 }
            }
        }
        return report
    }

    /// The end of the quiet hours when `now` is inside them and the briefing is more than
    /// 12 hours away; nil when the message may go now.
    func quietUntil(for m: OutboxMessage, now: Date) -> Date? {
        guard quietFrom != quietUntil, let local = try? TimeZones.wallTime(of: now, in: "Asia/Ho_Chi_Minh") else {
            return nil
        }
        let quiet =
            quietFrom > quietUntil
            ? local.hour >= quietFrom || local.hour < quietUntil
            : local.hour >= quietFrom && local.hour < quietUntil
        // A memo (to the secretariat, a digest) waits like a notice about a briefing far ahead.
        let start = m.notice?.view.startInstant ?? .distantFuture
        guard quiet, start > now.addingTimeInterval(12 * 3600) else { return nil }
        let day = local.hour >= quietUntil ? local.date.adding(days: 1) : local.date
        return try? TimeZones.instant(of: LocalDateTime(day, hour: quietUntil, minute: 0), in: "Asia/Ho_Chi_Minh")
    }

    /// Runs the sendmail command with the message on its standard input. A command that
    /// exits without reading it (a broken pipe) is a failed attempt, never a crash: SIGPIPE
    /// is ignored (`ignoreBrokenPipes`) and the write throws instead.
    func send(_ message: String) throws {
        guard let executable = command.first else { throw MailError.sendmail("no sendmail command configured") }
        Self.ignoreBrokenPipes()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = Array(command.dropFirst())
        let input = Pipe()
        let errors = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        p.standardError = errors
        do { try p.run() } catch { throw MailError.sendmail("\(executable): \(error.localizedDescription)") }
        var writeError: (any Error)?
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(message.utf8))
        } catch {
            writeError = error
        }
        try? input.fileHandleForWriting.close()
        // Drained before waiting, so a command that writes much to stderr cannot block.
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        p.waitUntilExit()
        guard p.terminationStatus == 0, writeError == nil else {
            let why =
                text.isEmpty ? (writeError.map { " (\($0.localizedDescription))" } ?? "") : ": \(text.prefix(300))"
            throw MailError.sendmail("\(executable) exited \(p.terminationStatus)\(why)")
        }
    }

    /// Writing to a command that has exited raises SIGPIPE, whose default action ends the
    /// process (the whole server); ignored, the write reports EPIPE instead.
    static func ignoreBrokenPipes() {
        _ = ignoreOnce
    }

    private static let ignoreOnce: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}
