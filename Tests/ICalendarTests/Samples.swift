import ICalendar
import TestSupport

/// Calendars shared by the writer and parser tests.
enum Samples {
    /// Every property the feeds use, with text that needs escaping.
    static func fullFeature() throws -> ICalCalendar {
        var master = try Build.event(
            "series-quarterly@podium.test",
            start: Build.zoned(2024, 1, 10, 15),
            rule: "FREQ=MONTHLY;BYDAY=2WE;UNTIL=20241231T170000Z",
            summary: "Họp báo định kỳ; quý, I \\ \"UBND tỉnh\""
        )
        master.lastModified = Build.local(2024, 1, 2, 3, 4)
        master.sequence = 3
        master.exceptionDates = [Build.zoned(2024, 2, 14, 15)]
        master.recurrenceDates = [Build.zoned(2024, 12, 30, 15)]
        master.language = "vi"
        master.description = "Dòng 1\nDòng 2, có dấu phẩy; và chấm phẩy"
        master.location = "Hội trường UBND tỉnh Phú Yên, 8 Trần Hưng Đạo, Tuy Hòa"
        master.geo = Geo(latitude: 13.0955, longitude: 109.3209)
        master.url = "https://podium.test/briefings/q"
        master.conferences = [Conference(uri: "https://live.podium.test/q", label: "Trực tiếp", feature: .video)]
        master.contacts = ["Nguyễn Văn An, Chánh Văn phòng, 0257 3 000 000, an@podium.test"]
        master.categories = ["press-conference", "open"]
        master.classification = .publicAccess
        master.status = .confirmed
        master.transparency = .opaque
        master.organizer = CalendarUser(address: "mailto:press@podium.test", commonName: "Văn phòng UBND")
        master.extensions = [ExtensionProperty(name: "X-PODIUM-FORM", value: "press-conference")]
        var moved = master
        moved.recurrenceRule = nil
        moved.exceptionDates = []
        moved.recurrenceDates = []
        moved.recurrenceID = Build.zoned(2024, 3, 13, 15)
        moved.start = Build.zoned(2024, 3, 15, 9)
        moved.end = Build.zoned(2024, 3, 15, 10, 30)
        moved.sequence = 4
        var berlin = try Build.event("abroad@podium.test", start: Build.zoned(2024, 6, 3, 10, tz: "Europe/Berlin"))
        berlin.attendees = [CalendarUser(address: "mailto:an@podium.test", commonName: "Nguyễn Văn An", role: .chair)]
        return ICalCalendar(
            productID: "-//Podium//Press Briefings//VI",
            method: "PUBLISH",
            names: [
                LocalizedText(language: "vi", text: "Họp báo"), LocalizedText(language: "en", text: "Press briefings"),
            ],
            legacyName: "Họp báo",
            description: "Lịch họp báo",
            timeZoneHint: Build.saigon,
            refreshInterval: 3600,
            source: "https://podium.test/feeds/public.vi.ics",
            events: [master, moved, berlin]
        )
    }

    /// What the writer's text clean-up makes of an event's text fields.
    static func sanitized(_ e: ICalEvent) -> ICalEvent {
        var e = e
        e.summary = e.summary.map(ICalText.sanitize)
        e.description = e.description.map(ICalText.sanitize)
        e.location = e.location.map(ICalText.sanitize)
        e.contacts = e.contacts.map(ICalText.sanitize)
        let organizerName = e.organizer?.commonName.map(ICalText.sanitizeParameter)
        e.organizer?.commonName = organizerName
        return e
    }

    /// Wraps VEVENT-level lines in a minimal VCALENDAR with CRLF line ends.
    static func wrap(_ lines: [String]) -> String {
        (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN"] + lines + ["END:VCALENDAR"])
            .joined(separator: "\r\n") + "\r\n"
    }
}
