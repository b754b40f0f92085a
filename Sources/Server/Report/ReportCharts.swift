import Foundation
import Scheduling

/// The report's charts as inline SVG: drawn in black and greys with patterns rather than
/// colours, so they read the same on screen, in print and photocopied; each carries a
/// `<title>` and `role="img"` for screen readers, and the numbers are also in the tables.
enum ReportCharts {
    static func text(_ s: String) -> String { HTML.escape(s) }

    /// Planned (light grey) and held (black) briefings for each month.
    static func perMonth(_ months: [YearReport.Count], title: String, planned: String, held: String) -> String {
        let width = 640.0
        let height = 220.0
        let left = 32.0
        let bottom = 28.0
        let top = 24.0
        let maxValue = max(1, months.map { max($0.planned, $0.held) }.max() ?? 1)
        let step = (width - left - 8) / Double(max(months.count, 1))
        let scale = (height - bottom - top) / Double(maxValue)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" aria-labelledby="chart-month-title">
            <title id="chart-month-title">\(text(title))</title>
            <rect x="\(left)" y="6" width="10" height="10" fill="#bbb" stroke="#000" stroke-width=".5"/><text x="\(left + 14)" y="15" font-size="10">\(text(planned))</text>
            <rect x="\(left + 110)" y="6" width="10" height="10" fill="#000"/><text x="\(left + 124)" y="15" font-size="10">\(text(held))</text>
            <line x1="\(left)" y1="\(height - bottom)" x2="\(width - 4)" y2="\(height - bottom)" stroke="#000" stroke-width=".8"/>

            """
        for (i, m) in months.enumerated() {
            let x = left + Double(i) * step
            let barWidth = step * 0.36
            let plannedHeight = Double(m.planned) * scale
            let heldHeight = Double(m.held) * scale
            out += """
                <rect x="\(f(x + step * 0.12))" y="\(f(height - bottom - plannedHeight))" width="\(f(barWidth))" height="\(f(plannedHeight))" fill="#bbb" stroke="#000" stroke-width=".5"/>
                <rect x="\(f(x + step * 0.5))" y="\(f(height - bottom - heldHeight))" width="\(f(barWidth))" height="\(f(heldHeight))" fill="#000"/>
                <text x="\(f(x + step * 0.3))" y="\(f(height - bottom - plannedHeight - 3))" font-size="9" text-anchor="middle">\(m.planned)</text>
                <text x="\(f(x + step * 0.68))" y="\(f(height - bottom - heldHeight - 3))" font-size="9" text-anchor="middle">\(m.held)</text>
                <text x="\(f(x + step / 2))" y="\(f(height - bottom + 14))" font-size="10" text-anchor="middle">\(text(m.label))</text>

                """
        }
        return out + "</svg>"
    }

    /// One row per rule and agency, one column per month: a black cell where the period
    /// containing the month was met, a white cell with a cross where it was not.
    static func complianceGrid(
        _ rows: [YearReport.ComplianceRow],
        year: Int,
        title: String,
        met: String,
        notMet: String
    )
        -> String
    {
        let labelWidth = 250.0
        let cell = 30.0
        let rowHeight = 22.0
        let top = 40.0
        let width = labelWidth + cell * 12 + 8
        let height = top + rowHeight * Double(max(rows.count, 1)) + 8
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" aria-labelledby="chart-grid-title">
            <title id="chart-grid-title">\(text(title))</title>
            <rect x="\(labelWidth)" y="4" width="10" height="10" fill="#000"/><text x="\(labelWidth + 14)" y="13" font-size="10">\(text(met))</text>
            <rect x="\(labelWidth + 90)" y="4" width="10" height="10" fill="#fff" stroke="#000" stroke-width=".6"/><path d="M\(labelWidth + 90) 4l10 10M\(labelWidth + 100) 4l-10 10" stroke="#000" stroke-width=".8"/><text x="\(labelWidth + 104)" y="13" font-size="10">\(text(notMet))</text>

            """
        for m in 1...12 {
            out +=
                "<text x=\"\(f(labelWidth + cell * Double(m - 1) + cell / 2))\" y=\"\(f(top - 6))\" font-size=\"10\" text-anchor=\"middle\">\(m)</text>\n"
        }
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            out +=
                "<text x=\"0\" y=\"\(f(y + 15))\" font-size=\"10\">\(text(String("\(row.rule) · \(row.agencyName)".prefix(46))))</text>\n"
            for m in 1...12 {
                let day = String(format: "%04d-%02d-15", year, m)
                let x = labelWidth + cell * Double(m - 1)
                guard let period = row.periods.first(where: { $0.from <= day && day <= $0.to }) else {
                    out +=
                        "<rect x=\"\(f(x + 2))\" y=\"\(f(y + 3))\" width=\"\(f(cell - 4))\" height=\"\(f(rowHeight - 6))\" fill=\"#eee\"/>\n"
                    continue
                }
                if period.pending {
                    // Not over yet when the report was made: not judged.
                    out +=
                        "<rect x=\"\(f(x + 2))\" y=\"\(f(y + 3))\" width=\"\(f(cell - 4))\" height=\"\(f(rowHeight - 6))\" fill=\"#fff\" stroke=\"#999\" stroke-dasharray=\"2 2\"/>\n"
                } else if period.met {
                    out +=
                        "<rect x=\"\(f(x + 2))\" y=\"\(f(y + 3))\" width=\"\(f(cell - 4))\" height=\"\(f(rowHeight - 6))\" fill=\"#000\"/>\n"
                } else {
                    out += """
                        <rect x="\(f(x + 2))" y="\(f(y + 3))" width="\(f(cell - 4))" height="\(f(rowHeight - 6))" fill="#fff" stroke="#000" stroke-width=".8"/>
                        <path d="M\(f(x + 2)) \(f(y + 3))l\(f(cell - 4)) \(f(rowHeight - 6))M\(f(x + cell - 2)) \(f(y + 3))l\(f(4 - cell)) \(f(rowHeight - 6))" stroke="#000" stroke-width=".8"/>

                        """
                }
            }
        }
        return out + "</svg>"
    }

    /// Briefings per person (all roles), with the hours as a label.
    static func load(_ people: [(name: String, count: Int, minutes: Int)], title: String, hoursUnit: String) -> String {
        let labelWidth = 210.0
        let barMax = 330.0
        let rowHeight = 20.0
        let maxCount = max(1, people.map(\.count).max() ?? 1)
        let height = rowHeight * Double(max(people.count, 1)) + 10
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 \(Int(height))" width="100%" role="img" aria-labelledby="chart-load-title">
            <title id="chart-load-title">\(text(title))</title>

            """
        for (i, p) in people.enumerated() {
            let y = Double(i) * rowHeight + 4
            let w = barMax * Double(p.count) / Double(maxCount)
            out += """
                <text x="0" y="\(f(y + 13))" font-size="10">\(text(String(p.name.prefix(38))))</text>
                <rect x="\(labelWidth)" y="\(f(y + 3))" width="\(f(w))" height="\(f(rowHeight - 8))" fill="#555"/>
                <text x="\(f(labelWidth + w + 4))" y="\(f(y + 13))" font-size="10">\(p.count) · \(String(format: "%.1f", Double(p.minutes) / 60)) \(text(hoursUnit))</text>

                """
        }
        return out + "</svg>"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
