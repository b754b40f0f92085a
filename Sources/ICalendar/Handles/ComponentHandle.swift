internal import CLibical

/// Owns one libical component tree and frees it in `deinit`.
///
/// Created and dropped inside a single `Libical.run` closure, so the tree is never seen by
/// two threads; it is deliberately not Sendable.
final class ComponentHandle {
    let pointer: OpaquePointer

    init(kind: icalcomponent_kind) throws(ICalendarError) {
        Libical.clearError()
        pointer = try Libical.check(icalcomponent_new(kind), function: "icalcomponent_new")
    }

    /// Takes ownership of a tree libical returned (the parser's result, a clone).
    init(owning pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { icalcomponent_free(pointer) }

    /// Adds a property to `component` (this tree or one of its children); the component
    /// owns it from here on.
    static func add(_ property: OpaquePointer?, to component: OpaquePointer, function: String = #function)
        throws(ICalendarError)
    {
        guard let property else { throw .libical(function: function, message: "property constructor returned NULL") }
        icalcomponent_add_property(component, property)
    }

    /// Creates a child component already attached to this tree, so it is freed with the
    /// tree even if building it fails halfway.
    func addChild(_ kind: icalcomponent_kind) throws(ICalendarError) -> OpaquePointer {
        Libical.clearError()
        let child = try Libical.check(icalcomponent_new(kind), function: "icalcomponent_new")
        icalcomponent_add_component(pointer, child)
        return child
    }

    /// Attaches a tree this handle did not create (a cloned VTIMEZONE).
    func addChild(owned child: OpaquePointer) {
        icalcomponent_add_component(pointer, child)
    }

    /// Serialises with the caller-owned `_r` API: CRLF line ends, folded at ≤ 75 octets
    /// (RFC 5545 §3.1; icalproperty.c:216-258).
    func serialise() throws(ICalendarError) -> String {
        try Libical.takeString(icalcomponent_as_ical_string_r(pointer), function: "icalcomponent_as_ical_string_r")
    }
}
