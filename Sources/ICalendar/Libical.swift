internal import CLibical
import Foundation

/// The one door to libical.
///
/// libical 3.0.16 is not safe to call from many threads at once: the first load of a
/// built-in time zone scans and appends to a global array without its lock
/// (icaltimezone.c:1356-1404, libical#1029), and `icalerrno` plus the string ring buffer
/// are per thread (icalerror.c:34-63). Every C call in this module that can reach shared
/// state therefore runs inside `Libical.run`, which holds one process-wide lock; time zones
/// (UTC's included, created on first use) are loaded and cached under the same lock.
/// Component trees never escape a `run` closure, so nothing libical owns is ever shared
/// between tasks. One exception, for speed: a recurrence iterator works in its own memory
/// and on a zone already loaded (whose change cache libical guards with a mutex of its own,
/// icaltimezone.c), so `RecurrenceSet` runs it outside the lock and two threads can expand
/// series at once (a national plan's expansion is mostly libical's iterator; issue 17, P2).
enum Libical {
    /// State touched only while the lock is held.
    struct State {
        /// Built-in zones by IANA name. libical owns them for the life of the process.
        var zones: [String: OpaquePointer] = [:]
        /// UTC offsets (seconds) of whole days without a transition, by zone and day number:
        /// most conversions then skip libical entirely.
        var dayOffsets: [String: [Int: Int]] = [:]
        var configured = false
    }

    /// The lock and the state it guards. `@unchecked Sendable` is sound because `state` is
    /// only touched between `lock()` and `unlock()` in `run`.
    private final class Gate: @unchecked Sendable {
        let lock = NSLock()
        var state = State()
    }

    private static let gate = Gate()

    /// Runs `body` with the lock held and libical configured. Not re-entrant: code inside
    /// `body` calls the `…LockHeld` variants, never another public entry point.
    static func run<T, E: Error>(_ body: (inout State) throws(E) -> T) throws(E) -> T {
        gate.lock.lock()
        defer { gate.lock.unlock() }
        if !gate.state.configured {
            // Errors are reported, never fatal: a server must not abort on bad input
            // (icalendar.md §3.5). Set once, under the lock, because the setter is a
            // process-wide global with no lock of its own (icalerror.h:148-150).
            icalerror_set_errors_are_fatal(0)
            gate.state.configured = true
        }
        return try body(&gate.state)
    }

    /// Clears `icalerrno` so the next check sees only the call that follows
    /// (libical rarely resets it, icalendar.md §3.5).
    static func clearError() { podium_icalerrno_clear() }

    /// The checkpoint every checked C call goes through: a NULL result or a set `icalerrno`
    /// becomes `ICalendarError.libical` naming the function.
    static func check<P>(_ result: P?, function: String = #function) throws(ICalendarError) -> P {
        let err = podium_icalerrno_get()
        guard let result, err == ICAL_NO_ERROR else {
            let message = err == ICAL_NO_ERROR ? "returned NULL" : String(cString: icalerror_strerror(err))
            podium_icalerrno_clear()
            throw .libical(function: function, message: message)
        }
        return result
    }

    /// libical's UTC zone, created on its first use without a lock of its own
    /// (icaltimezone.c): so it is first asked for here, under ours.
    static func utc(in state: inout State) -> OpaquePointer { icaltimezone_get_utc_timezone() }

    /// Returns the built-in zone for an IANA name, loading it once (under the lock).
    static func zone(_ tzid: String, in state: inout State) throws(ICalendarError) -> OpaquePointer {
        if let cached = state.zones[tzid] { return cached }
        guard isPlausibleZoneName(tzid), let zone = icaltimezone_get_builtin_timezone(tzid) else {
            throw .unknownTimeZone(tzid)
        }
        // Warm the zone's change cache now, so later conversions only read it.
        var probe = icaltime_from_timet_with_zone(0, 0, zone)
        icaltimezone_convert_time(&probe, zone, icaltimezone_get_utc_timezone())
        state.zones[tzid] = zone
        return zone
    }

    /// IANA names are ASCII `Area/Location` words; this keeps path tricks such as `../`
    /// away from libical's zoneinfo lookup.
    static func isPlausibleZoneName(_ tzid: String) -> Bool {
        guard !tzid.isEmpty, tzid.count < 64, !tzid.hasPrefix("/"), !tzid.contains("..") else { return false }
        return tzid.unicodeScalars.allSatisfy { s in
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "/_-+".unicodeScalars.contains(s))
        }
    }

    /// Copies a caller-owned libical string (`*_r` API) into Swift and frees it.
    static func takeString(_ buffer: UnsafeMutablePointer<CChar>?, function: String = #function)
        throws(ICalendarError) -> String
    {
        guard let buffer else { throw .libical(function: function, message: "returned NULL") }
        defer { icalmemory_free_buffer(buffer) }
        return String(cString: buffer)
    }
}
