import Scheduling

/// The workspace's words, per language (Vietnamese by default, English for users who chose it).
enum WorkspaceText {
    static func words(_ language: Language) -> [String: String] {
        language == .en ? en : vi
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
        let en = language == .en
        switch o.status {
        case .draft: return en ? "draft" : "nháp"
        case .cancelled: return en ? "cancelled" : "đã hủy"
        case .held: return en ? "held" : "đã tổ chức"
        case .scheduled:
            if case .moved = o.shift { return en ? "moved" : "đã dời" }
            return en ? "scheduled" : "đã lên lịch"
        }
    }
}
