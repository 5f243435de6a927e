import Foundation
import NNEngine

/// Generated handwriting-like digits, for a run without a network that still shows something a
/// newcomer recognises: the ten glyphs of a 5x7 bitmap font drawn at random size, slant, stroke
/// width and place on a 28x28 grey field with noise, as MNIST's digits are.
extension Dataset {
    /// The 5x7 glyphs of 0 to 9, one string of five characters per row (`#` is ink).
    static let digitGlyphs: [[String]] = [
        [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        ["  #  ", " ##  ", "# #  ", "  #  ", "  #  ", "  #  ", "#####"],
        [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
        ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
        ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
    ]

    /// `imagesPerClass` 28x28 images of each digit, as 8-bit grey images with their labels.
    public static func digitImages(imagesPerClass: Int, seed: UInt64) -> (images: [PixelImage], labels: [Int]) {
        let total = 10 * imagesPerClass, size = 28
        // Per image: height, width factor, slant, stroke, x and y placement, then noise.
        let draws = Tensor.rand([total, 6], generator: Generator(seed: seed)).toArray().map(Double.init)
        let noise = Tensor.rand([total * size * size], generator: Generator(seed: seed &+ 1)).toArray()
        var images: [PixelImage] = [], labels: [Int] = []
        for n in 0..<total {
            let digit = n / imagesPerClass, glyph = digitGlyphs[digit], d = Array(draws[(6 * n)..<(6 * n + 6)])
            let height = 14 + 8 * d[0], width = height * (0.5 + 0.3 * d[1]), slant = 0.5 * (d[2] - 0.5)
            let stroke = 0.35 + 0.35 * d[3]
            let left = 3 + (Double(size) - 6 - width - abs(slant) * height) * d[4] + max(0, -slant) * height
            let top = 2 + (Double(size) - 4 - height) * d[5]
            var pixels = [UInt8](repeating: 0, count: size * size)
            for y in 0..<size {
                for x in 0..<size {
                    // 2x2 samples per pixel: the share that falls on ink.
                    var ink = 0.0
                    for sy in 0..<2 {
                        for sx in 0..<2 {
                            let py = Double(y) + (Double(sy) + 0.5) / 2, px = Double(x) + (Double(sx) + 0.5) / 2
                            let v = (py - top) / height * 7
                            let u = (px - left - slant * (top + height - py)) / width * 5
                            ink += Self.onGlyph(glyph, u: u, v: v, stroke: stroke) ? 1 : 0
                        }
                    }
                    let value = ink / 4 * 230 + 25 * Double(noise[n * size * size + y * size + x])
                    pixels[y * size + x] = UInt8(min(255, value))
                }
            }
            images.append(PixelImage(width: size, height: size, channels: 1, pixels: pixels))
            labels.append(digit)
        }
        return (images, labels)
    }

    /// Whether (u, v) in glyph cells lies within `stroke` cells of an ink cell's centre line.
    private static func onGlyph(_ glyph: [String], u: Double, v: Double, stroke: Double) -> Bool {
        guard u > -1, v > -1, u < 6, v < 8 else { return false }
        for row in max(0, Int(v.rounded(.down)) - 1)...min(6, Int(v.rounded(.down)) + 1) {
            let cells = Array(glyph[row])
            for column in max(0, Int(u.rounded(.down)) - 1)...min(4, Int(u.rounded(.down)) + 1) where cells[column] == "#" {
                let (du, dv) = (u - (Double(column) + 0.5), v - (Double(row) + 0.5))
                if abs(du) <= stroke + 0.15 && abs(dv) <= stroke + 0.15 { return true }
            }
        }
        return false
    }
}
