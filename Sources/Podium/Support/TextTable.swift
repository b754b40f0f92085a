/// Plain-text tables aligned by what a terminal shows: Vietnamese text is NFC, so each
/// letter with its diacritics is one grapheme and one column; width is counted in
/// graphemes (East Asian wide characters count two).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells) }
    mutating func add(_ cells: [String]) { rows.append(cells) }

    static func width(_ s: String) -> Int {
        s.precomposedWidth
    }

    func render() -> String {
        let cellWidths = rows.map { $0.map(Self.width) }
        var widths = headers.map(Self.width)
        for row in cellWidths {
            for (i, w) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], w) }
        }
        // Each cell padded to its column, except the last; trailing blanks trimmed.
        func line(_ cells: [String], _ cellWidth: [Int]) -> String {
            var out = ""
            for (i, c) in cells.enumerated() {
                if i > 0 { out += "  " }
                out += c
                if i < cells.count - 1, i < widths.count {
                    out += String(repeating: " ", count: widths[i] - cellWidth[i])
                }
            }
            while out.utf8.last == UInt8(ascii: " ") { out.removeLast() }
            return out
        }
        var out = [
            line(headers, headers.map(Self.width)),
            widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "),
        ]
        for (row, w) in zip(rows, cellWidths) { out.append(line(row, w)) }
        return out.joined(separator: "\n")
    }
}

extension String {
    /// Display columns: one per grapheme, two for East Asian wide/fullwidth ones.
    var precomposedWidth: Int {
        reduce(0) { total, ch in
            let v = ch.unicodeScalars.first!.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
            return total + (wide ? 2 : 1)
        }
    }
}
