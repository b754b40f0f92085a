import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// What every request gets, whatever its route (RFC 9110):
/// - HEAD is answered wherever GET is, with GET's status and headers and no body (§9.3.2);
/// - a method no route uses (TRACE, CONNECT, …) is answered 405 with `Allow` (§15.5.6);
/// - every answer of 400 or more is logged with method, route, status and time — the path
///   with private tokens blanked out, never a query string or a header.
struct HTTPHygieneMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    /// The methods some route uses; a switch, not a set built on every request.
    static func isAllowed(_ method: HTTPRequest.Method) -> Bool {
        switch method {
        case .get, .head, .post, .put, .delete: true
        default: false
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        guard Self.isAllowed(request.method) else {
            let problem = Problem(
                .methodNotAllowed,
                "Method not allowed",
                "\(request.method.rawValue) is not used by any route"
            )
            var response = try problem.response(from: request, context: context)
            response.headers[.allow] = "GET, HEAD, POST, PUT, DELETE"
            log(request, status: response.status, since: started)
            return response
        }
        var forwarded = request
        if request.method == .head {
            var head = request.head
            head.method = .get
            forwarded = Request(head: head, body: request.body)
        }
        do {
            var response = try await next(forwarded, context)
            if response.status.code >= 400 {
                log(request, status: response.status, since: started)
                // Hummingbird's router answers its own refusals (no route, a body that is not
                // JSON) as `{"error":{"message":…}}`; every 4xx/5xx here is an RFC 9457 problem.
                if response.headers[.contentType]?.hasPrefix("application/json") == true {
                    let detail: String
                    switch response.status {
                    case .notFound:
                        detail = "no such route: \(request.method.rawValue) \(Self.redacted(request.uri.path))"
                    case .badRequest:
                        detail = "the body is not valid JSON or lacks a required field (see /openapi.json)"
                    case .contentTooLarge: detail = "the body is larger than the server accepts"
                    default: detail = response.status.reasonPhrase
                    }
                    response = try Problem(response.status, response.status.reasonPhrase, detail)
                        .response(from: request, context: context)
                }
            }
            if request.method == .head {
                response.body = ResponseBody()
            }
            return response
        } catch let error as HTTPError {
            // Hummingbird's own refusals (no route, a body that is not JSON, too large) become
            // problem documents like every other 4xx (RFC 9457).
            let detail =
                error.status == .notFound
                ? "no such route: \(request.method.rawValue) \(Self.redacted(request.uri.path))"
                : (error.body ?? error.status.reasonPhrase)
            let problem = Problem(error.status, error.status.reasonPhrase, detail)
            log(request, status: problem.status, since: started)
            throw problem
        } catch let error as DecodingError {
            // A body that does not decode is the client's mistake: 400 with what was wrong.
            let problem = Problem.badRequest(Self.describe(error))
            log(request, status: problem.status, since: started)
            throw problem
        } catch {
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            log(request, status: status, since: started, error: status.code >= 500 ? error : nil)
            throw error
        }
    }

    /// What is wrong with a body, naming the field (RFC 9457 `detail`).
    static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let c):
            let at = path(c)
            return "the body has no \(at.isEmpty ? "" : at + ".")\(key.stringValue)"
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return "\(path(c)): \(c.debugDescription)"
        case .dataCorrupted(let c):
            return path(c).isEmpty
                ? "the body is not valid: \(c.debugDescription)" : "\(path(c)): \(c.debugDescription)"
        @unknown default:
            return "the body is not valid"
        }
    }

    /// One line per failed request; server errors at `error` level with their cause.
    func log(_ request: Request, status: HTTPResponse.Status, since: ContinuousClock.Instant, error: (any Error)? = nil)
    {
        let elapsed = ContinuousClock.now - since
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)",
            "path": "\(Self.redacted(request.uri.path))",
            "status": "\(status.code)",
            "ms": "\(Int(ms.rounded()))",
        ]
        if let error { metadata["cause"] = "\(String(describing: error).prefix(500))" }
        logger.log(level: status.code >= 500 ? .error : .info, "request failed", metadata: metadata)
    }

    /// The path with the secret segment of private links (`/me/<token>`,
    /// `/feeds/spokespeople/<token>.ics`, `/press/<token>`) replaced, so logs never hold a token.
    static func redacted(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        for (i, part) in parts.enumerated() {
            let previous = i > 0 ? parts[i - 1] : ""
            if ["me", "spokespeople", "press"].contains(previous) && !part.isEmpty {
                out.append("<token>")
            } else {
                out.append(part)
            }
        }
        return out.joined(separator: "/")
    }
}
