import ArgumentParser
import Foundation
import ICalendar
import PlanFile
import Scheduling
import Server
import Store

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve feeds, pages and the secretariat API over HTTP.",
        discussion: """
            With --seed PLAN, an empty database is first filled from the plan (and the holiday
            data beside it), spokespeople are assigned automatically, and demo tokens are
            issued; the URLs for each kind of user are printed.
            Example: podium serve --seed calendars/phu-yen-2024/plan.yaml
            """
    )

    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var hostname: String = "127.0.0.1"
    @Option(help: "Port.") var port: Int = 8080
    @Option(help: "Public base URL (default http://HOST:PORT).") var baseURL: String?
    @Option(help: "Seed an empty database from this plan.") var seed: String?
    @Option(help: "Holiday data imported with --seed.") var holidays: String = "calendars/holidays/vietnam.yaml"
    @Option(help: "The legal rules file (default: $PODIUM_RULES or calendars/rules/vietnam.yaml).") var rules: String?
    @Option(help: "Serve as if it were this moment (ISO 8601), e.g. for a past year's sample plan.") var asOf: String?
    @OptionGroup var mail: MailOptions
    @Option(help: "Keep the public and agency feeds (with gzip twins) published as static files in this folder.")
    var publishTo: String?

    func run() async throws {
        let s = try store.open(create: seed != nil)
        let config = ServerConfiguration(
            hostname: hostname,
            port: port,
            baseURL: baseURL,
            asOf: try asOf.map { try ExportCommand.instant($0, option: "--as-of") },
            rules: try DataFiles.rules(rules)
        )
        try DataFiles.requireRules(config.rules)
        if let seed, (try? s.schedule().series.isEmpty) ?? true {
            try Seeder.seed(s, plan: seed, holidays: holidays, baseURL: config.baseURL, asOf: config.asOf)
        } else {
            FileHandle.standardOutput.write(
                Data(
                    """
                    Podium on \(config.baseURL)
                      journalists:  \(config.baseURL)/   feeds: \(config.baseURL)/feeds/public.vi.ics, \(config.baseURL)/feeds/public.en.ics
                      tokens:       podium token create --kind spokesperson|api --subject ID

                    """.utf8
                )
            )
        }
        // The outbox worker: every few seconds, what is due goes to the mail transfer agent.
        let delivery = mail.delivery(baseURL: config.baseURL)
        FileHandle.standardOutput.write(
            Data(
                (delivery.map {
                    "Mail to spokespeople: through \($0.command.joined(separator: " ")) (podium outbox lists it)\n"
                }
                    ?? "Mail to spokespeople: off (no /usr/sbin/sendmail here; pass --sendmail CMD); queued in podium outbox\n")
                    .utf8
            )
        )
        if let delivery {
            let interval = mail.interval
            Task.detached {
                while !Task.isCancelled {
                    do { _ = try delivery.deliverDue(s, now: Date()) } catch {
                        printError("mail delivery: \(error)")
                    }
                    try? await Task.sleep(for: .seconds(interval))
                }
            }
        }
        let service = PodiumService(store: s, configuration: config)
        if let publishTo {
            let publisher = StaticPublisher(service: service, directory: URL(fileURLWithPath: publishTo))
            Task.detached { await publisher.keepPublished() }
        }
        try await service.run()
    }
}

/// Fills an empty database for a first run and prints where each kind of user starts.
enum Seeder {
    static func seed(_ s: PodiumStore, plan path: String, holidays: String, baseURL: String, asOf: Date?) throws {
        let plan = try DataFiles.plan(path)
        var decisions: [HolidayDecision] = []
        if FileManager.default.fileExists(atPath: holidays) { decisions = try DataFiles.holidayDecisions(holidays) }
        let now = Date()
        do {
            _ = try s.importPlan(plan, file: path, extraDecisions: decisions, asOf: asOf, actor: "seed", at: now)
            let years = plan.schedule.series.values.map(\.start.date.year)
            let first = years.min() ?? 2024
            let engine = OccurrenceEngine(
                calendar: WorkingCalendar(
                    years: first - 1...(years.max() ?? first) + 2,
                    decisions: decisions + plan.holidayDecisions
                )
            )
            let occurrences = try engine.occurrences(
                in: plan.schedule,
                from: LocalDateTime(year: first, month: 1, day: 1, hour: 0, minute: 0).asUTCDate,
                to: LocalDateTime(year: first + 2, month: 1, day: 1, hour: 0, minute: 0).asUTCDate
            )
            let outcome = AutoAssigner().assign(occurrences, roster: try s.roster())
            _ = try s.saveAssignments(Array(outcome.assignments.values), actor: "seed", at: now)
            // The demo link goes to the person with the most assignments.
            let roster = try s.roster()
            let person = roster.people.keys.sorted().max { a, b in
                roster.assignments.values.filter { $0.people.contains(a) }.count
                    < roster.assignments.values.filter { $0.people.contains(b) }.count
            }
            let personal = try person.map { try s.issueToken(kind: .spokesperson, subject: $0.rawValue, at: now) }
            // A login for each kind of user, on the plan's top agencies (the province, and its
            // successor after a merger); passwords printed once.
            let roots = plan.schedule.agencies.values.filter { $0.parent == nil }.map(\.id).sorted()
            // The agency feed shown is that of the agency organising the most series.
            let organizers = plan.schedule.series.values.map(\.organizer)
            let top =
                Set(organizers).max { a, b in
                    (organizers.filter { $0 == a }.count, b) < (organizers.filter { $0 == b }.count, a)
                } ?? roots.first ?? AccessPolicy.everywhere
            var logins: [(role: String, name: String, password: String)] = []
            let people: [(String, String, Role)] = [
                ("admin", "Quản trị", .admin), ("editor", "Biên tập viên", .editor),
                ("approver", "Người duyệt", .approver),
            ]
            for (name, display, role) in people {
                let password = Passwords.generate()
                try s.createUser(
                    User(name: name, displayName: display, grants: roots.map { Grant(role: role, scope: $0) }),
                    passwordHash: Passwords.hash(password),
                    actor: "seed",
                    at: now
                )
                logins.append((role.rawValue, name, password))
            }
            if let person, let p = roster.people[person] {
                let password = Passwords.generate()
                let name = person.rawValue
                try s.createUser(
                    User(
                        name: name,
                        displayName: p.name,
                        person: person,
                        grants: [Grant(role: .spokesperson, scope: p.agency)]
                    ),
                    passwordHash: Passwords.hash(password),
                    actor: "seed",
                    at: now
                )
                logins.append(("spokesperson", name, password))
            }
            let api = try s.issueToken(kind: .api, subject: "editor", at: now)
            let loginLines = logins.map {
                "  \($0.role.padding(toLength: 13, withPad: " ", startingAt: 0)) \($0.name) / \($0.password)"
            }
            .joined(separator: "\n")
            // Unbuffered: the server keeps running, so this must reach a pipe now.
            FileHandle.standardOutput.write(
                Data(
                    """
                    Podium: seeded \(s.path) from \(path)

                    Sign in at \(baseURL)/login (role, login / one-time password; change it under /account):
                    \(loginLines)

                    Journalists (subscribe once; moves, cancellations and new briefings arrive by themselves):
                      page:          \(baseURL)/            (English: \(baseURL)/?lang=en)
                      public feeds:  \(baseURL)/feeds/public.vi.ics   \(baseURL)/feeds/public.en.ics
                      agency feed:   \(baseURL)/feeds/agencies/\(top).ics
                    Spokespeople (private link for \(person?.rawValue ?? "-"), no sign-in needed):
                      page:          \(baseURL)/me/\(personal ?? "")
                      feed:          \(baseURL)/feeds/spokespeople/\(personal ?? "").ics
                    Secretariat API (bearer token of user editor, shown once; never put it in a URL):
                      overview:      curl -H 'Authorization: Bearer \(api)' \(baseURL)/secretariat
                      API:           curl -H 'Authorization: Bearer \(api)' \(baseURL)/api/check
                      OpenAPI:       \(baseURL)/openapi.json

                    """.utf8
                )
            )
        } catch {
            throw PodiumExit.badInput("seeding failed: \(error)")
        }
    }
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, rotate, revoke and list access tokens (stored hashed).",
        subcommands: [Create.self, Rotate.self, Revoke.self, List.self]
    )

    struct Common: ParsableArguments {
        @OptionGroup var store: StoreOptions
        @Option(help: "api | spokesperson | press") var kind: String
        @Option(help: "Whose: a user name (api) or a spokesperson id.") var subject: String

        func tokenKind() throws -> AccessToken.Kind {
            guard let k = AccessToken.Kind(rawValue: kind) else {
                throw PodiumExit.badInput("--kind: \"\(kind)\" is not api, spokesperson or press")
            }
            return k
        }
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Issue a token; it is printed once and only its hash is kept.",
            discussion: """
                An API token belongs to a user and carries that user's grants; a user may issue
                their own, an admin theirs. A spokesperson token opens that person's private page
                and feed; issuing one takes edit rights on the person's agency.
                Examples:
                  podium token create --kind api --subject le-thi-mai
                  podium token create --kind spokesperson --subject nguyen-van-an --base-url https://lich.phuyen.gov.vn
                """
        )
        @OptionGroup var common: Common
        @Option(help: "Public base URL, to print the private links in full.") var baseURL: String =
            "http://127.0.0.1:8080"

        func run() throws {
            let access = try common.store.access()
            let kind = try common.tokenKind()
            try TokenCommand.authorize(kind, subject: common.subject, access)
            let token: String
            do { token = try access.store.issueToken(kind: kind, subject: common.subject, at: Date()) } catch {
                throw error.exit
            }
            switch kind {
            case .api:
                print(token)
                printError("send it as `Authorization: Bearer <token>`; it is shown only now")
            case .spokesperson:
                print(token)
                print("page: \(baseURL)/me/\(token)")
                print("feed: \(baseURL)/feeds/spokespeople/\(token).ics")
            case .press:
                print(token)
                print("page: \(baseURL)/press/\(token)")
                print("feed: \(baseURL)/feeds/press/\(token).ics   (English: \(baseURL)/feeds/press/\(token).en.ics)")
            }
        }
    }

    /// Who may issue or revoke: API tokens — the user themself or whoever manages them;
    /// spokesperson tokens — an editor of the person's agency.
    static func authorize(_ kind: AccessToken.Kind, subject: String, _ access: CLIAccess) throws {
        switch kind {
        case .spokesperson:
            try access.require(.edit, try access.person(Spokesperson.ID(subject)))
        case .api:
            guard access.user != nil else { return }
            let user = try UserCommand.existing(subject, access)
            if access.actor != subject { try UserCommand.requireManager(access, of: user.grants.map(\.scope)) }
        case .press:
            // The press register is the admins' (accreditation is an act of the province).
            try UserCommand.requireManager(access, of: [])
            let known: PressAgency?
            do { known = try access.store.pressAgency(subject) } catch { throw error.exit }
            guard known != nil else {
                throw PodiumExit.badInput("unknown press agency \"\(subject)\" (podium press list)")
            }
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Revoke a subject's tokens and issue a new one.",
            discussion: "Example: podium token rotate --kind spokesperson --subject nguyen-van-an"
        )
        @OptionGroup var common: Common
        func run() throws {
            let access = try common.store.access()
            try TokenCommand.authorize(try common.tokenKind(), subject: common.subject, access)
            let s = access.store
            do {
                _ = try s.revokeTokens(kind: try common.tokenKind(), subject: common.subject, at: Date())
                print(try s.issueToken(kind: try common.tokenKind(), subject: common.subject, at: Date()))
            } catch { throw PodiumExit.badInput("\(error)") }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke a subject's tokens (or one, by --fingerprint).",
            discussion: "Example: podium token revoke --kind api --subject secretariat"
        )
        @OptionGroup var common: Common
        @Option(help: "Only the token with this fingerprint (see token list).") var fingerprint: String?
        func run() throws {
            let access = try common.store.access()
            try TokenCommand.authorize(try common.tokenKind(), subject: common.subject, access)
            do {
                let n = try access.store.revokeTokens(
                    kind: try common.tokenKind(),
                    subject: common.subject,
                    fingerprint: fingerprint,
                    at: Date()
                )
                print("\(n) revoked")
                if n == 0 { throw PodiumExit.problems() }
            } catch let e as StoreError { throw e.exit }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List tokens (fingerprints only)."
        )
        @OptionGroup var store: StoreOptions
        @Flag(help: "Machine-readable output.") var json = false
        func run() throws {
            let tokens: [AccessToken]
            do { tokens = try store.open().tokens() } catch { throw PodiumExit.badInput("\(error)") }
            if json { return try JSONOutput.print(tokens) }
            var table = TextTable("Kind", "Subject", "Fingerprint", "Created", "Revoked")
            for t in tokens {
                table.add(
                    t.kind.rawValue,
                    t.subject,
                    t.fingerprint,
                    t.createdAt.description,
                    t.revokedAt?.description ?? ""
                )
            }
            print(table.render())
        }
    }
}
