/// Reads CSV training logs incrementally: Lightning's and Keras' `CSVLogger`, or any CSV whose
/// header has a step, iteration or epoch column (the x axis, in that order of preference).
///
/// Fields follow RFC 4180 as Python's `csv` module reads them: a field that starts with a quote
/// runs to the closing quote, `""` inside it is a quote, and separators and newlines inside it
/// are text. The separator is detected from the header. Empty cells are missing values (sparse
/// Lightning rows), as are `NA` cells (Keras' `val_*` columns without validation); the x
/// columns are never series, nor is an unnamed first column (pandas' `to_csv()` index), which
/// is the x axis when no column is named like one. A `series` column (as `Recorder` writes)
/// puts each row's values under its label: `lr=0.1/loss`.
struct CSVLogParser: TextLogParser {
    /// Rows longer than this are skipped, so that a runaway line cannot exhaust memory.
    static let maximumRowLength = 1 << 20
    static let separators: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "|")]

    private struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    private enum Role { case axis, other, label, series }

    private var separator: UInt8?
    private var columns: [[UInt8]] = []
    private var roles: [Role] = []
    private var seriesIndex: [Int?] = []
    private var axisColumn: Int?
    private var labelColumn: Int?
    /// Scratch space for `label/column` tags, reused from row to row.
    private var tag: [UInt8] = []
    private var fields: [Field] = []
    private var row = 0
    private var skippingLongRow = false

    /// The separator most frequent in `line` outside quotes (comma when there is none).
    static func detectSeparator(_ line: UnsafeRawBufferPointer) -> UInt8 {
        var counts = [Int](repeating: 0, count: separators.count)
        var inQuotes = false
        for b in line {
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, let k = separators.firstIndex(of: b) { counts[k] += 1 }
        }
        let best = counts.indices.max { counts[$0] < counts[$1] }!
        if counts[best] > 0 { return separators[best] }
        return line.contains(UInt8(ascii: " ")) ? UInt8(ascii: " ") : UInt8(ascii: ",")
    }

    /// Whether `header` (one line) names a step, iteration or epoch column.
    static func hasAxisColumn(_ header: UnsafeRawBufferPointer) -> Bool {
        var parser = CSVLogParser()
        parser.separator = detectSeparator(header)
        guard parser.scanRow(header, from: 0, atEnd: true) != nil else { return false }
        return parser.fields.contains { DecimalText.axisRank(parser.text(header, $0)) != nil }
            || parser.fields.count > 1 && parser.fields[0].start == parser.fields[0].end
    }

    /// At the end of a file read once, reads the last row even without its newline, unless it
    /// has fewer fields than the header (then it was torn).
    mutating func read(_ bytes: UnsafeRawBufferPointer, atEnd: Bool, file: String, into run: inout LogRun) -> Int {
        var i = 0
        let n = bytes.count
        while i < n {
            if skippingLongRow {
                guard let newline = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) else { return n }
                skippingLongRow = false
                i = newline + 1
                row += 1
                continue
            }
            if separator == nil {
                let lineEnd = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) ?? n
                guard lineEnd < n || atEnd || n - i > Self.maximumRowLength else { break }
                separator = Self.detectSeparator(UnsafeRawBufferPointer(rebasing: bytes[i..<lineEnd]))
                run.separator = separator.map { Character(UnicodeScalar($0)) }
            }
            guard let next = scanRow(bytes, from: i, atEnd: atEnd) else {
                if n - i > Self.maximumRowLength {
                    run.problems.add(.init("row longer than 1 MiB skipped", "rows longer than 1 MiB skipped"), at: "\(file) row \(row + 1)")
                    skippingLongRow = true
                    continue
                }
                break
            }
            if columns.isEmpty {
                readHeader(bytes, file: file, into: &run)
            } else if atEnd, next == n, bytes[n - 1] != UInt8(ascii: "\n"), fields.count < columns.count {
                run.problems.add(.init("incomplete last row skipped (fewer fields than the header)", "incomplete last rows skipped (fewer fields than the header)"), at: "\(file) row \(row + 1)")
            } else {
                readRow(bytes, file: file, into: &run)
            }
            row += 1
            i = next
        }
        return i
    }

    /// Splits the row starting at `start` into `fields`; returns where the next row starts, or
    /// nil when the row is not complete yet.
    private mutating func scanRow(_ bytes: UnsafeRawBufferPointer, from start: Int, atEnd: Bool) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let quote = UInt8(ascii: "\"")
        let separator = self.separator ?? UInt8(ascii: ",")
        var i = start
        var fieldStart = start
        var inQuotes = false
        var quoted = false
        let n = min(bytes.count, start + Self.maximumRowLength + 1)
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote {
                        i += 2
                        continue
                    }
                    if i + 1 == bytes.count, !atEnd { return nil }
                    inQuotes = false
                }
                i += 1
                continue
            }
            if b == quote, i == fieldStart {
                inQuotes = true
                quoted = true
            } else if b == separator {
                fields.append(Field(start: fieldStart, end: i, quoted: quoted))
                fieldStart = i + 1
                quoted = false
            } else if b == UInt8(ascii: "\n") {
                var end = i
                if end > fieldStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                fields.append(Field(start: fieldStart, end: end, quoted: quoted))
                return i + 1
            }
            i += 1
        }
        guard atEnd, n == bytes.count, bytes.count > start else { return nil }
        fields.append(Field(start: fieldStart, end: n, quoted: quoted))
        return n
    }

    /// A field's text without its quotes (doubled quotes kept doubled; only names need them undone).
    private func text(_ bytes: UnsafeRawBufferPointer, _ field: Field) -> UnsafeRawBufferPointer {
        var start = field.start
        var end = field.end
        if field.quoted {
            start += 1
            if end > start, bytes[end - 1] == UInt8(ascii: "\"") { end -= 1 }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<max(start, end)])
    }

    private mutating func readHeader(_ bytes: UnsafeRawBufferPointer, file: String, into run: inout LogRun) {
        if fields.count == 1, fields[0].start == fields[0].end { return }
        for field in fields {
            var name = Array(text(bytes, field))
            if columns.isEmpty, name.starts(with: [0xEF, 0xBB, 0xBF]) { name.removeFirst(3) }
            if field.quoted {
                var k = 0
                while k + 1 < name.count {
                    if name[k] == UInt8(ascii: "\""), name[k + 1] == UInt8(ascii: "\"") { name.remove(at: k) }
                    k += 1
                }
            }
            columns.append(name)
        }
        var ranks = columns.map { DecimalText.axisRank($0) }
        if columns.count > 1, columns[0].isEmpty {
            ranks[0] = Int.max  // pandas' `to_csv()` index: the row number, the x axis only without another
        }
        let best = ranks.compactMap { $0 }.min()
        axisColumn = best.flatMap { b in ranks.firstIndex(of: b) }
        labelColumn = columns.firstIndex { DecimalText.equalsIgnoringCase($0, "series") }
        roles = ranks.indices.map { k in
            k == axisColumn ? .axis : ranks[k] != nil ? .other : k == labelColumn ? .label : .series
        }
        seriesIndex = Array(repeating: nil, count: columns.count)
        if axisColumn == nil {
            run.problems.add(.init("CSV file without a step, iteration or epoch column ignored", "CSV files without a step, iteration or epoch column ignored"), at: "\(file) row 1")
        }
    }

    private mutating func readRow(_ bytes: UnsafeRawBufferPointer, file: String, into run: inout LogRun) {
        if fields.count == 1, fields[0].start == fields[0].end { return }
        guard let axisColumn else { return }
        guard axisColumn < fields.count, let step = DecimalText.step(text(bytes, fields[axisColumn])) else {
            let column = String(decoding: columns[axisColumn], as: UTF8.self)
            run.problems.add(.init("row without an integer in the \(column) column skipped", "rows without an integer in the \(column) column skipped"),
                at: "\(file) row \(row + 1)")
            return
        }
        var label: UnsafeRawBufferPointer?
        if let labelColumn, labelColumn < fields.count, fields[labelColumn].end > fields[labelColumn].start {
            label = text(bytes, fields[labelColumn])
        }
        for k in 0..<min(fields.count, columns.count) where roles[k] == .series {
            let cell = text(bytes, fields[k])
            if cell.allSatisfy(DecimalText.isSpace) { continue }
            guard let value = DecimalText.double(cell) else {
                if DecimalText.isMissing(cell) { continue }
                run.problems.add(.init("cell that is not a number skipped", "cells that are not numbers skipped"), at: "\(file) row \(row + 1)")
                continue
            }
            let index: Int?
            if let label {
                tag.removeAll(keepingCapacity: true)
                tag += label
                tag.append(UInt8(ascii: "/"))
                tag += columns[k]
                index = tag.withUnsafeBytes { run.scalarIndex($0, place: "\(file) row \(row + 1)") }
            } else if let known = seriesIndex[k] {
                index = known
            } else {
                index = columns[k].withUnsafeBytes { run.scalarIndex($0, place: "\(file) row \(row + 1)") }
                seriesIndex[k] = index
            }
            guard let index else { continue }
            run.appendPreempting(index, step: step, value: value, wallTime: nil, place: "\(file) row \(row + 1)")
        }
        if fields.count > columns.count {
            run.problems.add(.init("row with more fields than the header (extra fields ignored)", "rows with more fields than the header (extra fields ignored)"), at: "\(file) row \(row + 1)")
        }
    }
}
