import Crypto
import Foundation

/// SHA-256 (FIPS 180-4) from swift-crypto: tokens and session ids are stored only as this
/// digest, and feeds' strong ETags are derived from it. The one place that imports Crypto.
public enum Digest {
    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new secret: `count` bytes from the system's CSPRNG, hex-encoded.
    public static func randomSecret(bytes count: Int = 20) -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<count).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
    }
}
