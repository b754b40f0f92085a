import Foundation
import Hummingbird
import Store

/// hummingbird-auth's session storage over Podium's SQLite store, so sessions survive a
/// restart and every server process sees the same ones. Keys (the cookie's session id) are
/// stored only as SHA-256, like every other secret.
struct StorePersistDriver: PersistDriver {
    let store: any PodiumStorage

    static func keyHash(_ key: String) -> String { Digest.sha256Hex(Array(key.utf8)) }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let created = try store.setSession(
            keyHash: Self.keyHash(key),
            value: try JSONEncoder().encode(value),
            expiresAt: expires.map(Self.date),
            keepExpiry: false,
            create: true,
            now: Date()
        )
        if !created { throw PersistError.duplicate }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try store.setSession(
            keyHash: Self.keyHash(key),
            value: try JSONEncoder().encode(value),
            expiresAt: expires.map(Self.date),
            keepExpiry: true,
            create: false,
            now: Date()
        )
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: Object.self)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as: Object.Type) async throws
        -> (object: Object, ttl: Duration?)?
    {
        guard let found = try store.session(keyHash: Self.keyHash(key), now: Date()) else { return nil }
        guard let object = try? JSONDecoder().decode(Object.self, from: found.value) else { return nil }
        let ttl = found.expiresAt.map { Duration.seconds(max(0, Int64($0.timeIntervalSinceNow))) }
        return (object, ttl)
    }

    func remove(key: String) async throws {
        try store.removeSession(keyHash: Self.keyHash(key))
    }

    static func date(_ d: Duration) -> Date { Date().addingTimeInterval(TimeInterval(d.components.seconds)) }
}
