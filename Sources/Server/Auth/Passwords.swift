import HummingbirdBcrypt

/// Password hashing with bcrypt (hummingbird-auth's `HummingbirdBcrypt`).
///
/// Cost 12: one hash takes about a quarter of a second on one core of the project machine
/// (BENCHMARKS.md, "login throughput"), which makes an offline guess of a stolen hash
/// expensive (OWASP's minimum is 10) while a person signing in barely notices; sign-ins are
/// also throttled, so the cost does not become a way to exhaust the server.
public enum Passwords {
    public static let cost: UInt8 = 12

    /// The bcrypt hash of a password (salted, self-describing: `$2b$12$…`).
    public static func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }

    /// Whether `password` matches `hash`.
    public static func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A new one-time password for a person to change at first sign-in: 16 characters from an
    /// alphabet without look-alikes (no 0/O, 1/l/I), about 90 bits.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// Why a new password is refused, or nil: at least 10 characters (OWASP ASVS 2.1.1 asks
    /// for 12 for level 1 with no other rules; 10 here with the generated ones at 16) and not
    /// the login name.
    public static func weakness(_ password: String, user: String) -> String? {
        if password.count < 10 { return "a password has at least 10 characters" }
        if password.lowercased().contains(user.lowercased()) { return "a password must not contain the login name" }
        return nil
    }
}
