import Foundation
import HTTPTypes
import Hummingbird
import ICalendar
import Scheduling
import Store

/// The series editor (`/workspace/series/new`, `/workspace/series/{id}`): a rule builder in
/// words ("the first Thursday of every third month, 15:00, 90 minutes") that writes the
/// RRULE (RFC 5545 §3.3.10), shows it, and previews the next twelve dates with their holiday
/// shifts before anything is saved; a problem is said beside its field. An existing series
/// offers the three scopes of a change explicitly: one occurrence (its own page), this and
/// the following ones (a split: the series ends and a new one continues), or the whole series.
extension WorkspaceController {
    func addSeriesRoutes(to router: Router<PodiumRequestContext>) {
        router.get("/workspace/series/new") { request, context in
            try await self.seriesEditor(request, context, form: nil, existing: nil)
        }
        router.post("/workspace/series/new") { request, context in
            let form = try await WebAuthController.form(SeriesForm.self, request, context)
            try WebAuthController.checkCSRF(form.csrf, context)
            if form.save != nil { return try await self.createSeries(request, context, form) }
            return try await self.seriesEditor(request, context, form: form, existing: nil)
        }
        router.get("/workspace/series/{id}") { request, context in
            let id = RegularSeries.ID(try context.parameters.decoded("id"))
            return try await self.seriesEditor(request, context, form: nil, existing: id)
        }
        router.post("/workspace/series/{id}") { request, context in
            let id = RegularSeries.ID(try context.parameters.decoded("id"))
            let form = try await WebAuthController.form(SeriesForm.self, request, context)
            try WebAuthController.checkCSRF(form.csrf, context)
            if form.save != nil { return try await self.saveSeries(request, context, id, form) }
            return try await self.seriesEditor(request, context, form: form, existing: id)
        }
        router.post("/workspace/series/{id}/split") { request, context in
            let id = RegularSeries.ID(try context.parameters.decoded("id"))
            let form = try await WebAuthController.form(SplitForm.self, request, context)
            try WebAuthController.checkCSRF(form.csrf, context)
            return try await self.splitSeries(request, context, id, form)
        }
    }

    /// The builder's fields, all as text so a wrong value is said beside its field rather
    /// than refused as a whole form.
    struct SeriesForm: Decodable {
        var csrf: String?
        var id: String?
        var titleVi: String?
        var titleEn: String?
        var organizer: String?
        var venue: String?
        var from: String?
        var time: String?
        var minutes: String?
        var frequency: String?
        var interval: String?
        var wd1, wd2, wd3, wd4, wd5, wd6, wd7: String?
        var monthlyKind: String?
        var ordinal: String?
        var monthWeekday: String?
        var monthDay: String?
        var endKind: String?
        var count: String?
        var until: String?
        var rrule: String?
        var holidayPolicy: String?
        var visibility: String?
        /// The form of giving information (Decree 09/2017 Art. 4): a press conference, or
        /// monthly press information, a briefing meeting…
        var form: String?
        var revision: String?
        /// Present when the save button was pressed (else the form is previewed).
        var save: String?
    }

    struct SplitForm: Decodable {
        var csrf: String?
        var original: String
        var newId: String
        var revision: Int
    }

    /// The form's values as the builder shows them (a new series starts as a monthly
    /// conference on the first Thursday, 15:00, 90 minutes).
    static func values(_ form: SeriesForm?, _ series: RegularSeries?) -> [String: String] {
        var v: [String: String] = [
            "frequency": "monthly", "interval": "1", "monthlyKind": "weekday", "ordinal": "1", "monthWeekday": "4",
            "monthDay": "1", "endKind": "never", "count": "12", "time": "15:00", "minutes": "90",
            "holidayPolicy": HolidayPolicy.nextWorkingDay.rawValue, "visibility": Visibility.public.rawValue,
            "form": InformationForm.pressConference.rawValue,
        ]
        if let s = series {
            v["id"] = s.id.rawValue
            v["titleVi"] = s.title.vi
            v["titleEn"] = s.title.en ?? ""
            v["organizer"] = s.organizer.rawValue
            v["venue"] = s.venue?.rawValue ?? ""
            v["from"] = s.start.date.description
            v["time"] = String(format: "%02d:%02d", s.start.hour, s.start.minute)
            v["minutes"] = String(s.duration / 60)
            v["holidayPolicy"] = s.holidayPolicy.rawValue
            v["visibility"] = s.visibility.rawValue
            v["form"] = s.form.rawValue
            v["rrule"] = s.rule.text
            if let p = RulePattern(rule: s.rule, timeZone: s.timeZone) {
                v["frequency"] = p.frequency.rawValue
                v["interval"] = String(p.interval)
                for d in p.weekdays { v["wd\(d)"] = "on" }
                switch p.monthly {
                case .weekday(let ordinal, let weekday)?:
                    v["monthlyKind"] = "weekday"
                    v["ordinal"] = String(ordinal)
                    v["monthWeekday"] = String(weekday)
                case .monthDay(let d)?:
                    v["monthlyKind"] = "monthDay"
                    v["monthDay"] = String(d)
                case .lastWorkday?: v["monthlyKind"] = "lastWorkday"
                case nil: break
                }
                switch p.end {
                case .never: v["endKind"] = "never"
                case .count(let n):
                    v["endKind"] = "count"
                    v["count"] = String(n)
                case .until(let d):
                    v["endKind"] = "until"
                    v["until"] = d.description
                }
            } else {
                v["frequency"] = "custom"
            }
        }
        if let f = form {
            let given: [(String, String?)] = [
                ("id", f.id), ("titleVi", f.titleVi), ("titleEn", f.titleEn), ("organizer", f.organizer),
                ("venue", f.venue), ("from", f.from), ("time", f.time), ("minutes", f.minutes),
                ("frequency", f.frequency), ("interval", f.interval), ("monthlyKind", f.monthlyKind),
                ("ordinal", f.ordinal), ("monthWeekday", f.monthWeekday), ("monthDay", f.monthDay),
                ("endKind", f.endKind), ("count", f.count), ("until", f.until), ("rrule", f.rrule),
                ("holidayPolicy", f.holidayPolicy), ("visibility", f.visibility), ("form", f.form),
            ]
            for (k, x) in given { if let x { v[k] = x } }
            let days = [f.wd1, f.wd2, f.wd3, f.wd4, f.wd5, f.wd6, f.wd7]
            for (i, d) in days.enumerated() { v["wd\(i + 1)"] = d == nil ? nil : "on" }
        }
        return v
    }

    /// The series the values describe, or the problems, each for its field.
    func draft(_ v: [String: String], existing: RegularSeries?) -> (RegularSeries?, [String: String], RulePattern?) {
        var problems: [String: String] = [:]
        let zone = existing?.timeZone ?? RegularSeries.defaultTimeZone
        var pattern: RulePattern?
        var ruleText: String?
        if v["frequency"] == "custom" {
            ruleText = v["rrule"]?.trimmingCharacters(in: .whitespaces)
        } else {
            let weekdays = Set((1...7).filter { v["wd\($0)"] != nil })
            let end: RulePattern.End
            switch v["endKind"] {
            case "count": end = .count(Int(v["count"] ?? "") ?? 0)
            case "until":
                if let d = LocalDate(iso: v["until"] ?? "") {
                    end = .until(d)
                } else {
                    problems["until"] = "a day (YYYY-MM-DD)"
                    end = .never
                }
            default: end = .never
            }
            var p = RulePattern(
                frequency: v["frequency"] == "weekly" ? .weekly : .monthly,
                interval: Int(v["interval"] ?? "") ?? 0,
                weekdays: weekdays,
                end: end
            )
            if p.frequency == .monthly {
                switch v["monthlyKind"] {
                case "monthDay": p.monthly = .monthDay(Int(v["monthDay"] ?? "") ?? 0)
                case "lastWorkday": p.monthly = .lastWorkday
                default:
                    p.monthly = .weekday(
                        ordinal: Int(v["ordinal"] ?? "") ?? 0,
                        weekday: Int(v["monthWeekday"] ?? "") ?? 0
                    )
                }
            }
            if let problem = p.problem {
                problems[problem.field] = problem.message
            } else {
                pattern = p
                ruleText = try? p.rrule(timeZone: zone)
            }
        }
        var rule: RecurrenceRule?
        if let ruleText, problems.isEmpty {
            do { rule = try RecurrenceRule(ruleText) } catch { problems["rrule"] = "\(error)" }
        } else if ruleText == nil && problems.isEmpty {
            problems["rrule"] = "write the rule (RRULE)"
        }
        let title = (v["titleVi"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { problems["titleVi"] = "a title" }
        let from = LocalDate(iso: v["from"] ?? "")
        if from == nil { problems["from"] = "the first day to consider (YYYY-MM-DD)" }
        let hm = (v["time"] ?? "").split(separator: ":").compactMap { Int($0) }
        if hm.count != 2 || !(0...23).contains(hm[0]) || !(0...59).contains(hm[1]) { problems["time"] = "HH:MM" }
        let minutes = Int(v["minutes"] ?? "") ?? 0
        if !(1...1440).contains(minutes) { problems["minutes"] = "1 to 1,440 minutes" }
        let id =
            existing?.id.rawValue
            ?? {
                let given = (v["id"] ?? "").trimmingCharacters(in: .whitespaces)
                return given.isEmpty ? Slug.make(title, maxLength: 50) : given
            }()
        if existing == nil, let problem = Slug.problem(with: id) { problems["id"] = problem }
        guard problems.isEmpty, let rule, let from, hm.count == 2 else { return (nil, problems, pattern) }
        var s =
            existing
            ?? RegularSeries(
                id: RegularSeries.ID(id),
                title: BilingualText(vi: title),
                organizer: Agency.ID(v["organizer"] ?? ""),
                rule: rule,
                start: LocalDateTime(from, hour: hm[0], minute: hm[1]),
                duration: minutes * 60
            )
        s.title = BilingualText(vi: title, en: (v["titleEn"] ?? "").isEmpty ? nil : v["titleEn"])
        s.rule = rule
        s.duration = minutes * 60
        s.venue = (v["venue"] ?? "").isEmpty ? nil : Venue.ID(v["venue"]!)
        s.holidayPolicy = HolidayPolicy(rawValue: v["holidayPolicy"] ?? "") ?? .nextWorkingDay
        s.visibility = Visibility(rawValue: v["visibility"] ?? "") ?? .public
        s.form = InformationForm(rawValue: v["form"] ?? "") ?? .pressConference
        // The first day the rule gives on or after `from`, at the time asked: a series starts
        // on one of its own occurrences (RFC 5545 §3.8.5.3).
        let base = s
        let validator = OccurrenceEngine(calendar: WorkingCalendar(years: 2000...2000, pending: []))
        // Day by day (a rule every third month finds its day within 92 days; a year is the most
        // a plan's rule waits), so the answer does not depend on how a library treats a
        // DTSTART outside its rule.
        for offset in 0..<400 {
            s = base.retimed(LocalDateTime(from.adding(days: offset), hour: hm[0], minute: hm[1]))
            if (try? validator.validate(s)) != nil { break }
        }
        do { try validator.validate(s) } catch {
            switch error {
            case .startNotInRule, .tooManyOccurrences, .invalidRule: problems["rrule"] = error.description
            default: problems["from"] = error.description
            }
            return (nil, problems, pattern)
        }
        return (s, problems, pattern)
    }

    func seriesEditor(
        _ request: Request,
        _ context: PodiumRequestContext,
        form: SeriesForm?,
        existing id: RegularSeries.ID?,
        problem: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        let language = user.language
        let policy = try await service.policy()
        let editable = policy.scope(of: user.actor, .edit, among: s.schedule.agencies.keys)
        var existing: RegularSeries?
        if let id {
            guard let found = s.schedule.series[id] else { throw Problem.notFound("no series \(id)") }
            try await service.authorize(context, .view, .agency(found.organizer))
            existing = found
        } else if editable.isEmpty {
            throw Problem(.forbidden, "Forbidden", "\(user.name) may not edit any agency")
        }
        let v = Self.values(form, existing)
        let agencies: [[String: Any]] = s.schedule.agencies.values
            .filter { editable.contains($0.id) || $0.id == existing?.organizer }
            .sorted { $0.id < $1.id }
            .map {
                ["id": $0.id.rawValue, "name": $0.name.text(language), "selected": $0.id.rawValue == v["organizer"]]
            }
        let venues: [[String: Any]] = s.schedule.venues.values.sorted { $0.id < $1.id }.map {
            ["id": $0.id.rawValue, "name": $0.name.text(language), "selected": $0.id.rawValue == v["venue"]]
        }
        var weekdays: [[String: Any]] = []
        for d in 1...7 {
            let name = RulePattern.weekdayName(d, language)
            weekdays.append([
                "n": d, "name": name, "on": v["wd\(d)"] != nil, "selectedMonth": v["monthWeekday"] == "\(d)",
            ])
        }
        var ordinals: [[String: Any]] = []
        for n in [1, 2, 3, 4, -1] {
            ordinals.append(["n": n, "name": RulePattern.ordinalName(n, language), "selected": v["ordinal"] == "\(n)"])
        }
        var monthDays: [[String: Any]] = []
        let lastDay = language == .en ? "last day" : "ngày cuối tháng"
        for n in Array(1...28) + [-1] {
            monthDays.append(["n": n, "name": n == -1 ? lastDay : "\(n)", "selected": v["monthDay"] == "\(n)"])
        }
        let policies: [[String: Any]] = HolidayPolicy.allCases.map {
            [
                "id": $0.rawValue, "name": WorkspaceText.holidayPolicy($0, language),
                "selected": $0.rawValue == v["holidayPolicy"],
            ]
        }
        let forms: [[String: Any]] = InformationForm.allCases.map {
            ["id": $0.rawValue, "name": WorkspaceText.form($0, language), "selected": $0.rawValue == v["form"]]
        }
        let visibilities: [[String: Any]] = Visibility.allCases.map {
            [
                "id": $0.rawValue, "name": WorkspaceText.visibility($0, language),
                "selected": $0.rawValue == v["visibility"],
            ]
        }
        var page: [String: Any] = [
            "form": v, "isNew": existing == nil, "agencies": agencies, "venues": venues, "weekdays": weekdays,
            "ordinals": ordinals, "monthDays": monthDays, "policies": policies, "visibilities": visibilities,
            "forms": forms,
        ]
        page["canEdit"] = existing.map { editable.contains($0.organizer) } ?? true
        for key in ["weekly", "monthly", "custom"] where v["frequency"] == key { page["freq_\(key)"] = true }
        for key in ["weekday", "monthDay", "lastWorkday"] where v["monthlyKind"] == key { page["mk_\(key)"] = true }
        for key in ["never", "count", "until"] where v["endKind"] == key { page["end_\(key)"] = true }
        if let problem { page["problem"] = problem }
        // The series as the form describes it, or as stored: the RRULE, the words, the dates.
        let (draft, problems, pattern) =
            form != nil
            ? draft(v, existing: existing)
            : (existing, [:], existing.flatMap { RulePattern(rule: $0.rule, timeZone: $0.timeZone) })
        page["problems"] = problems
        if let series = draft {
            page["rrule"] = series.rule.text
            page["words"] =
                (pattern?.words(language) ?? (language == .en ? "custom rule" : "quy tắc riêng"))
                + (language == .en ? ", from " : ", từ ") + HTML.when(series.start, nil, language: language)
                + (language == .en ? ", \(series.duration / 60) minutes" : ", \(series.duration / 60) phút")
            page["dates"] = try preview(series, s, language: language)
            if form != nil { page["ready"] = true }
        }
        if let existing {
            page["seriesId"] = existing.id.rawValue
            // A preview keeps the revision the editing began at: saving after a preview is
            // still refused (409) when someone changed the series meanwhile.
            page["revision"] =
                try form?.revision.flatMap { Int($0) }
                ?? service.mapStore { try service.store.seriesRevision(existing.id) }
            page["status"] = WorkspaceText.status(existing.status, language)
            page["organizerName"] = s.schedule.agencies[existing.organizer]?.name.text(language) ?? ""
            page["storedRule"] = existing.rule.text
        }
        let title =
            existing.map { $0.title.text(language) }
            ?? (language == .en ? "New regular series" : "Lịch họp báo định kỳ mới")
        var response = render("series", page, user: user, session: context, title: title)
        response.status = status
        return response
    }

    /// The next twelve occurrences, each with where it falls and why it moved.
    func preview(_ series: RegularSeries, _ s: PodiumService.State, language: Language) throws -> [[String: Any]] {
        let first = try TimeZones.instant(of: series.start, in: series.timeZone)
        let engine = service.engine(s, around: first)
        let occurrences = try engine.occurrences(
            of: series,
            from: first,
            to: first.addingTimeInterval(4 * 366 * 86_400)
        )
        return occurrences.prefix(12).map { o in
            var note = ""
            if o.status == .cancelled {
                note = o.cancellationReason ?? (language == .en ? "cancelled" : "hủy")
            } else if case .holiday(let from, let holiday)? = o.shift {
                note =
                    language == .en
                    ? "moved from \(from) (\(holiday))"
                    : "dời từ \(String(format: "%02d/%02d", from.day, from.month)) (\(holiday))"
                // A monthly rule moved into another month is rarely what was meant (the last
                // working day of April moved to May): say so where it shows.
                if from.month != o.start.date.month {
                    note +=
                        language == .en
                        ? " — into another month; for an end-of-month rule choose “previous working day”"
                        : " — sang tháng khác; với lịch cuối tháng nên chọn “dời lên ngày làm việc liền trước”"
                }
            } else if case .moved(let reason)? = o.shift {
                note = (language == .en ? "moved" : "đã dời") + (reason.map { ": \($0)" } ?? "")
            }
            var row: [String: Any] = [
                "when": HTML.when(o.start, o.end, language: language),
                "link": HTML.pathSegment(o.id.rawValue), "original": o.id.rawValue,
            ]
            if !note.isEmpty { row["note"] = note }
            if o.status == .cancelled { row["cancelled"] = true }
            return row
        }
    }

    func createSeries(_ request: Request, _ context: PodiumRequestContext, _ form: SeriesForm) async throws -> Response
    {
        let v = Self.values(form, nil)
        let (draft, problems, _) = draft(v, existing: nil)
        guard let draft, problems.isEmpty else {
            return try await seriesEditor(request, context, form: form, existing: nil, status: .unprocessableContent)
        }
        do {
            _ = try await service.createSeries(draft, context)
        } catch let p as Problem where p.status == .unprocessableContent {
            return try await seriesEditor(
                request,
                context,
                form: form,
                existing: nil,
                problem: p.detail,
                status: .unprocessableContent
            )
        }
        return Response.redirect(to: "/workspace/series/\(HTML.pathSegment(draft.id.rawValue))", type: .normal)
    }

    /// "The whole series": title, time, length, venue, rule and holiday policy, against the
    /// revision the page was read at.
    func saveSeries(_ request: Request, _ context: PodiumRequestContext, _ id: RegularSeries.ID, _ form: SeriesForm)
        async throws -> Response
    {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        guard let existing = s.schedule.series[id] else { throw Problem.notFound("no series \(id)") }
        try await service.authorize(context, .edit, .agency(existing.organizer))
        let (draft, problems, _) = draft(Self.values(form, existing), existing: existing)
        guard let draft, problems.isEmpty else {
            return try await seriesEditor(request, context, form: form, existing: id, status: .unprocessableContent)
        }
        if let v = draft.venue, s.schedule.venues[v] == nil {
            return try await seriesEditor(
                request,
                context,
                form: form,
                existing: id,
                problem: "venue: unknown venue \(v)",
                status: .unprocessableContent
            )
        }
        do {
            _ = try service.store.updateSeries(
                id,
                expectedRevision: form.revision.flatMap { Int($0) },
                actor: user.name,
                at: Date(),
                action: "edit"
            ) { series in
                series = series.retimed(draft.start)
                series.title = draft.title
                series.rule = draft.rule
                series.duration = draft.duration
                series.venue = draft.venue
                series.holidayPolicy = draft.holidayPolicy
                series.visibility = draft.visibility
                series.form = draft.form
            }
        } catch {
            return try await refused(request, context, id, form, error)
        }
        service.state.invalidate()
        return Response.redirect(to: "/workspace/series/\(HTML.pathSegment(id.rawValue))", type: .normal)
    }

    /// "This and following": the series ends before the chosen occurrence and a new series,
    /// with the same rule and texts, continues from it (linked both ways).
    func splitSeries(_ request: Request, _ context: PodiumRequestContext, _ id: RegularSeries.ID, _ form: SplitForm)
        async throws -> Response
    {
        guard let user = context.identity else { return Self.signIn(request) }
        let s = try await service.current()
        guard let existing = s.schedule.series[id] else { throw Problem.notFound("no series \(id)") }
        try await service.authorize(context, .edit, .agency(existing.organizer))
        let newID = form.newId.trimmingCharacters(in: .whitespaces)
        let original = form.original.split(separator: "@").last.flatMap { LocalDateTime(iso: String($0)) }
        guard let original, Slug.problem(with: newID) == nil else {
            return try await seriesEditor(
                request,
                context,
                form: nil,
                existing: id,
                problem: "the new series needs an id of lower-case letters, digits and dashes",
                status: .unprocessableContent
            )
        }
        do {
            _ = try service.store.split(
                series: id,
                at: original,
                newID: RegularSeries.ID(newID),
                expectedRevision: form.revision,
                actor: user.name,
                at: Date()
            )
        } catch {
            return try await refused(request, context, id, nil, error)
        }
        service.state.invalidate()
        return Response.redirect(to: "/workspace/series/\(HTML.pathSegment(newID))", type: .normal)
    }

    /// A change the store refused: the page again with the reason and nothing saved — 409
    /// when someone changed the series since the page was read, else 422.
    func refused(
        _ request: Request,
        _ context: PodiumRequestContext,
        _ id: RegularSeries.ID,
        _ form: SeriesForm?,
        _ error: StoreError
    ) async throws -> Response {
        let p = service.problem(error)
        return try await seriesEditor(
            request,
            context,
            form: form,
            existing: id,
            problem: p.detail,
            status: p.status == .preconditionFailed ? .conflict : .unprocessableContent
        )
    }
}
