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
        let (publicCache, personalCache) = ("public, max-age=300", "private, no-store")
        publicNotModified = Self.validators(etag: etag, cache: publicCache)
        personalNotModified = Self.validators(etag: etag, cache: personalCache)
        publicHeaders = Self.full(publicNotModified, lastModified: lastModifiedText)
        personalHeaders = Self.full(personalNotModified, lastModified: lastModifiedText)
    }

    /// What every answer carries, a 304 included.
    static func validators(etag: String, cache: String) -> HTTPFields {
        [.eTag: etag, .cacheControl: cache, .vary: "Accept-Encoding"]
    }

    /// A 200's headers: the validators and the representation's metadata.
    static func full(_ validators: HTTPFields, lastModified: String) -> HTTPFields {
        var fields = validators
        fields[.contentType] = "text/calendar; charset=utf-8"
        fields[.lastModified] = lastModified
        return fields
    }
}
