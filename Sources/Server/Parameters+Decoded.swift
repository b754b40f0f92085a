import Foundation
import Hummingbird

extension Parameters {
    /// A path parameter with its percent-encoding undone (RFC 3986 §2.1).
    ///
    /// Hummingbird's router matches and returns the raw segment, so a link written as
    /// `/briefings/hop-bao-quy%4020241003T150000` would otherwise look up an id containing
    /// `%40`. Every route reads its parameters through this one function.
    func decoded(_ name: String) throws -> String {
        let raw = try require(name)
        guard let text = raw.removingPercentEncoding else {
            throw Problem.badRequest("the \(name) in the path is not valid percent-encoded UTF-8")
        }
        return text
    }
}
