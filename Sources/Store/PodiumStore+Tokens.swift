public import Foundation
import GRDB

/// Access tokens: API tokens for the secretariat and feed tokens for spokespeople.
///
/// A token is 160 random bits from the system CSPRNG (getrandom), shown once; only its
/// SHA-256 (swift-crypto) is stored, so a copy of the database cannot be used to read personal feeds.
/// Revoked tokens stop working at once; rotating revokes and issues a new one.
public struct AccessToken: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Bearer token for the JSON API.
        case api
        /// Path token of a spokesperson's private feed and page.
        case spokesperson
        /// Path token of an accredited press agency's private feed and page.
        case press
    }

    public var kind: Kind
    public var subject: String
    public var createdAt: Date
    public var revokedAt: Date?
    /// The first 12 hex digits of the hash, to name a token without revealing it.
    public var fingerprint: String
}

extension PodiumStore {
    /// A new random token: 160 bits from the system CSPRNG, hex.
    static func randomToken() -> String { Digest.randomSecret(bytes: 20) }

    static func hash(_ token: String) -> String { Digest.sha256Hex(Array(token.utf8)) }

    /// Issues a token for a subject (a spokesperson id, or a user name for the API).
    /// - Returns: the token, which is not stored and cannot be shown again.
    public func issueToken(kind: AccessToken.Kind, subject: String, at: Date) throws(StoreError) -> String {
        let token = Self.randomToken()
        try write { db in
            try db.execute(
                sql: "INSERT INTO token (hash, kind, subject, createdAt) VALUES (?, ?, ?, ?)",
                arguments: [Self.hash(token), kind.rawValue, subject, at]
            )
            _ = try Self.record(
                db,
                at: at,
                actor: "token",
                action: "issue",
                entity: "token",
                id: "\(kind.rawValue):\(subject)",
                before: nil,
                after: String(Self.hash(token).prefix(12))
            )
        }
        return token
    }

    /// The subject a valid (issued, not revoked) token stands for.
    public func subject(ofToken token: String, kind: AccessToken.Kind) throws(StoreError) -> String? {
        guard token.count >= 16, token.count <= 64 else { return nil }
        return try read { db in
            try String.fetchOne(
                db,
                sql: "SELECT subject FROM token WHERE hash = ? AND kind = ? AND revokedAt IS NULL",
                arguments: [Self.hash(token), kind.rawValue]
            )
        }
    }

    /// Revokes every live token of a subject (or one, by fingerprint); returns how many.
    public func revokeTokens(kind: AccessToken.Kind, subject: String, fingerprint: String? = nil, at: Date)
        throws(StoreError) -> Int
    {
        try write { db in
            var sql = "UPDATE token SET revokedAt = ? WHERE kind = ? AND subject = ? AND revokedAt IS NULL"
            var arguments: StatementArguments = [at, kind.rawValue, subject]
            if let fingerprint {
                sql += " AND substr(hash, 1, 12) = ?"
                arguments += [fingerprint]
            }
            try db.execute(sql: sql, arguments: arguments)
            let n = db.changesCount
            if n > 0 {
                _ = try Self.record(
                    db,
                    at: at,
                    actor: "token",
                    action: "revoke",
                    entity: "token",
                    id: "\(kind.rawValue):\(subject)",
                    before: nil,
                    after: "\(n) revoked"
                )
            }
            return n
        }
    }

    public func tokens() throws(StoreError) -> [AccessToken] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM token ORDER BY createdAt").map {
                AccessToken(
                    kind: AccessToken.Kind(rawValue: $0["kind"]) ?? .api,
                    subject: $0["subject"],
                    createdAt: $0["createdAt"],
                    revokedAt: $0["revokedAt"],
                    fingerprint: String(($0["hash"] as String).prefix(12))
                )
            }
        }
    }
}
