import ArgumentParser
import Foundation
import Scheduling
import Server
import Store

/// `podium user …`: the people who sign in, and `podium grant|revoke`: what they may do where.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "People who sign in: add, list, edit, set a password, disable or enable.",
        discussion: """
            Passwords are kept only as bcrypt hashes. A new user gets a one-time password,
            printed once, unless --password-stdin gives one. Changing a password or disabling
            a user ends every session at once (disabling also revokes their API tokens).
            Examples:
              podium user add le-thi-mai --display-name "Lê Thị Mai" --email mai@example.vn --role editor --scope so-tttt-phu-yen
              podium user passwd le-thi-mai
              podium user disable le-thi-mai
            """,
        subcommands: [Add.self, List.self, Edit.self, Passwd.self, Disable.self, Enable.self]
    )

    /// Managing a user takes `manageAccess` on every scope they hold (or will hold).
    static func requireManager(_ access: CLIAccess, of scopes: [Agency.ID]) throws {
        for scope in Set(scopes).sorted() { try access.require(.manageAccess, .agency(scope)) }
        if scopes.isEmpty, let user = access.user,
            !user.grants.contains(where: { AccessPolicy.permits($0.role, .manageAccess) })
        {
            throw PodiumExit.badInput("refused: \(user.name) is not an admin anywhere")
        }
    }

    static func password(fromStdin: Bool, user: String) throws -> (password: String, generated: Bool) {
        guard fromStdin else { return (Passwords.generate(), true) }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw PodiumExit.badInput("--password-stdin: no password on standard input")
        }
        if let weak = Passwords.weakness(line, user: user) { throw PodiumExit.badInput("--password-stdin: \(weak)") }
        return (line, false)
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Login name (lowercase letters, digits, . - _).") var name: String
        @Option(help: "Name as shown.") var displayName: String
        @Option(help: "E-mail (for notifications).") var email: String?
        @Option(help: "vi | en") var lang: String = "vi"
        @Option(help: "The roster person this user is (spokespeople).") var person: String?
        @Option(help: "A role to grant (admin, editor, approver, spokesperson, viewer); with --scope.")
        var role: [String] = []
        @Option(help: "The agency each --role is granted on (in order).") var scope: [String] = []
        @Flag(help: "Read the password from standard input instead of generating one.") var passwordStdin = false

        func run() throws {
            let access = try store.access()
            let grants = try GrantOptions.grants(role, scope)
            try UserCommand.requireManager(access, of: grants.map(\.scope))
            guard let language = Language(rawValue: lang) else { throw PodiumExit.badInput("--lang: vi or en") }
            let (password, generated) = try UserCommand.password(fromStdin: passwordStdin, user: name)
            let user = User(
                name: name,
                displayName: displayName,
                language: language,
                email: email,
                person: person.map { Spokesperson.ID($0) },
                grants: grants
            )
            do {
                try access.store.createUser(
                    user,
                    passwordHash: Passwords.hash(password),
                    actor: access.actor,
                    at: Date()
                )
            } catch { throw error.exit }
            print(
                "added user \(name)" + (grants.isEmpty ? "" : " (\(grants.map(\.description).joined(separator: ", ")))")
            )
            if generated { print("one-time password: \(password)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users and their grants.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Machine-readable output.") var json = false

        struct Row: Encodable {
            var name, displayName, language: String
            var email, person: String?
            var disabled: Bool
            var grants: [String]
        }

        func run() throws {
            let access = try store.access()
            let users: [User]
            do { users = try access.store.users() } catch { throw error.exit }
            let rows = users.map {
                Row(
                    name: $0.name,
                    displayName: $0.displayName,
                    language: $0.language.rawValue,
                    email: $0.email,
                    person: $0.person?.rawValue,
                    disabled: $0.disabled,
                    grants: $0.grants.map(\.description)
                )
            }
            if json { return try JSONOutput.print(rows) }
            var table = TextTable("User", "Name", "Grants", "Person", "State")
            for r in rows {
                table.add(
                    r.name,
                    r.displayName,
                    r.grants.joined(separator: " "),
                    r.person ?? "",
                    r.disabled ? "disabled" : "active"
                )
            }
            print(table.render())
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "edit", abstract: "Change a user's details.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Login name.") var name: String
        @Option(help: "Name as shown.") var displayName: String?
        @Option(help: "E-mail.") var email: String?
        @Option(help: "vi | en") var lang: String?
        @Option(help: "The roster person this user is.") var person: String?
        @Option(
            help:
                "Kinds of notice not wanted by mail, comma-separated (assigned, changed, cancelled, unassigned, reminder), or none."
        )
        var mailOptOut: String?

        func run() throws {
            let access = try store.access()
            var user = try UserCommand.existing(name, access)
            if let mailOptOut {
                let kinds = mailOptOut == "none" ? [] : mailOptOut.split(separator: ",").map(String.init)
                for k in kinds where Notice.Kind(rawValue: k) == nil {
                    throw PodiumExit.badInput(
                        "--mail-opt-out: \"\(k)\" is not one of \(Notice.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
                user.mailOptOut = Set(kinds)
            }
            if access.actor != name { try UserCommand.requireManager(access, of: user.grants.map(\.scope)) }
            if let displayName { user.displayName = displayName }
            if let email { user.email = email }
            if let lang {
                guard let l = Language(rawValue: lang) else { throw PodiumExit.badInput("--lang: vi or en") }
                user.language = l
            }
            if let person { user.person = Spokesperson.ID(person) }
            do { try access.store.updateUser(user, actor: access.actor, at: Date()) } catch { throw error.exit }
            print("edited user \(name)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract: "Set a new password (one-time, printed, unless --password-stdin); ends every session."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Login name.") var name: String
        @Flag(help: "Read the password from standard input.") var passwordStdin = false

        func run() throws {
            let access = try store.access()
            let user = try UserCommand.existing(name, access)
            if access.actor != name { try UserCommand.requireManager(access, of: user.grants.map(\.scope)) }
            let (password, generated) = try UserCommand.password(fromStdin: passwordStdin, user: name)
            do {
                try access.store.setPasswordHash(Passwords.hash(password), for: name, actor: access.actor, at: Date())
            } catch { throw error.exit }
            print("password of \(name) changed; their sessions are ended")
            if generated { print("one-time password: \(password)") }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable",
            abstract: "Disable a user: sessions end and API tokens are revoked at once."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Login name.") var name: String

        func run() throws { try UserCommand.setDisabled(true, name, store) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled user.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Login name.") var name: String

        func run() throws { try UserCommand.setDisabled(false, name, store) }
    }

    static func setDisabled(_ disabled: Bool, _ name: String, _ store: StoreOptions) throws {
        let access = try store.access()
        let user = try existing(name, access)
        try requireManager(access, of: user.grants.map(\.scope))
        do { try access.store.setDisabled(disabled, for: name, actor: access.actor, at: Date()) } catch {
            throw error.exit
        }
        print(disabled ? "disabled \(name); sessions ended, API tokens revoked" : "enabled \(name)")
    }

    static func existing(_ name: String, _ access: CLIAccess) throws -> User {
        let user: User?
        do { user = try access.store.user(named: name) } catch { throw error.exit }
        guard let user else { throw PodiumExit.badInput("unknown user \"\(name)\"") }
        return user
    }
}

/// `--role R --scope A` pairs.
enum GrantOptions {
    static func grants(_ roles: [String], _ scopes: [String]) throws -> [Grant] {
        guard roles.count == scopes.count else {
            throw PodiumExit.badInput("give one --scope for each --role (in the same order)")
        }
        return try zip(roles, scopes).map { role, scope in
            guard let r = Role(rawValue: role) else {
                throw PodiumExit.badInput(
                    "--role: \"\(role)\" is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            return Grant(role: r, scope: Agency.ID(scope))
        }
    }
}

struct GrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a role on an agency (and every agency under it) to a user.",
        discussion: "Example: podium grant approver --user tran-van-duc --scope ubnd-phu-yen"
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: "admin | editor | approver | spokesperson | viewer") var role: String
    @Option(help: "The user.") var user: String
    @Option(help: "The agency.") var scope: String

    func run() throws { try GrantCommand.change(role, user, scope, store, granted: true) }

    static func change(_ role: String, _ user: String, _ scope: String, _ store: StoreOptions, granted: Bool) throws {
        let access = try store.access()
        let grant = try GrantOptions.grants([role], [scope])[0]
        try access.require(.manageAccess, .agency(grant.scope))
        do { try access.store.setGrant(grant, for: user, granted: granted, actor: access.actor, at: Date()) } catch {
            throw error.exit
        }
        print(granted ? "granted \(grant) to \(user)" : "revoked \(grant) from \(user)")
    }
}

struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Take a role on an agency away from a user.",
        discussion: "Example: podium revoke editor --user le-thi-mai --scope so-tttt-phu-yen"
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: "The role.") var role: String
    @Option(help: "The user.") var user: String
    @Option(help: "The agency.") var scope: String

    func run() throws { try GrantCommand.change(role, user, scope, store, granted: false) }
}
