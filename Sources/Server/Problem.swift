import APIBodies
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answered as RFC 9457 problem details (`application/problem+json`).
struct Problem: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    var type: String

    init(_ status: HTTPResponse.Status, _ title: String, _ detail: String, type: String? = nil) {
        self.status = status
        self.title = title
        self.detail = detail
        self.type = type ?? "about:blank"
    }

    var headers: HTTPFields { [.contentType: "application/problem+json"] }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        if Self.wantsPage(request) { return page(request) }
        let object: [String: Any] = [
            "type": type, "title": title, "status": Int(status.code), "detail": detail, "instance": request.uri.path,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A browser opening one of the pages (not the API, not a feed) gets the problem as a
    /// page in the site's frame, with a title and language and a way back; every other
    /// client gets the RFC 9457 document.
    static func wantsPage(_ request: Request) -> Bool {
        let path = request.uri.path
        let pages = ["/workspace", "/my", "/secretariat", "/account", "/series/", "/briefings/", "/press/", "/me/"]
        guard pages.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) else {
            return false
        }
        return (request.headers[.accept] ?? "").contains("text/html")
    }

    func page(_ request: Request) -> Response {
        let english = request.uri.queryParameters["lang"] == "en"
        let heading = "\(status.code) — \(title)"
        let back =
            english
            ? "<p><a href=\"/workspace\">Back to the workspace</a> · <a href=\"/\">Public calendar</a></p>"
            : "<p><a href=\"/workspace\">Về trang làm việc</a> · <a href=\"/\">Lịch công khai</a></p>"
        var response = PodiumService.html(
            HTML.page(
                title: heading + " — Podium",
                language: english ? "en" : "vi",
                body: "<h1>\(HTML.escape(heading))</h1><p class=\"error\" role=\"alert\">\(HTML.escape(detail))</p>"
                    + back
            ),
            personal: true
        )
        response.status = status
        return response
    }

    /// A body the API decoded but cannot take: 400 when malformed, 422 when refused by a rule.
    init(_ error: BodyError) {
        switch error.kind {
        case .malformed: self.init(.badRequest, "Bad request", error.detail)
        case .refused: self.init(.unprocessableContent, "Invalid change", error.detail)
        }
    }

    /// What a body becomes, its errors as problems (one conversion for every route).
    static func taking<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as BodyError { throw Problem(error) }
    }

    static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, "Bad request", detail) }
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, "Not found", detail) }
    static func unauthorized() -> Problem {
        Problem(.unauthorized, "Unauthorized", "a valid bearer token is required (podium token create --kind api)")
    }
    static func stale(_ detail: String) -> Problem { Problem(.preconditionFailed, "Precondition failed", detail) }
    static func ifMatchRequired() -> Problem {
        Problem(
            .preconditionRequired,
            "Precondition required",
            "send If-Match with the ETag you read (optimistic concurrency)"
        )
    }
}
