public import Foundation
public import ICalendar

/// Paths into the repository, found from this file's location so tests run from any
/// working directory.
public enum RepositoryPaths {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    public static let calendars = root.appendingPathComponent("calendars")

    public static func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

    public static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}

/// Golden-file comparison. With `RECORD_GOLDENS=1` the file is (re)written instead,
/// like snapshot testing's record mode; a reviewer then reads the diff.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// Returns the stored text, or writes `actual` and returns it when recording.
    public static func expected(at url: URL, actual: String) throws -> String {
        if recording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(actual.utf8).write(to: url, options: .atomic)
            return actual
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// Small builders so tests read as the schedule they describe.
public enum Build {
    public static let saigon = "Asia/Ho_Chi_Minh"
    public static let stamp = LocalDateTime(year: 2024, month: 1, day: 1, hour: 0, minute: 0)

    public static func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> LocalDateTime {
        LocalDateTime(year: y, month: m, day: d, hour: h, minute: min)
    }

    public static func zoned(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0, tz: String = saigon)
        -> ICalDateTime
    {
        .zoned(local(y, m, d, h, min), tzid: tz)
    }

    public static func event(
        _ uid: String,
        start: ICalDateTime,
        minutes: Int = 60,
        rule: String? = nil,
        summary: String = "Briefing"
    ) throws -> ICalEvent {
        var e = ICalEvent(
            uid: uid,
            timestamp: stamp,
            start: start,
            end: start.withWallTime(start.wallTime.adding(seconds: minutes * 60))
        )
        e.summary = summary
        if let rule { e.recurrenceRule = try RecurrenceRule(rule) }
        return e
    }
}
