import Foundation
import Hummingbird

/// The parts of a `multipart/form-data` body (RFC 7578): a file input arrives this way from a
/// plain HTML form, without JavaScript. Only what the pages send is read: each part's
/// `name` and `filename` and its bytes.
struct MultipartForm {
    struct Part {
        var name: String
        var filename: String?
        var data: Data
    }

    var parts: [Part]

    /// Nil when the content type is not multipart or names no boundary.
    init?(contentType: String, body: Data) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
            let range = contentType.range(of: "boundary=")
        else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty else { return nil }
        let delimiter = Data("--\(boundary)".utf8)
        let headerEnd = Data("\r\n\r\n".utf8)
        var parts: [Part] = []
        var cursor = body.startIndex
        while let start = body.range(of: delimiter, in: cursor..<body.endIndex) {
            let after = start.upperBound
            guard let next = body.range(of: delimiter, in: after..<body.endIndex) else { break }
            let chunk = body[after..<next.lowerBound]
            if let split = chunk.range(of: headerEnd) {
                let headers = String(decoding: chunk[chunk.startIndex..<split.lowerBound], as: UTF8.self)
                var content = chunk[split.upperBound...]
                // The CRLF before the next delimiter belongs to the delimiter.
                if content.suffix(2) == Data("\r\n".utf8) { content = content.dropLast(2) }
                if let name = Self.parameter("name", in: headers) {
                    parts.append(
                        Part(name: name, filename: Self.parameter("filename", in: headers), data: Data(content))
                    )
                }
            }
            cursor = next.lowerBound
        }
        self.parts = parts
    }

    func field(_ name: String) -> String? {
        parts.first { $0.name == name }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    func file(_ name: String) -> Data? { parts.first { $0.name == name }?.data }

    /// The name the browser gave the file (its last path component only), for messages.
    func fileName(_ name: String) -> String? {
        guard let given = parts.first(where: { $0.name == name })?.filename, !given.isEmpty else { return nil }
        return given.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)
    }

    static func parameter(_ key: String, in headers: String) -> String? {
        guard let range = headers.range(of: "\(key)=\"") else { return nil }
        let rest = headers[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

extension MultipartForm {
    /// A signed-in browser's multipart form (a file upload): the body read up to `limit`
    /// bytes, parsed, and its CSRF field checked against the session.
    static func read(_ request: Request, _ context: PodiumRequestContext, limit: Int) async throws -> MultipartForm {
        let body = try await request.body.collect(upTo: limit)
        guard
            let form = MultipartForm(
                contentType: request.headers[.contentType] ?? "",
                body: Data(body.readableBytesView)
            )
        else {
            throw Problem.badRequest("send the form as multipart/form-data")
        }
        try WebAuthController.checkCSRF(form.field("csrf"), context)
        return form
    }
}
