import Scheduling

extension ReportDocument {
    /// Fixed words of the document. The national title and motto are the same in both
    /// languages' frames (Decree 30/2020/NĐ-CP Appendix I): an English copy translates them.
    static func labels(_ language: Language) -> [String: String] {
        language == .vi ? vi : en
    }

    static let vi: [String: String] = [
        "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto": "Độc lập - Tự do - Hạnh phúc",
        "kind": "BÁO CÁO", "partI": "I. KẾT QUẢ ĐẠT ĐƯỢC", "general": "1. Tình hình chung",
        "numbers": "2. Kết quả cụ thể", "summary": "a) Số cuộc họp báo, cung cấp thông tin theo kế hoạch và đã tổ chức",
        "planned": "Theo kế hoạch", "held": "Đã tổ chức", "rate": "Tỷ lệ", "notHeld": "Không tổ chức",
        "postponed": "Lùi lịch", "cancelled": "Hủy theo kế hoạch", "moved": "Dời lịch",
        "unrecorded": "Chưa cập nhật kết quả",
        "byForm": "Theo hình thức", "byAgency": "Theo cơ quan", "byMonth": "Theo tháng", "form": "Hình thức",
        "agency": "Cơ quan", "month": "Tháng", "total": "Tổng cộng",
        "compliance": "b) Thực hiện quy định về họp báo, cung cấp thông tin định kỳ",
        "rule": "Quy định", "basis": "Căn cứ", "periodsMet": "Số kỳ đạt", "unmet": "Kỳ không đạt",
        "adHoc": "c) Họp báo, cung cấp thông tin đột xuất",
        "adHocIntro": "Thời gian từ khi phát sinh sự việc đến khi cung cấp thông tin lần đầu, so với thời hạn.",
        "briefing": "Buổi", "triggered": "Phát sinh", "firstStatement": "Thông tin lần đầu", "hours": "Số giờ",
        "deadline": "Thời hạn (giờ)", "result": "Kết quả", "distribution": "Phân bố", "count": "Số cuộc",
        "speakers": "d) Người phát ngôn, người được ủy quyền phát ngôn", "name": "Họ tên", "role": "Vai trò",
        "times": "Số lần", "hoursSpoken": "Số giờ", "backupsUsed": "Số lần người dự phòng thay người được phân công",
        "assigned": "Người được phân công", "spoke": "Người phát ngôn thực tế", "swaps": "Số lần đổi người phát ngôn",
        "declines": "Số lần từ chối",
        "press": "đ) Báo chí tham dự và câu hỏi", "briefings": "Số buổi", "agencies": "Cơ quan báo chí",
        "journalists": "Phóng viên", "foreignAgencies": "CQBC nước ngoài", "foreignJournalists": "PV nước ngoài",
        "received": "Câu hỏi nhận", "answered": "Đã trả lời", "followUps": "Nội dung hẹn trả lời sau họp báo",
        "onTime": "trả lời đúng hạn", "late": "trả lời chậm", "open": "chưa trả lời đến cuối năm",
        "outlet": "Cơ quan báo chí", "question": "Nội dung", "promised": "Hẹn trả lời", "status": "Tình trạng",
        "partII": "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "computed": "Số liệu",
        "partIII": "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM",
        "recipients": "Nơi nhận:", "recipientsList": "- Như trên;\n- Lưu: VT.",
        "appendix": "PHỤ LỤC: CÁC BUỔI DỜI LỊCH, HỦY, KHÔNG TỔ CHỨC", "date": "Ngày", "reason": "Lý do",
        "unrecordedList": "Các buổi chưa cập nhật kết quả",
        "unitsNote": "Số liệu do Podium tính từ lịch và kết quả đã ghi nhận.",
        "computedShort": "không đạt trong", "periods": "kỳ", "of": "trên",
    ]

    static let en: [String: String] = [
        "nation": "SOCIALIST REPUBLIC OF VIET NAM", "motto": "Independence - Freedom - Happiness",
        "kind": "REPORT", "partI": "I. RESULTS", "general": "1. Overview", "numbers": "2. In figures",
        "summary": "a) Briefings planned and held", "planned": "Planned", "held": "Held", "rate": "Rate",
        "notHeld": "Not held", "postponed": "Postponed", "cancelled": "Cancelled in the plan", "moved": "Moved",
        "unrecorded": "No outcome recorded", "byForm": "By form", "byAgency": "By agency", "byMonth": "By month",
        "form": "Form", "agency": "Agency", "month": "Month", "total": "Total",
        "compliance": "b) Periodic press conferences and information (the law)", "rule": "Rule", "basis": "Basis",
        "periodsMet": "Periods met", "unmet": "Periods not met", "adHoc": "c) Ad-hoc briefings",
        "adHocIntro": "Time from the trigger to the first statement, against the deadline.", "briefing": "Briefing",
        "triggered": "Triggered", "firstStatement": "First statement", "hours": "Hours", "deadline": "Deadline (h)",
        "result": "Result", "distribution": "Distribution", "count": "Count", "speakers": "d) Spokespeople",
        "name": "Name", "role": "Role", "times": "Times", "hoursSpoken": "Hours",
        "backupsUsed": "Times a backup spoke instead of the assigned primary", "assigned": "Assigned",
        "spoke": "Spoke", "swaps": "Speaker swaps", "declines": "Declines", "press": "e) The press",
        "briefings": "Briefings",
        "agencies": "Press agencies",
        "journalists": "Journalists", "foreignAgencies": "Foreign agencies",
        "foreignJournalists": "Foreign journalists",
        "received": "Questions", "answered": "Answered", "followUps": "Answers promised after briefings",
        "onTime": "answered on time", "late": "answered late", "open": "still open at the end of the year",
        "outlet": "Outlet", "question": "Question", "promised": "Promised", "status": "Status",
        "partII": "II. SHORTCOMINGS AND CAUSES", "computed": "Figures", "partIII": "III. DIRECTIONS FOR",
        "recipients": "To:", "recipientsList": "- As above;\n- Archive.",
        "appendix": "APPENDIX: MOVED, CANCELLED AND NOT HELD BRIEFINGS", "date": "Date", "reason": "Reason",
        "unrecordedList": "Briefings without a recorded outcome",
        "unitsNote": "Figures computed by Podium from the agenda and the recorded outcomes.",
        "computedShort": "not met in", "periods": "periods", "of": "of",
    ]
}
