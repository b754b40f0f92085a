import Feeds
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import ICalendar
import NIOCore
import Scheduling
import Store

extension PodiumService {
    /// The public calendar, a page per briefing, a spokesperson's own page and the
    /// secretariat overview. Vietnamese by default, English with `?lang=en`.
    func addPageRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/") { request, _ in
            let language = Self.language(request)
            return Self.html(try await self.publicPage(language: language, now: self.now()))
        }
        router.get("/briefings/{id}") { request, context in
            let id = try context.parameters.decoded("id")
            guard
                let page = try await self.briefingPage(
                    OccurrenceID(rawValue: id),
                    language: Self.language(request),
                    now: self.now()
                )
            else {
                throw Problem.notFound("no public briefing \(id)")
            }
            return Self.html(page)
        }
        router.get("/series/{id}") { request, context in
            let id = try context.parameters.decoded("id")
            guard
                let page = try await self.seriesPage(
                    RegularSeries.ID(id),
                    language: Self.language(request),
                    now: self.now()
                )
            else { throw Problem.notFound("no public series \(id)") }
            return Self.html(page)
        }
        router.get("/press/{token}") { request, context in
            let token = try context.parameters.decoded("token")
            guard let press = try self.accreditedPress(token: token) else { return Response(status: .notFound) }
            return Self.html(
                try await self.pressPage(press, token: token, language: Self.language(request), now: self.now()),
                personal: true
            )
        }
        router.get("/me/{token}") { _, context in
            let token = try context.parameters.decoded("token")
            guard let subject = try self.store.subject(ofToken: token, kind: .spokesperson),
                let page = try await self.spokespersonPage(Spokesperson.ID(subject), token: token, now: self.now())
            else { return Response(status: .notFound) }
            return Self.html(page, personal: true)
        }
        router.get("/secretariat") { request, context in
            // A browser without a session is sent to sign in; an API client gets 401.
            guard let user = context.identity else {
                if request.headers[.authorization] == nil {
                    return Response.redirect(to: "/login?next=/secretariat", type: .found)
                }
                throw Problem.unauthorized()
            }
            let policy = try await self.policy()
            let scope = policy.scope(of: user.actor, .view, among: try await self.current().schedule.agencies.keys)
            guard !scope.isEmpty else {
                throw Problem(.forbidden, "Forbidden", "\(user.name) may not view any agency's plan")
            }
            return Self.html(
                try await self.secretariatPage(
                    now: self.now(),
                    scope: scope,
                    user: user,
                    csrf: context.sessions.session?.csrf
                ),
                personal: true
            )
        }
    }

    static func language(_ request: Request) -> Language {
        request.uri.queryParameters["lang"] == "en" ? .en : .vi
    }

    /// An HTML page. No script may run (CSP without `script-src`), forms post only to this
    /// site, no other site may frame it; personal pages (a secret in the URL, or a session)
    /// are not cached and send no Referer.
    static func html(_ text: String, personal: Bool = false) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: personal ? "private, no-store" : "public, max-age=60",
            .contentSecurityPolicy:
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            .init("X-Content-Type-Options")!: "nosniff",
        ]
        if personal { headers[.init("Referrer-Policy")!] = "no-referrer" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func upcoming(_ s: State, now: Date, days: Double = 183) throws -> [Occurrence] {
        try engine(s, around: now).occurrences(
            in: s.schedule,
            from: now.addingTimeInterval(-86_400),
            to: now.addingTimeInterval(days * 86_400)
        )
    }

    func subscribeLinks(_ path: String, language: Language) -> String {
        let https = configuration.baseURL + path
        let webcal = https.replacingOccurrences(of: "https://", with: "webcal://").replacingOccurrences(
            of: "http://",
            with: "webcal://"
        )
        let google = "https://calendar.google.com/calendar/render?cid=" + HTML.queryValue(webcal)
        let (a, b, c) =
            language == .en
            ? ("Feed link (https)", "Apple / Outlook (webcal)", "Google Calendar")
            : ("Liên kết lịch (https)", "Apple / Outlook (webcal)", "Google Calendar")
        return """
            <p class="subscribe"><a id="sub-https" href="\(HTML.escape(https))">\(a)</a><a id="sub-webcal" href="\(HTML.escape(webcal))">\(b)</a><a id="sub-google" href="\(HTML.escape(google))">\(c)</a></p>
            """
    }

    func briefingCard(_ o: Occurrence, _ s: State, language: Language, link: Bool = true) -> String {
        let en = language == .en
        let venue = o.venue.flatMap { s.schedule.venues[$0] }.map { "\($0.name.text(language)), \($0.address)" } ?? ""
        let speaker = s.roster.assignments[o.id]?.primary.flatMap { s.roster.people[$0.person] }?
            .publishedLine(language)
        let panel = (FeedPeople(s.roster, only: o.id).panels[o.id] ?? []).map {
            "<div class=\"meta panel\">\(HTML.escape($0.line(language)))</div>"
        }.joined()
        let when = HTML.when(o.start, o.end, language: language)
        let title = HTML.escape(o.title.text(language))
        let titleHTML =
            link
            ? "<a href=\"/briefings/\(HTML.escape(HTML.pathSegment(o.id.rawValue)))\(en ? "?lang=en" : "")\">\(title)</a>"
            : title
        var note = ""
        if o.status == .cancelled {
            note =
                "<div class=\"meta badge\">\(en ? "Cancelled" : "Đã hủy")\(o.cancellationReason.map { ": " + HTML.escape($0) } ?? "")</div>"
        } else if case .moved(let reason) = o.shift, let original = o.originalStart {
            note =
                "<div class=\"meta badge\">\(en ? "Moved from" : "Dời từ") \(HTML.escape(HTML.when(original, nil, language: language)))\(reason.map { " — " + HTML.escape($0) } ?? "")</div>"
        }
        return """
            <div class="brief\(o.isHappening ? "" : " cancelled")"><div class="when">\(HTML.escape(when))</div>
            <div class="title">\(titleHTML)</div><div class="meta">\(HTML.escape(venue))</div>
            \(speaker.map { "<div class=\"meta\">\(language == .en ? "Spokesperson" : "Người phát ngôn"): \(HTML.escape($0))</div>" } ?? "")\(panel)\(note)</div>
            """
    }

    func publicPage(language: Language, now: Date) async throws -> String {
        let s = try await current()
        // Moved and cancelled occurrences stay listed, marked, so a journalist sees what changed.
        let items = try upcoming(s, now: now).filter { $0.isPublic(at: now) && $0.status != .draft }
        let en = language == .en
        // Whose briefings: the top agencies that organise them (and their departments).
        let tops = Set(items.map { top(of: $0.organizer, s.schedule) }).compactMap { s.schedule.agencies[$0] }
            .sorted { $0.id < $1.id }
        let whose = tops.map { $0.name.text(language) }.joined(separator: en ? " and " : " và ")
        var body =
            "<header><h1>\(en ? "Press briefings" : "Lịch họp báo")\(whose.isEmpty ? "" : " — " + HTML.escape(whose))</h1>"
        body +=
            "<p class=\"meta\">"
            + (en
                ? "Briefings of these agencies and their departments. Times are Vietnam time (UTC+7)."
                : "Họp báo, thông tin báo chí của các cơ quan trên và cơ quan trực thuộc. Giờ Việt Nam (UTC+7).")
            + "</p>"
        body +=
            "<nav><a href=\"/?lang=vi\" lang=\"vi\">Tiếng Việt</a><a href=\"/?lang=en\" lang=\"en\">English</a></nav></header>"
        body += "<h2>\(en ? "Subscribe" : "Đăng ký theo dõi")</h2>"
        body +=
            "<p>"
            + (en
                ? "Subscribe once in Google, Outlook, Apple or Thunderbird: moves, cancellations and new briefings then arrive by themselves."
                : "Đăng ký một lần trên Google, Outlook, Apple hoặc Thunderbird: lịch dời, hủy và họp báo mới sẽ tự cập nhật.")
            + "</p>"
        body += subscribeLinks("/feeds/public.\(language.rawValue).ics", language: language)
        body +=
            "<p><a id=\"changes-atom\" href=\"/feeds/public.\(language.rawValue).atom\" type=\"application/atom+xml\">"
            + (en ? "What changed (Atom feed for news readers)" : "Các thay đổi (nguồn tin Atom cho trình đọc tin)")
            + "</a></p>"
        let organizers = Set(items.map(\.organizer))
        let agencyLinks = s.schedule.agencies.values.filter { organizers.contains($0.id) }.sorted { $0.id < $1.id }
            .map {
                "<li><a href=\"/feeds/agencies/\(HTML.escape(HTML.pathSegment($0.id.rawValue)))\(en ? ".en" : "").ics\">\(HTML.escape($0.name.text(language)))</a></li>"
            }
        if !agencyLinks.isEmpty {
            body += "<h3>\(en ? "One agency's feed" : "Lịch của từng cơ quan")</h3><ul>\(agencyLinks.joined())</ul>"
        }
        body += "<h2>\(en ? "Upcoming" : "Sắp diễn ra")</h2>"
        body +=
            items.isEmpty
            ? "<p>\(en ? "Nothing scheduled." : "Chưa có lịch.")</p>"
            : items.map { briefingCard($0, s, language: language) }.joined()
        return HTML.page(title: en ? "Press briefings" : "Lịch họp báo", language: language.rawValue, body: body)
    }

    /// The top agency above `id` (itself when it has no parent).
    func top(of id: Agency.ID, _ schedule: Schedule) -> Agency.ID {
        var current = id
        var steps = 0
        while let parent = schedule.agencies[current]?.parent, steps < 64 {
            current = parent
            steps += 1
        }
        return current
    }

    func briefingPage(_ id: OccurrenceID, language: Language, now: Date) async throws -> String? {
        let s = try await current()
        guard let o = try? engine(s, around: now).resolve(id, in: s.schedule).occurrence, o.isPublic(at: now) else {
            return nil
        }
        var body =
            "<header><h1>\(HTML.escape(o.title.text(language)))</h1><nav><a href=\"/\(language == .en ? "?lang=en" : "")\">\(language == .en ? "All briefings" : "Tất cả")</a></nav></header>"
        body += briefingCard(o, s, language: language, link: false)
        if let d = o.description?.text(language) { body += "<p>\(HTML.escape(d))</p>" }
        body += subscribeLinks("/feeds/public.\(language.rawValue).ics", language: language)
        return HTML.page(title: o.title.text(language), language: language.rawValue, body: body)
    }

    /// The accredited press agency a press token stands for, while its accreditation runs.
    func accreditedPress(token: String) throws -> PressAgency? {
        guard let id = try store.subject(ofToken: token, kind: .press), let press = try store.pressAgency(id),
            let today = try? TimeZones.wallTime(of: now(), in: RegularSeries.defaultTimeZone).date,
            press.isAccredited(on: today)
        else { return nil }
        return press
    }

    /// An accredited press agency's page: what the public sees plus press-only briefings and
    /// embargoed ones, each embargo shown.
    func pressPage(_ press: PressAgency, token: String, language: Language, now: Date) async throws -> String {
        let s = try await current()
        let en = language == .en
        let items = try upcoming(s, now: now).filter { $0.isVisible(to: .press, at: now) }
        var body = "<header><h1>\(en ? "Press briefings for" : "Lịch họp báo dành cho") \(HTML.escape(press.name))</h1>"
        body +=
            "<p class=\"meta\">"
            + (en
                ? "Accredited \(press.accreditedFrom)–\(press.accreditedTo.map { "\($0)" } ?? ""). Includes press-only briefings and embargoed items, with their embargo. Vietnam time (UTC+7)."
                : "Thời hạn cấp phép \(press.accreditedFrom)–\(press.accreditedTo.map { "\($0)" } ?? ""). Gồm họp báo chỉ dành cho báo chí và tin cấm đăng trước thời điểm ghi kèm. Giờ Việt Nam (UTC+7).")
            + "</p></header>"
        body += "<h2>\(en ? "Subscribe (private link)" : "Đăng ký lịch riêng")</h2>"
        body += subscribeLinks("/feeds/press/\(token)\(en ? ".en" : "").ics", language: language)
        body += "<h2>\(en ? "Upcoming" : "Sắp diễn ra")</h2>"
        if items.isEmpty { body += "<p>\(en ? "Nothing scheduled." : "Chưa có lịch.")</p>" }
        for o in items {
            body += briefingCard(o, s, language: language, link: o.isPublic(at: now))
            if o.visibility == .pressOnly {
                body += "<p class=\"meta badge\">\(en ? "Press only" : "Chỉ dành cho báo chí")</p>"
            }
            if let embargo = o.embargoUntil, embargo > now {
                let local = (try? TimeZones.wallTime(of: embargo, in: o.timeZone)).map { "\($0)" } ?? "\(embargo)"
                body +=
                    "<p class=\"meta badge\">\(en ? "Embargo until" : "Cấm đăng tải trước") \(HTML.escape(local))</p>"
            }
        }
        return HTML.page(title: press.name, language: language.rawValue, body: body)
    }

    /// A regular series: what it is and its upcoming occurrences (the feeds' URL for the
    /// recurring event points here).
    func seriesPage(_ id: RegularSeries.ID, language: Language, now: Date) async throws -> String? {
        let s = try await current()
        guard let series = s.schedule.series[id], series.visibility == .public, series.status != .draft else {
            return nil
        }
        let en = language == .en
        let items = try upcoming(s, now: now, days: 366).filter { $0.seriesID == id && $0.isPublic(at: now) }
        var body =
            "<header><h1>\(HTML.escape(series.title.text(language)))</h1><nav><a href=\"/\(en ? "?lang=en" : "")\">\(en ? "All briefings" : "Tất cả")</a></nav></header>"
        if let d = series.description?.text(language) { body += "<p>\(HTML.escape(d))</p>" }
        body += "<h2>\(en ? "Upcoming" : "Sắp diễn ra")</h2>"
        body +=
            items.isEmpty
            ? "<p>\(en ? "Nothing scheduled." : "Chưa có lịch.")</p>"
            : items.map { briefingCard($0, s, language: language) }.joined()
        body += subscribeLinks("/feeds/public.\(language.rawValue).ics", language: language)
        return HTML.page(title: series.title.text(language), language: language.rawValue, body: body)
    }

    func spokespersonPage(_ id: Spokesperson.ID, token: String, now: Date) async throws -> String? {
        let s = try await current()
        guard let person = s.roster.people[id] else { return nil }
        let mine = try upcoming(s, now: now, days: 366).filter {
            s.roster.assignments[$0.id]?.people.contains(id) == true
        }
        var body =
            "<header><h1>Lịch phát ngôn của \(HTML.escape(person.name))</h1><p class=\"meta\">\(HTML.escape(person.title))</p></header>"
        body += "<h2>Đăng ký lịch riêng</h2>" + subscribeLinks("/feeds/spokespeople/\(token).ics", language: .vi)
        body += "<h2>Việc của tôi</h2>"
        if mine.isEmpty { body += "<p>Chưa có phân công.</p>" }
        for o in mine {
            let a = s.roster.assignments[o.id]!
            let role = a.role(of: id)?.name(.vi) ?? "Dự phòng"
            let others = a.people.filter { $0 != id }.compactMap { s.roster.people[$0]?.name }
            body +=
                briefingCard(o, s, language: .vi, link: o.isPublic(at: now))
                + "<p class=\"meta\">Vai trò: <b>\(role)</b>"
                + (others.isEmpty ? "" : " · Cùng: \(HTML.escape(others.joined(separator: ", ")))")
                + (a.reason.map { " · Ghi chú: \(HTML.escape($0))" } ?? "") + "</p>"
        }
        let changes = try store.history(limit: 200).filter { c in
            mine.contains { $0.id.rawValue == c.entityID || $0.seriesID?.rawValue == c.entityID }
        }.prefix(10)
        body += "<h2>Thay đổi gần đây</h2><table><tr><th>Thời gian (UTC)</th><th>Thay đổi</th><th>Mục</th></tr>"
        for c in changes {
            body +=
                "<tr><td>\(HTML.escape(LocalDateTime(utc: c.at).description))</td><td>\(HTML.escape(c.action))</td><td>\(HTML.escape(c.entityID))</td></tr>"
        }
        body += "</table>"
        return HTML.page(title: "Lịch phát ngôn — \(person.name)", language: "vi", body: body)
    }

    func secretariatPage(now: Date, scope: Set<Agency.ID>, user: User, csrf: String?) async throws -> String {
        let s = try await current()
        // The whole plan is checked (a department's briefings alone would make the province
        // look empty); each user sees the findings of their own agencies.
        let occurrences = try upcoming(s, now: now, days: 366)
        let organizers = Dictionary(occurrences.map { ($0.id, $0.organizer) }, uniquingKeysWith: { a, _ in a })
        let engine = engine(s, around: now)
        let findings = PlanChecker(calendar: engine.calendar, officeHours: s.officeHours, rules: rules(s))
            .check(
                occurrences,
                schedule: s.schedule,
                roster: s.roster,
                window: try PlanWindow(covering: now, now.addingTimeInterval(366 * 86_400))
            )
            .filter { $0.concerns(scope, organizers: organizers) }
        var body = "<header><h1>Tổng quan ban thư ký</h1><p class=\"meta\">\(HTML.escape(user.displayName)) · "
        body += "<a href=\"/account\">Tài khoản</a> · Phiên bản dữ liệu \(s.revision)</p>"
        if let csrf { body += Self.signOutForm(csrf, language: .vi) }
        body += "</header>"
        let uncovered = findings.filter { $0.rule == "UNCOVERED" }
        body += "<h2>Chưa có người phát ngôn (\(uncovered.count))</h2>"
        for f in uncovered { body += "<p class=\"error\">\(HTML.escape(f.message))</p>" }
        body +=
            "<h2>Kết quả kiểm tra (\(findings.count))</h2><div class=\"scroll\"><table><tr><th>Mức</th><th>Quy tắc</th><th>Nội dung</th><th>Đề xuất</th><th>Căn cứ</th></tr>"
        for f in findings {
            body +=
                "<tr class=\"\(f.severity.rawValue)\"><td>\(f.severity.rawValue)</td><td>\(HTML.escape(f.rule))</td><td>\(HTML.escape(f.message))</td><td>\(HTML.escape(f.suggestion))</td><td>\(HTML.escape(f.legalBasis ?? ""))</td></tr>"
        }
        body += "</table></div>"
        // The past year's briefings that took place but have no recorded outcome: the
        // yearly report would be short without them (docs/outcomes.md).
        let past = try engine.occurrences(in: s.schedule, from: now.addingTimeInterval(-366 * 86_400), to: now)
            .filter { scope.contains($0.organizer) }
        let missing = OutcomeCheck.missing(past, outcomes: Set(try store.outcomes().keys), now: now)
        body += "<h2>Đã diễn ra, chưa ghi nhận kết quả (\(missing.count))</h2><ul>"
        for f in missing.prefix(50) {
            let id = f.occurrences[0].rawValue
            body +=
                "<li><a href=\"/workspace/occurrences/\(HTML.escape(HTML.pathSegment(id)))#after\">\(HTML.escape(f.message))</a></li>"
        }
        body += "</ul><p><a href=\"/workspace/report\">Báo cáo năm</a></p>"
        // Mail given up on (docs/notifications.md): who was not told what, and why.
        // Only the messages about agencies in the reader's scope.
        let failed = try store.outbox(limit: 50, failedOnly: true).filter { m in
            m.agency(in: s.schedule, roster: s.roster).map(scope.contains) ?? false
        }
        body += "<h2>Thư không gửi được (\(failed.count))</h2><ul>"
        for m in failed {
            body +=
                "<li>\(HTML.escape(m.recipientName)) · \(HTML.escape(m.kindName)) · \(HTML.escape(m.occurrence?.rawValue ?? "")) · \(HTML.escape(m.lastError ?? ""))</li>"
        }
        body += "</ul>"
        return HTML.page(title: "Podium — ban thư ký", language: "vi", body: body)
    }

    /// The subject of a valid API bearer token, or a 401 problem. Tokens come only in the
    /// `Authorization` header (RFC 6750 §2.1), never in a query string, where browser
    /// history, proxies and Referer headers would keep them.
    func authorize(_ request: Request) throws -> String {
        var token: String?
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            token = String(header.dropFirst(7))
        }
        guard let token, let subject = try store.subject(ofToken: token, kind: .api) else {
            throw Problem.unauthorized()
        }
        return subject
    }
}
