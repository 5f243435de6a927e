import NNCharts
import Testing

@Suite struct WidgetTests {
    @Test func heatmapPutsTwoValuesInACell() {
        // Colour limits 0...14 over the 14 viridis steps: value v takes step ⌊v⌋.
        // Steps 0,3,6,9,12,13,1,2 are palette entries 53,24,72,113,184,220,54,60.
        let heatmap = Heatmap(
            values: [[0.5, 3.5], [6.5, 9.5], [12.5, 13.5], [1.5, 2.5]], valueRange: 0...14, showsScale: false)
        let buffer = heatmap.rendered(width: 2, height: 2)
        #expect(buffer.lines == ["▀▀", "▀▀"])
        #expect(buffer[0, 0] == Cell("▀", foreground: .indexed(53), background: .indexed(72)))
        #expect(buffer[1, 0] == Cell("▀", foreground: .indexed(24), background: .indexed(113)))
        #expect(buffer[0, 1] == Cell("▀", foreground: .indexed(184), background: .indexed(54)))
        #expect(buffer[1, 1] == Cell("▀", foreground: .indexed(220), background: .indexed(60)))
    }

    @Test func heatmapPathKeepsTheSurfaceUnderIt() {
        // A flat surface (one colour), a path across the middle row ending in a dot.
        let surface = Array(repeating: Array(repeating: 1.0, count: 8), count: 8)
        let path = HeatmapPath(name: "sgd", x: [0, 0.5], y: [0.5, 0.5])
        let heatmap = Heatmap(values: surface, xRange: 0...1, yRange: 0...1, valueRange: 0...2,
                              paths: [path], showsScale: false)
        let buffer = heatmap.rendered(width: 12, height: 8)
        #expect(buffer.lines[0].hasPrefix("━● sgd"))
        let plotCells = buffer.cells[buffer.width...]
        let pathCells = plotCells.filter {
            $0.symbol == "●" || (0x2801...0x28FF).contains($0.symbol.unicodeScalars.first!.value)
        }
        // Path colour 15 (white, first of the path palette) ends in a dot.
        #expect(pathCells.count >= 3 && pathCells.allSatisfy { $0.foreground == .indexed(15) })
        #expect(pathCells.contains { $0.symbol == "●" })
        // 1.0 is the middle of 0...2: step 7 of 14, palette entry 71, kept as background.
        #expect(pathCells.allSatisfy { $0.background == .indexed(71) })
    }

    @Test func heatmapWithoutColourUsesShades() {
        let heatmap = Heatmap(values: [[0, 1, 2, 3, 4]], valueRange: 0...4, colorMode: .none, showsScale: false)
        // One grid row fills both cell rows; v/4 picks shade round(4·v/4) of " ░▒▓█".
        #expect(heatmap.plainText(width: 5, height: 2) == " ░▒▓█\n ░▒▓█")
    }

    @Test func ansiExportSetsColoursAndResetsAtLineEnd() {
        var buffer = Buffer(width: 4, height: 2)
        buffer.write("a", x: 0, y: 0)
        buffer.write("b", x: 1, y: 0, foreground: .red, style: .bold)
        buffer.write("c", x: 0, y: 1, foreground: .indexed(208), background: .indexed(17))
        #expect(buffer.ansiText() == "a\u{1B}[0;1;31mb\u{1B}[0m\n\u{1B}[0;38;5;208;48;5;17mc\u{1B}[0m")
        // Basic colours: 208 (orange, r=5 g=2 b=0) is nearest red; 17 (navy) blue.
        #expect(buffer.ansiText(colorMode: .basic8) == "a\u{1B}[0;1;31mb\u{1B}[0m\n\u{1B}[0;31;44mc\u{1B}[0m")
        #expect(buffer.ansiText(colorMode: .none) == "a\u{1B}[0;1mb\u{1B}[0m\nc")
    }

    /// A grid's cells cover every cell of its area exactly once, row by row, the last row's
    /// fewer panels sharing its whole width; equal parts differ by one cell at most.
    @Test func gridCellsTileTheArea() {
        for (width, height) in [(80, 23), (200, 59), (7, 5), (1, 1)] {
            let area = Rect(x: 3, y: 2, width: width, height: height)
            for count in 1...7 {
                for columns in 1...count {
                    let cells = Layout.grid(area, count: count, columns: columns)
                    #expect(cells.count == count)
                    var covered = [Int](repeating: 0, count: width * height)
                    for cell in cells {
                        for y in cell.y..<cell.maxY { for x in cell.x..<cell.maxX { covered[(y - 2) * width + x - 3] += 1 } }
                    }
                    #expect(covered.allSatisfy { $0 == 1 }, "\(count) cells in \(columns) columns of \(width)x\(height)")
                    #expect(cells.map(\.y) == cells.map(\.y).sorted())
                }
            }
        }
        let cells = Layout.grid(Rect(x: 0, y: 0, width: 10, height: 4), count: 3, columns: 2)
        #expect(cells == [Rect(x: 0, y: 0, width: 5, height: 2), Rect(x: 5, y: 0, width: 5, height: 2),
                          Rect(x: 0, y: 2, width: 10, height: 2)])
        #expect((0..<3).map { Rect(x: 1, y: 0, width: 8, height: 1).column($0, of: 3).width } == [2, 3, 3])
        // With a gap: the cells and the blank columns between them tile the row, the last cell
        // ending at its right edge.
        let row = Rect(x: 0, y: 0, width: 80, height: 1)
        #expect((0..<2).map { row.column($0, of: 2, gap: 1) } == [Rect(x: 0, y: 0, width: 39, height: 1), Rect(x: 40, y: 0, width: 40, height: 1)])
        for (width, count) in [(80, 3), (200, 5), (7, 3), (3, 3)] {
            let cells = (0..<count).map { Rect(x: 5, y: 0, width: width, height: 1).column($0, of: count, gap: 1) }
            #expect(cells.first?.x == 5 && cells.last?.maxX == 5 + width, "\(width) in \(count): \(cells)")
            for (a, b) in zip(cells, cells.dropFirst()) { #expect(b.x == a.maxX + 1, "\(width) in \(count): \(cells)") }
            #expect(cells.map(\.width).max()! - cells.map(\.width).min()! <= 1)
        }
        // Narrow areas get fewer columns than rows.
        #expect(Layout.columns(Rect(x: 0, y: 0, width: 200, height: 50), count: 4) == 2)
        #expect(Layout.columns(Rect(x: 0, y: 0, width: 80, height: 40), count: 4) == 1)
    }

    @Test func blockDrawsABorderWithItsTitle() {
        #expect(Block(title: "ab").plainText(width: 6, height: 3) == "╭ ab ╮\n│    │\n╰────╯")
        #expect(Block(title: "ab", border: .ascii).plainText(width: 6, height: 3) == "+ ab +\n|    |\n+----+")
        #expect(Block().inner(of: Rect(x: 0, y: 0, width: 6, height: 3)) == Rect(x: 1, y: 1, width: 4, height: 1))
    }

    @Test func tableAlignsColumnsAndCutsLongText() {
        let table = Table(columns: [Table.Column("run"), Table.Column("loss", alignment: .right)],
                          rows: [["adam", "0.12"], ["sgd-momentum", "1.5"]])
        #expect(table.plainText(width: 20, height: 4) == """
            run          loss
            ────────────────────
            adam         0.12
            sgd-momentum  1.5
            """)
        // Seventeen columns: both whole. Ten: not enough for "run" readable beside "loss", so
        // "loss" (the lower priority, further right) is left out and "run" ends in "…".
        #expect(table.plainText(width: 17, height: 4).split(separator: "\n").last == "sgd-momentum  1.5")
        #expect(table.plainText(width: 10, height: 4).split(separator: "\n").last == "sgd-momen…")
        // Columns leave by priority, not place: "acc" ranks above "loss" and stays.
        let ranked = Table(columns: [Table.Column("run"), Table.Column("loss", alignment: .right),
                                     Table.Column("accuracy", alignment: .right, priority: 1)],
                           rows: [["adam", "0.12", "0.9"], ["sgd-momentum", "1.5", "0.8"]])
        #expect(ranked.plainText(width: 21, height: 4).split(separator: "\n").last == "sgd-momentum      0.8")
        #expect(ranked.plainText(width: 26, height: 4).split(separator: "\n").last == "sgd-momentum  1.5      0.8")
    }

    @Test func aColumnThatCutsInTheMiddleKeepsTheEndOfItsText() {
        let table = Table(columns: [Table.Column("run name", cutsInMiddle: true)],
                          rows: [["sweep-adamw-lr0.001"], ["sweep-adamw-lr0.003"], ["short"]])
        // Ten columns: four of the start, "…", five of the end; the title and a short name whole.
        #expect(table.plainText(width: 10, height: 5).split(separator: "\n").map(String.init)
                == ["run name", "──────────", "swee…0.001", "swee…0.003", "short"])
        #expect(Table.fitMiddle("abcdefgh", width: 5, ascii: true) == "ab~gh")
        #expect(Table.fitMiddle("abcdefgh", width: 2, ascii: false) == "a…")
        #expect(Table.fitMiddle("abc", width: 3, ascii: false) == "abc")
    }

    @Test func barsAreExactToAnEighth() {
        // Labels 1 wide, values up to 3 ("0.5"): 10 − 1 − 3 − 2 = 4 bar columns = 32
        // eighths for the peak 1; 0.5 is 16 eighths = two full cells.
        let bars = BarChart(bars: [.init(label: "a", value: 1), .init(label: "b", value: 0.5)])
        #expect(bars.plainText(width: 10, height: 2) == "a ████ 1\nb ██ 0.5")
        let fine = BarChart(bars: [.init(label: "a", value: 8), .init(label: "b", value: 3)])
        // 48 eighths for 8: 3 is 18 eighths = two cells and a quarter (▎).
        #expect(fine.plainText(width: 10, height: 2) == "a ██████ 8\nb ██▎ 3")
    }
}

extension String {
    /// The text with trailing blanks of every line removed, as `plainText` gives it.
    var replacingBlanksAtLineEnds: String {
        split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var s = line
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }.joined(separator: "\n")
    }
}
