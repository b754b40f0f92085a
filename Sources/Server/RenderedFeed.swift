import CompressNIO
import Foundation
import HTTPTypes
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

    /// The response headers, built once per feed (a 304 answers with them unchanged): for
    /// public feeds (cached by anyone for five minutes) and for personal ones (never stored).
    let publicHeaders: HTTPFields
    let personalHeaders: HTTPFields
    /// A 304's headers: what RFC 9110 §15.4.5 asks a 304 to repeat (ETag, Cache-Control,
    /// Vary) and no representation metadata (Content-Type, Last-Modified), which it says a
    /// sender should not send when there is an ETag — fewer bytes on the commonest answer.
    let publicNotModified: HTTPFields
    let personalNotModified: HTTPFields

    init(text: String, lastModified: Date) {
        let bytes = Array(text.utf8)
        body = ByteBuffer(bytes: bytes)
        var source = body
        gzipped = try? source.compress(with: .gzip())
        etag = "\"" + String(Digest.sha256Hex(bytes).prefix(32)) + "\""
        self.lastModified = lastModified
        lastModifiedText = HTTPDate.format(lastModified)
        publicHeaders = Self.headers(etag: etag, lastModified: lastModifiedText, cache: "public, max-age=300")
        personalHeaders = Self.headers(etag: etag, lastModified: lastModifiedText, cache: "private, no-store")
        publicNotModified = [.eTag: etag, .cacheControl: "public, max-age=300", .vary: "Accept-Encoding"]
        personalNotModified = [.eTag: etag, .cacheControl: "private, no-store", .vary: "Accept-Encoding"]
    }

    static func headers(etag: String, lastModified: String, cache: String) -> HTTPFields {
        [
            .contentType: "text/calendar; charset=utf-8", .eTag: etag, .lastModified: lastModified,
            .cacheControl: cache, .vary: "Accept-Encoding",
        ]
    }
}
