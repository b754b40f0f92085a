import CompressNIO
import Foundation
import NIOCore
import Store

/// A feed ready to serve: its bytes, their gzip form, a strong ETag and Last-Modified.
struct RenderedFeed: Sendable {
    let body: ByteBuffer
    let gzipped: ByteBuffer?
    /// A strong validator: the SHA-256 of the bytes (RFC 9110 §8.8.3), quoted.
    let etag: String
    let lastModified: Date
    /// `lastModified` as the header writes it, formatted once per feed, not per request.
    let lastModifiedText: String

    init(text: String, lastModified: Date) {
        let bytes = Array(text.utf8)
        body = ByteBuffer(bytes: bytes)
        var source = body
        gzipped = try? source.compress(with: .gzip())
        etag = "\"" + String(Digest.sha256Hex(bytes).prefix(32)) + "\""
        self.lastModified = lastModified
        lastModifiedText = HTTPDate.format(lastModified)
    }
}
