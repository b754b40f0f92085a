import Foundation

/// How a command ends when it does not simply succeed.
struct PodiumExit: Error {
    var code: Int32
    var message: String?

    /// Problems found (a check failed): exit 1.
    static func problems(_ message: String? = nil) -> PodiumExit { PodiumExit(code: 1, message: message) }
    /// Usage or bad input: exit 2, with one clear line.
    static func badInput(_ message: String) -> PodiumExit { PodiumExit(code: 2, message: "podium: \(message)") }
}

/// A warning or note for the person at the terminal, on standard error, so standard output
/// stays the command's result (and `--json` stays parseable).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
