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
        let object: [String: Any] = [
            "type": type, "title": title, "status": Int(status.code), "detail": detail, "instance": request.uri.path,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
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
