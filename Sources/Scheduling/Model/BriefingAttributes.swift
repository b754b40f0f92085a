/// The six forms of giving information to the press (Decree 09/2017 Art. 4).
public enum InformationForm: String, Hashable, Sendable, Codable, CaseIterable {
    /// 1. Tổ chức họp báo.
    case pressConference = "press-conference"
    /// 2. Đăng tải trên cổng/trang thông tin điện tử hoặc mạng xã hội chính thức.
    case portalPost = "portal-post"
    /// 3. Phát ngôn trực tiếp, trả lời phỏng vấn.
    case interview
    /// 4. Thông cáo báo chí, trả lời bằng văn bản.
    case pressRelease = "press-release"
    /// 5. Giao ban báo chí.
    case pressBriefing = "press-briefing"
    /// 6. Yêu cầu phản hồi, cải chính, xin lỗi.
    case correction
}

/// Who may attend.
public enum AccessClass: String, Hashable, Sendable, Codable, CaseIterable {
    case open, pool, closed
}

/// Whether what is said may be attributed.
public enum AttributionRule: String, Hashable, Sendable, Codable, CaseIterable {
    case onTheRecord = "on-the-record"
    case background
}

/// Who may see the briefing in Podium's views and feeds.
public enum Visibility: String, Hashable, Sendable, Codable, CaseIterable {
    /// Everyone, including the public feeds.
    case `public`
    /// Accredited press only (agency and spokesperson feeds, not the public one).
    case pressOnly = "press-only"
    /// The secretariat and the people assigned.
    case `internal`
}

/// The life cycle of a series or a briefing.
public enum BriefingStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case draft, scheduled, cancelled, held
}

/// What to do with a regular occurrence that falls on a day off (R-HOLIDAYS).
public enum HolidayPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    case skip
    case nextWorkingDay = "next-working-day"
    case previousWorkingDay = "previous-working-day"
    case keep
}
