public import Foundation
import GRDB
public import Scheduling

/// A person who signs in to Podium.
public struct User: Hashable, Sendable, Codable {
    public var name: String
    public var displayName: String
    public var language: Language
    public var email: String?
    /// The roster person this user is, for the spokesperson role.
    public var person: Spokesperson.ID?
    public var disabled: Bool
    public var sessionEpoch: Int
    public var grants: [Grant]
    /// Kinds of notice (`Notice.Kind`) this person does not want by mail.
    public var mailOptOut: Set<String> = []

    public init(
        name: String,
        displayName: String,
        language: Language = .vi,
        email: String? = nil,
        person: Spokesperson.ID? = nil,
        disabled: Bool = false,
        sessionEpoch: Int = 0,
        grants: [Grant] = [],
        mailOptOut: Set<String> = []
    ) {
        self.mailOptOut = mailOptOut
        self.name = name
        self.displayName = displayName
        self.language = language
        self.email = email
        self.person = person
        self.disabled = disabled
        self.sessionEpoch = sessionEpoch
        self.grants = grants
    }

    /// The actor the authorization function judges.
    public var actor: Actor { Actor(name: name, grants: grants, person: person, disabled: disabled) }

    /// Login names: lowercase ASCII letters, digits, dot, dash and underscore, 2–64 long, so
    /// they are safe in the audit log, in URLs and on the command line.
    public static func isValidName(_ name: String) -> Bool {
        (2...64).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0)
            }
    }
}

extension PodiumStore {
    static func user(_ db: Database, _ name: String) throws -> User? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM user WHERE name = ?", arguments: [name]) else {
            return nil
        }
        let grants = try Row.fetchAll(
            db,
            sql: "SELECT role, scope FROM \"grant\" WHERE user = ? ORDER BY role, scope",
            arguments: [name]
        ).compactMap { r -> Grant? in
            guard let role = Role(rawValue: r["role"]) else { return nil }
            return Grant(role: role, scope: Agency.ID(r["scope"] as String))
        }
        return User(
            name: row["name"],
            displayName: row["displayName"],
            language: Language(rawValue: row["language"]) ?? .vi,
            email: row["email"],
            person: (row["person"] as String?).map { Spokesperson.ID($0) },
            disabled: row["disabled"],
            sessionEpoch: row["sessionEpoch"],
            grants: grants,
            mailOptOut: Set(((row["mailOptOut"] as String?) ?? "").split(separator: ",").map(String.init))
        )
    }

    /// One user with grants, or nil.
    public func user(named name: String) throws(StoreError) -> User? {
        try read { db in try Self.user(db, name) }
    }

    /// Every user, by name.
    public func users() throws(StoreError) -> [User] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM user ORDER BY name").compactMap { try Self.user(db, $0) }
        }
    }

    /// How many users exist: once there is one, every door needs a known user.
    public func userCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM user") ?? 0 }
    }

    /// The bcrypt hash to verify a password against, for an enabled user.
    public func passwordHash(of name: String) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(
                db,
                sql: "SELECT passwordHash FROM user WHERE name = ? AND disabled = 0",
                arguments: [name]
            )
        }
    }

    /// Creates a user with a password hash (bcrypt, made by the caller) and grants.
    public func createUser(_ u: User, passwordHash: String, actor: String, at: Date) throws(StoreError) {
        guard User.isValidName(u.name) else {
            throw .invalid("user name \"\(u.name)\": use 2–64 lowercase letters, digits, '.', '-' or '_'")
        }
        try write { db in
            if try Self.user(db, u.name) != nil { throw StoreError.invalid("user \(u.name) already exists") }
            if let p = u.person, try !SpokespersonTable.exists(db, p.rawValue) {
                throw StoreError.notFound(entity: "spokesperson", id: p.rawValue)
            }
            try db.execute(
                sql: """
                    INSERT INTO user (name, displayName, language, email, person, disabled, passwordHash, createdAt,
                                      mailOptOut)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    u.name, u.displayName, u.language.rawValue, u.email, u.person?.rawValue, u.disabled, passwordHash,
                    at, u.mailOptOut.sorted().joined(separator: ","),
                ]
            )
            for g in u.grants {
                guard try g.scope == AccessPolicy.everywhere || AgencyTable.exists(db, g.scope.rawValue)
                else { throw StoreError.notFound(entity: "agency", id: g.scope.rawValue) }
                try Self.insertGrant(db, user: u.name, g)
            }
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: "create",
                entity: "user",
                id: u.name,
                before: nil,
                after: Self.describe(u)
            )
        }
    }

    /// Changes a user's details (not the password, not the grants).
    public func updateUser(_ u: User, actor: String, at: Date) throws(StoreError) {
        try write { db in
            guard let old = try Self.user(db, u.name) else { throw StoreError.notFound(entity: "user", id: u.name) }
            if let p = u.person, try !SpokespersonTable.exists(db, p.rawValue) {
                throw StoreError.notFound(entity: "spokesperson", id: p.rawValue)
            }
            try db.execute(
                sql:
                    "UPDATE user SET displayName = ?, language = ?, email = ?, person = ?, mailOptOut = ? WHERE name = ?",
                arguments: [
                    u.displayName, u.language.rawValue, u.email, u.person?.rawValue,
                    u.mailOptOut.sorted().joined(separator: ","), u.name,
                ]
            )
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: "edit",
                entity: "user",
                id: u.name,
                before: Self.describe(old),
                after: Self.describe(u)
            )
        }
    }

    /// Sets a new password hash and ends every session of the user.
    public func setPasswordHash(_ hash: String, for name: String, actor: String, at: Date) throws(StoreError) {
        try write { db in
            guard try Self.user(db, name) != nil else { throw StoreError.notFound(entity: "user", id: name) }
            try db.execute(
                sql: "UPDATE user SET passwordHash = ?, sessionEpoch = sessionEpoch + 1 WHERE name = ?",
                arguments: [hash, name]
            )
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: "password",
                entity: "user",
                id: name,
                before: nil,
                after: "password changed; sessions ended"
            )
        }
    }

    /// Disables (or enables) a user; disabling ends every session and revokes their API tokens.
    public func setDisabled(_ disabled: Bool, for name: String, actor: String, at: Date) throws(StoreError) {
        try write { db in
            guard let old = try Self.user(db, name) else { throw StoreError.notFound(entity: "user", id: name) }
            try db.execute(
                sql: "UPDATE user SET disabled = ?, sessionEpoch = sessionEpoch + 1 WHERE name = ?",
                arguments: [disabled, name]
            )
            if disabled {
                try db.execute(
                    sql: "UPDATE token SET revokedAt = ? WHERE kind = 'api' AND subject = ? AND revokedAt IS NULL",
                    arguments: [at, name]
                )
            }
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: disabled ? "disable" : "enable",
                entity: "user",
                id: name,
                before: old.disabled ? "disabled" : "enabled",
                after: disabled ? "disabled" : "enabled"
            )
        }
    }

    /// Adds or removes one grant.
    public func setGrant(_ g: Grant, for name: String, granted: Bool, actor: String, at: Date) throws(StoreError) {
        try write { db in
            guard try Self.user(db, name) != nil else { throw StoreError.notFound(entity: "user", id: name) }
            if granted {
                guard try g.scope == AccessPolicy.everywhere || AgencyTable.exists(db, g.scope.rawValue)
                else {
                    throw StoreError.notFound(entity: "agency", id: g.scope.rawValue)
                }
                try Self.insertGrant(db, user: name, g)
            } else {
                try db.execute(
                    sql: "DELETE FROM \"grant\" WHERE user = ? AND role = ? AND scope = ?",
                    arguments: [name, g.role.rawValue, g.scope.rawValue]
                )
                guard db.changesCount > 0 else { throw StoreError.notFound(entity: "grant", id: "\(name) \(g)") }
            }
            _ = try Self.record(
                db,
                at: at,
                actor: actor,
                action: granted ? "grant" : "revoke",
                entity: "user",
                id: name,
                before: granted ? nil : g.description,
                after: granted ? g.description : nil
            )
        }
    }

    static func insertGrant(_ db: Database, user: String, _ g: Grant) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO \"grant\" (user, role, scope) VALUES (?, ?, ?)",
            arguments: [user, g.role.rawValue, g.scope.rawValue]
        )
    }

    static func describe(_ u: User) -> String {
        var parts = ["\(u.displayName) <\(u.email ?? "-")>", u.language.rawValue]
        if let p = u.person { parts.append("person \(p)") }
        if !u.grants.isEmpty { parts.append(u.grants.map(\.description).joined(separator: " ")) }
        if !u.mailOptOut.isEmpty { parts.append("no mail: " + u.mailOptOut.sorted().joined(separator: ",")) }
        return parts.joined(separator: ", ")
    }
}

extension PodiumStore {
    /// A stored session value and its expiry (for hummingbird-auth's session storage).
    public func session(keyHash: String, now: Date) throws(StoreError) -> (value: Data, expiresAt: Date?)? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT value, expiresAt FROM session WHERE keyHash = ?",
                    arguments: [keyHash]
                )
            else { return nil }
            let expires: Date? = row["expiresAt"]
            if let expires, expires <= now { return nil }
            return (row["value"], expires)
        }
    }

    /// Stores a session value; `create` refuses an existing key. Expired sessions are swept.
    /// - Returns: false when `create` found the key taken.
    @discardableResult
    public func setSession(keyHash: String, value: Data, expiresAt: Date?, keepExpiry: Bool, create: Bool, now: Date)
        throws(StoreError) -> Bool
    {
        try write { db in
            try db.execute(sql: "DELETE FROM session WHERE expiresAt <= ?", arguments: [now])
            let existing = try Row.fetchOne(
                db,
                sql: "SELECT expiresAt FROM session WHERE keyHash = ?",
                arguments: [keyHash]
            )
            if create, existing != nil { return false }
            let expiry: Date? = keepExpiry && expiresAt == nil ? existing?["expiresAt"] : expiresAt
            try db.execute(
                sql: "INSERT OR REPLACE INTO session (keyHash, value, expiresAt) VALUES (?, ?, ?)",
                arguments: [keyHash, value, expiry]
            )
            return true
        }
    }

    public func removeSession(keyHash: String) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM session WHERE keyHash = ?", arguments: [keyHash]) }
    }
}
