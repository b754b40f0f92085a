public import Foundation
import HTTPTypes
import Hummingbird

/// The floor for serving feeds (issue 17, P3): a bare Hummingbird route that answers one file's
/// bytes from memory, with a strong ETag and 304 on `If-None-Match`, and nothing else — no
/// middleware, no store, no cache check. `bench/http.sh` runs it beside `podium serve` on the
/// same bytes, so what Podium adds to its framework is measured, not guessed. Lives here
/// because `Server` is the one target that imports Hummingbird; only `PodiumBench` calls it.
public enum FloorServer {
    public static func run(body: Data, path: String, port: Int) async throws {
        let buffer = ByteBuffer(bytes: body)
        let etag = "\"" + String(body.count, radix: 16) + "-" + String(body.hashValue & 0xffff_ffff, radix: 16) + "\""
        let router = Router()
        router.get(RouterPath(path)) { request, _ -> Response in
            if request.headers[.ifNoneMatch] == etag {
                return Response(status: .notModified, headers: [.eTag: etag])
            }
            return Response(
                status: .ok,
                headers: [.eTag: etag, .contentType: "text/calendar; charset=utf-8"],
                body: ResponseBody(byteBuffer: buffer)
            )
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
