import Foundation
public import Scheduling

/// The workspace's words, per language (Vietnamese by default, English for users who chose it).
public enum WorkspaceText {
    /// Every word the templates use as `{{t.KEY}}`, in `language` (a test holds the
    /// templates to it: a missing word would be an empty label or link).
    public static func words(_ language: Language) -> [String: String] {
        (language == .en ? en : vi).merging(language == .en ? afterEN : afterVI) { a, _ in a }
    }

    /// The words of outcomes and the report (docs/outcomes.md).
    static let afterVI: [String: String] = [
        "after": "Sau buổi họp báo", "notSaved": "Chưa lưu:", "result": "Kết quả",
        "outcomeReason": "Lý do (nếu không tổ chức hoặc lùi)",
        "postponedTo": "Lùi sang buổi (mã)", "actualStart": "Bắt đầu thực tế", "actualEnd": "Kết thúc thực tế",
        "speaker": "Người phát ngôn", "role": "Vai trò", "guest": "Khách mời (họ tên, chức vụ)",
        "pressAgencies": "Số cơ quan báo chí", "journalists": "Số phóng viên", "foreignAgencies": "Trong đó nước ngoài",
        "foreignJournalists": "PV nước ngoài", "received": "Câu hỏi nhận", "answered": "Đã trả lời",
        "pressRelease": "Thông cáo báo chí (văn bản hoặc đường dẫn)", "transcript": "Biên bản (đường dẫn)",
        "recording": "Ghi âm, ghi hình (đường dẫn)", "note": "Ghi chú", "recordOutcome": "Lưu kết quả",
        "noOutcome": "Chưa ghi nhận kết quả.", "followUps": "Nội dung hẹn trả lời", "outlet": "Cơ quan báo chí",
        "question": "Nội dung", "promised": "Hẹn trả lời", "answeredOn": "Đã trả lời ngày",
        "markAnswered": "Đánh dấu đã trả lời", "addFollowUp": "Thêm nội dung hẹn trả lời", "report": "Báo cáo năm",
        "year": "Năm", "number": "Số văn bản", "date": "Ngày ban hành", "place": "Địa danh", "signer": "Người ký",
        "achievements": "Kết quả đạt được (tình hình chung)", "shortcomings": "Tồn tại, hạn chế và nguyên nhân",
        "directions": "Phương hướng, nhiệm vụ năm sau", "save": "Lưu", "openReport": "Mở báo cáo (HTML, in ra A4)",
        "csv": "Số liệu CSV", "json": "Số liệu JSON", "missingOutcomes": "Buổi đã diễn ra chưa có kết quả",
        "planned": "Theo kế hoạch", "held": "Đã tổ chức", "unmetPeriods": "Kỳ không đạt quy định",
        "myAssignments": "Buổi được phân công", "acknowledged": "đã xác nhận", "offered": "đang nhờ người nhận thay",
        "conflict": "trùng lịch vắng mặt", "acknowledge": "Xác nhận", "decline": "Từ chối",
        "offerSwap": "Nhờ đồng nghiệp nhận thay", "offersForMe": "Đồng nghiệp nhờ nhận thay", "offeredBy": "của",
        "takeIt": "Nhận thay", "availability": "Lịch vắng mặt", "lastDay": "Đến hết ngày", "kindOfAbsence": "Loại",
        "leave": "Nghỉ phép", "travel": "Công tác", "busy": "Bận",
        "conflictsWith": "Các buổi trùng với lịch vắng mặt của anh/chị:", "swaps": "Đổi người phát ngôn chờ duyệt",
        "refuse": "Không duyệt", "my": "Lịch của tôi", "mailWanted": "Nhận thư khi", "approveSwap": "Duyệt đổi người",
        "busyFile": "Tệp lịch của anh/chị (.ics)", "readBusy": "Đọc lịch bận",
        "weekOf": "Tuần có ngày", "weekView": "Xem theo tuần", "users": "Người dùng", "login": "Tên đăng nhập",
        "grants": "Quyền", "status": "Trạng thái", "revoke": "Thu hồi", "disabledWord": "đã khóa", "enable": "Mở khóa",
        "disable": "Khóa", "grant": "Cấp quyền", "newUser": "Thêm người dùng", "languageWord": "Ngôn ngữ",
        "createUser": "Tạo tài khoản", "createdUser": "Đã tạo tài khoản",
        "shownOnce": "mật khẩu dùng một lần, chỉ hiện lần này; người dùng đổi ở trang Tài khoản.",
        "planFile": "Kế hoạch (tệp)", "downloadPlan": "Tải kế hoạch về (YAML)",
        "downloadNeedsAll":
            "Tệp tải về là phần kế hoạch của các cơ quan anh/chị được xem (không gồm ngày nghỉ, giờ làm việc và quy định riêng của tỉnh).",
        "uploadPlan": "Tải kế hoạch lên", "planToUpload": "Tệp kế hoạch (.yaml)",
        "uploadHelp":
            "Cả tệp được nhận hoặc không nhận gì: lỗi được chỉ rõ dòng và trường. Tệp tải về ở phiên bản dữ liệu này; nếu có thay đổi sau đó, tệp bị từ chối để không ghi đè.",
        "dataVersion": "Phiên bản dữ liệu", "nothingChanged": "Không có gì thay đổi.", "createdItems": "Tạo mới",
        "updatedItems": "Cập nhật", "unchangedItems": "Không đổi",
        "uploadRefused": "Không nhận tệp — không có gì thay đổi:",
        "newSeries": "Lịch định kỳ mới", "seriesIdWord": "Mã (để trống: lấy từ tiêu đề)", "venueWord": "Địa điểm",
        "firstDay": "Từ ngày", "timeOfDay": "Giờ", "repeat": "Lặp lại", "weekly": "hằng tuần", "monthly": "hằng tháng",
        "customRule": "quy tắc RRULE tự viết", "everyN": "Cách (tuần hoặc tháng)", "onDays": "Vào các thứ",
        "whichDay": "Ngày nào trong tháng", "nthWeekday": "Thứ … thứ mấy trong tháng", "dayOfMonth": "Ngày trong tháng",
        "lastWorkday": "Ngày làm việc cuối tháng", "ends": "Kết thúc", "neverEnds": "Không hẹn ngày kết thúc",
        "afterCount": "Sau số lần", "onDate": "Đến hết ngày", "holidaysWord": "Gặp ngày nghỉ",
        "visibilityWord": "Công khai", "previewDates": "Xem trước 12 buổi", "ruleIs": "Quy tắc",
        "nextDates": "Các buổi tới (tối đa 12)", "createSeries": "Tạo lịch định kỳ", "saveWhole": "Lưu cho cả chuỗi",
        "scopeOne": "Chỉ một buổi: mở buổi đó trong danh sách và dời hoặc hủy ở trang của buổi.",
        "scopeFollowing": "Buổi này và các buổi sau", "scopeWhole": "Cả chuỗi",
        "splitHere": "Tách chuỗi từ buổi này", "newSeriesId": "Mã chuỗi mới", "fromOccurrence": "Từ buổi",
        "seriesStatus": "Trạng thái", "seriesPage": "Chuỗi họp báo định kỳ", "formWord": "Hình thức",
        "draftedItems": "Lưu dạng nháp, chờ duyệt", "returnedWith": "Đã trả lại",
        "returnComment": "Ý kiến khi trả lại", "returnIt": "Trả lại để sửa",
    ]

    static let afterEN: [String: String] = [
        "after": "After the briefing", "notSaved": "Not saved:", "result": "Result",
        "outcomeReason": "Reason (if not held or postponed)",
        "postponedTo": "Postponed to (occurrence id)", "actualStart": "Actual start", "actualEnd": "Actual end",
        "speaker": "Speaker", "role": "Role", "guest": "Guest (name, title)", "pressAgencies": "Press agencies",
        "journalists": "Journalists", "foreignAgencies": "Of which foreign",
        "foreignJournalists": "Foreign journalists",
        "received": "Questions received", "answered": "Answered", "pressRelease": "Press release (text or link)",
        "transcript": "Transcript (link)", "recording": "Recording (link)", "note": "Note",
        "recordOutcome": "Save the outcome", "noOutcome": "No outcome recorded yet.",
        "followUps": "Answers promised", "outlet": "Outlet", "question": "Question", "promised": "Promised by",
        "answeredOn": "Answered on", "markAnswered": "Mark answered", "addFollowUp": "Add a promised answer",
        "report": "Yearly report", "year": "Year", "number": "Document number", "date": "Date of issue",
        "place": "Place", "signer": "Signed by", "achievements": "Results achieved (overview)",
        "shortcomings": "Shortcomings and causes", "directions": "Directions for next year", "save": "Save",
        "openReport": "Open the report (HTML, prints on A4)", "csv": "Numbers as CSV", "json": "Numbers as JSON",
        "missingOutcomes": "Briefings that took place without an outcome", "planned": "Planned", "held": "Held",
        "unmetPeriods": "Periods not meeting the rules", "myAssignments": "My assignments",
        "acknowledged": "acknowledged", "offered": "offered to colleagues", "conflict": "clashes with an absence",
        "acknowledge": "Acknowledge", "decline": "Decline", "offerSwap": "Ask a colleague to take it",
        "offersForMe": "Colleagues asking you to take over", "offeredBy": "from", "takeIt": "Take it",
        "availability": "Absences", "lastDay": "Last day", "kindOfAbsence": "Kind", "leave": "Leave",
        "travel": "Travel", "busy": "Busy", "conflictsWith": "These assignments clash with your absences:",
        "swaps": "Swaps waiting for approval", "refuse": "Refuse", "my": "My assignments",
        "approveSwap": "Approve the swap",
        "busyFile": "Your own calendar (.ics)", "readBusy": "Read busy times",
        "weekOf": "Week of", "weekView": "Week view", "users": "Users", "login": "Login", "grants": "Grants",
        "status": "Status", "revoke": "Revoke", "disabledWord": "disabled", "enable": "Enable", "disable": "Disable",
        "grant": "Grant", "newUser": "New user", "languageWord": "Language", "createUser": "Create the account",
        "createdUser": "Account created",
        "shownOnce": "a one-time password, shown only now; they change it on their account page.",
        "mailWanted": "Send me mail when",
        "planFile": "Plan (file)", "downloadPlan": "Download the plan (YAML)",
        "downloadNeedsAll":
            "The file is the part of the plan of the agencies you may read (without the province's days off, office hours and local rules).",
        "uploadPlan": "Upload a plan", "planToUpload": "Plan file (.yaml)",
        "uploadHelp":
            "The whole file is taken or nothing is: a problem is named at its line and field. A download is of this data version; if anything changed since, the upload is refused rather than undoing it.",
        "dataVersion": "Data version", "nothingChanged": "Nothing changed.", "createdItems": "Created",
        "updatedItems": "Updated", "unchangedItems": "Unchanged", "uploadRefused": "Not taken — nothing changed:",
        "newSeries": "New regular series", "seriesIdWord": "Id (empty: made from the title)", "venueWord": "Venue",
        "firstDay": "From", "timeOfDay": "Time", "repeat": "Repeats", "weekly": "weekly", "monthly": "monthly",
        "customRule": "an RRULE written by hand", "everyN": "Every (weeks or months)", "onDays": "On",
        "whichDay": "Which day of the month", "nthWeekday": "The nth weekday", "dayOfMonth": "Day of the month",
        "lastWorkday": "The last working day", "ends": "Ends", "neverEnds": "No end date", "afterCount": "After",
        "onDate": "On (last day)", "holidaysWord": "On a day off", "visibilityWord": "Visibility",
        "previewDates": "Preview 12 dates", "ruleIs": "Rule", "nextDates": "The next dates (up to 12)",
        "createSeries": "Create the series", "saveWhole": "Save for the whole series",
        "scopeOne": "One occurrence only: open it in the list and move or cancel it on its page.",
        "scopeFollowing": "This and the following ones", "scopeWhole": "The whole series",
        "splitHere": "Split the series here", "newSeriesId": "Id of the new series", "fromOccurrence": "From",
        "seriesStatus": "Status", "seriesPage": "Regular series", "formWord": "Form",
        "draftedItems": "Stored as drafts, waiting for approval",
        "returnedWith": "Returned", "returnComment": "Comment for the editors", "returnIt": "Return for changes",
    ]

    /// The six forms of giving information (Decree 09/2017 Art. 4), as the law names them.
    static func form(_ f: InformationForm, _ language: Language) -> String {
        let en = language == .en
        switch f {
        case .pressConference: return en ? "press conference" : "họp báo"
        case .portalPost: return en ? "post on the portal or official page" : "đăng trên cổng/trang thông tin"
        case .interview: return en ? "statement or interview" : "phát ngôn trực tiếp, trả lời phỏng vấn"
        case .pressRelease: return en ? "press release or written answer" : "thông cáo báo chí, trả lời bằng văn bản"
        case .pressBriefing: return en ? "press briefing meeting" : "giao ban báo chí"
        case .correction: return en ? "reply, correction or apology" : "phản hồi, cải chính, xin lỗi"
        }
    }

    /// Who sees an item (docs/domain.md: public, accredited press, the secretariat only).
    static func visibility(_ v: Visibility, _ language: Language) -> String {
        let en = language == .en
        switch v {
        case .public: return en ? "everyone (public feed)" : "mọi người (lịch công khai)"
        case .pressOnly: return en ? "accredited press only" : "chỉ báo chí được cấp quyền"
        case .internal: return en ? "the secretariat only" : "chỉ nội bộ ban thư ký"
        }
    }

    /// What a series does with an occurrence that falls on a day off (R-HOLIDAYS).
    static func holidayPolicy(_ p: HolidayPolicy, _ language: Language) -> String {
        let en = language == .en
        switch p {
        case .nextWorkingDay: return en ? "move to the next working day" : "dời sang ngày làm việc kế tiếp"
        case .previousWorkingDay: return en ? "move to the previous working day" : "dời lên ngày làm việc liền trước"
        case .skip: return en ? "skip it" : "không họp"
        case .keep: return en ? "keep it on the day off" : "vẫn họp vào ngày nghỉ"
        }
    }

    /// The kinds of notice, as a person chooses which they want by mail.
    static func kind(_ k: Notice.Kind, _ language: Language) -> String {
        let en = language == .en
        switch k {
        case .assigned: return en ? "I am assigned" : "được phân công"
        case .changed: return en ? "time, venue or role changes" : "thay đổi thời gian, địa điểm, vai trò"
        case .cancelled: return en ? "a briefing is cancelled" : "buổi bị hủy"
        case .unassigned: return en ? "I am taken off" : "thôi phân công"
        case .reminder: return en ? "the day before" : "nhắc lịch trước một ngày"
        }
    }

    /// Results, roles and follow-up statuses as words.
    static func result(_ raw: String, _ language: Language) -> String {
        let vi: [String: String] = [
            "held": "đã tổ chức", "not-held": "không tổ chức", "postponed": "lùi lịch", "head": "người đứng đầu",
            "deputy": "cấp phó", "spokesperson": "người phát ngôn", "authorized": "người được ủy quyền",
            "chair": "chủ trì", "panelist": "thành viên trả lời", "moderator": "điều phối",
            "interpreter": "phiên dịch", "open": "chưa đến hạn", "overdue": "quá hạn", "answered": "đã trả lời",
            "leave": "nghỉ phép", "travel": "công tác", "busy": "bận",
        ]
        return language == .en ? raw.replacingOccurrences(of: "-", with: " ") : vi[raw] ?? raw
    }

    static let vi: [String: String] = [
        "menu": "Trình đơn", "calendar": "Lịch", "approvals": "Chờ duyệt", "checks": "Kiểm tra", "history": "Lịch sử",
        "signOut": "Đăng xuất", "month": "Tháng", "agency": "Cơ quan", "form": "Hình thức", "all": "Tất cả",
        "show": "Xem", "findings": "Cảnh báo", "speakers": "Người phát ngôn", "primary": "Chính", "backups": "Dự phòng",
        "backup": "Dự phòng", "reason": "Lý do", "assign": "Phân công", "change": "Dời hoặc hủy buổi này",
        "newStart": "Thời gian mới", "move": "Dời lịch", "cancel": "Hủy buổi này",
        "noDrafts": "Không có bản nháp chờ duyệt.",
        "item": "Mục", "first": "Buổi đầu", "decision": "Quyết định", "approve": "Duyệt và công bố",
        "when": "Thời gian",
        "who": "Người", "what": "Việc", "changes": "Trước → sau",
        "conflictTitle": "Có người đã thay đổi mục này",
        "conflictText":
            "Thay đổi của bạn chưa được lưu: mục này đã được sửa sau khi bạn mở trang. Xem các thay đổi dưới đây, tải lại trang rồi làm lại.",
        "reload": "Tải lại trang", "board": "Phân công", "from": "Từ ngày", "to": "Đến hết ngày trước",
        "uncoveredLabel": "buổi chưa có người phát ngôn", "autoAssign": "Tự động phân công trong khoảng này",
        "preview": "Xem đề xuất trước", "changesLabel": "thay đổi đề xuất (phân công đã khóa không bị đổi)",
        "apply": "Áp dụng các thay đổi này", "adhoc": "Họp báo đột xuất", "titleVi": "Tiêu đề (tiếng Việt)",
        "titleEn": "Tiêu đề (tiếng Anh, nếu có)", "trigger": "Lý do triệu tập",
        "triggeredAt": "Sự việc xảy ra lúc (giờ Việt Nam)",
        "start": "Bắt đầu (giờ Việt Nam)", "minutes": "Số phút", "check": "Kiểm tra thời hạn",
        "deadline": "Thời hạn phát ngôn", "create": "Tạo họp báo",
    ]

    static let en: [String: String] = [
        "menu": "Menu", "calendar": "Calendar", "approvals": "Approvals", "checks": "Checks", "history": "History",
        "signOut": "Sign out", "month": "Month", "agency": "Agency", "form": "Form", "all": "All", "show": "Show",
        "findings": "Findings", "speakers": "Who speaks", "primary": "Primary", "backups": "Backups",
        "backup": "Backup",
        "reason": "Reason", "assign": "Assign", "change": "Move or cancel this occurrence", "newStart": "New start",
        "move": "Move", "cancel": "Cancel this occurrence", "noDrafts": "No drafts waiting.", "item": "Item",
        "first": "First", "decision": "Decision", "approve": "Approve and publish", "when": "When", "who": "Who",
        "what": "What", "changes": "Before → after", "conflictTitle": "Someone changed this item",
        "conflictText":
            "Your change was not saved: the item changed after you opened the page. See the changes below, reload and try again.",
        "reload": "Reload the page", "board": "Assignments", "from": "From", "to": "Until (exclusive)",
        "uncoveredLabel": "briefings without a spokesperson", "autoAssign": "Auto-assign this window",
        "preview": "Show the proposed changes first",
        "changesLabel": "proposed changes (locked assignments never move)",
        "apply": "Apply these changes", "adhoc": "Ad-hoc briefing", "titleVi": "Title (Vietnamese)",
        "titleEn": "Title (English, if any)", "trigger": "Why it is called",
        "triggeredAt": "When it happened (Vietnam time)",
        "start": "Start (Vietnam time)", "minutes": "Minutes", "check": "Check the deadline",
        "deadline": "Statement deadline",
        "create": "Create the briefing",
    ]

    static func weekdays(_ language: Language) -> [String] {
        language == .en
            ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            : ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    }

    static func badge(_ o: Occurrence, _ language: Language) -> String {
        if o.status == .scheduled, case .moved = o.shift { return language == .en ? "moved" : "đã dời" }
        if o.status == .draft { return language == .en ? "draft" : "nháp" }
        return status(o.status, language)
    }

    /// A status in words (a series' or a briefing's).
    static func status(_ s: BriefingStatus, _ language: Language) -> String {
        let en = language == .en
        switch s {
        case .draft: return en ? "draft — waiting for approval" : "nháp — chờ duyệt"
        case .cancelled: return en ? "cancelled" : "đã hủy"
        case .held: return en ? "held" : "đã tổ chức"
        case .scheduled: return en ? "scheduled" : "đã lên lịch"
        }
    }
}
