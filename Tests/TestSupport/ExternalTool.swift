public import Foundation

/// Runs the independent checkers (python parsers, clients) that `make test` installs into
/// a virtualenv. Their location comes from `PODIUM_PYTHON`. A test that needs one fails
/// with the reason when it is missing — never skips — so a machine without the tools
/// cannot pass the suite silently (`make test` installs them and sets the variable).
public enum ExternalTool {
    /// A tool the test needs is not there.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// The virtualenv's python, or a failure naming how to get it.
    public static func requirePython() throws -> String {
        guard let python = ProcessInfo.processInfo.environment["PODIUM_PYTHON"],
            FileManager.default.isExecutableFile(atPath: python)
        else {
            throw Missing(
                description: "PODIUM_PYTHON is not set to the virtualenv's python: run `make unit` or `make test`"
            )
        }
        return python
    }

    /// Runs a command and returns its exit status and combined output.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension ExternalTool {
    /// The `podium` executable built next to the test bundle (`make test` builds it first).
    public static var podium: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("podium").path
    }

    /// Runs `podium` with arguments in a working directory; returns status, stdout and stderr.
    public static func podium(_ arguments: [String], in directory: URL? = nil, stdin: String? = nil) throws
        -> (status: Int32, out: String, err: String)
    {
        guard FileManager.default.isExecutableFile(atPath: podium) else {
            throw Missing(description: "\(podium) is not built: run `swift build` first (make test does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: podium)
        process.arguments = arguments
        // Tests run in fresh folders; the legal rules are the repository's, as deployed.
        var environment = ProcessInfo.processInfo.environment
        environment["PODIUM_RULES"] =
            environment["PODIUM_RULES"]
            ?? RepositoryPaths.calendars.appendingPathComponent("rules/vietnam.yaml").path
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
