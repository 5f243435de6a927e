import Foundation

/// Pillow's geometry on 8-bit images, value for value: `resize` with its bilinear filter,
/// `crop`, `ImageOps.expand` (padding with a constant) and `transpose(FLIP_LEFT_RIGHT)`.
extension PixelImage {
    /// Pillow's fixed-point precision for 8-bit resampling (Resample.c).
    private static let precisionBits = 32 - 8 - 2

    /// The image resized to `newWidth`x`newHeight` as Pillow's `Image.resize(size, BILINEAR)`
    /// (the filter widened by the scale when shrinking, so it antialiases): one pass per side that
    /// changes, each rounded to 8 bits. Pillow 13 runs the vertical pass first when the height
    /// shrinks and the width does not; so does this. (When both shrink it sometimes does too, by a
    /// rule of its own: there a pixel may differ by one level.)
    public func resized(width newWidth: Int, height newHeight: Int) -> PixelImage {
        guard newWidth != width || newHeight != height else { return self }
        if newHeight < height && newWidth >= width {
            return transposed().resampledHorizontally(to: newHeight).transposed().resampledHorizontally(to: newWidth)
        }
        return resampledHorizontally(to: newWidth).transposed().resampledHorizontally(to: newHeight).transposed()
    }

    /// The image with rows and columns swapped.
    func transposed() -> PixelImage {
        var out = pixels
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels { out[(x * height + y) * channels + c] = pixels[(y * width + x) * channels + c] }
            }
        }
        return PixelImage(width: height, height: width, channels: channels, pixels: out)
    }

    /// Pillow's horizontal pass to `newWidth` columns (unchanged when the width is already that).
    private func resampledHorizontally(to newWidth: Int) -> PixelImage {
        guard newWidth != width else { return self }
        let (bounds, weights, taps) = Self.coefficients(input: width, output: newWidth)
        var out = [UInt8](repeating: 0, count: newWidth * height * channels)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<height {
                let row = y * width * channels
                for x in 0..<newWidth {
                    let (start, count) = bounds[x]
                    for c in 0..<channels {
                        var sum = 1 << (Self.precisionBits - 1)
                        for k in 0..<count {
                            sum += Int(source[row + (start + k) * channels + c]) * weights[x * taps + k]
                        }
                        out[(y * newWidth + x) * channels + c] = Self.clip(sum)
                    }
                }
            }
        }
        return PixelImage(width: newWidth, height: height, channels: channels, pixels: out)
    }

    /// Pillow's `precompute_coeffs` and `normalize_coeffs_8bpc` for the bilinear (triangle)
    /// filter: for each output pixel, the first input pixel and how many it reads, and the
    /// weights in fixed point, `taps` per output pixel.
    private static func coefficients(input: Int, output: Int) -> (bounds: [(start: Int, count: Int)], weights: [Int], taps: Int) {
        let scale = Double(input) / Double(output)
        let filterScale = Swift.max(scale, 1)
        let support = filterScale, inverse = 1 / filterScale
        let taps = Int(support.rounded(.up)) * 2 + 1
        var bounds: [(start: Int, count: Int)] = [], weights = [Int](repeating: 0, count: output * taps)
        for o in 0..<output {
            let center = (Double(o) + 0.5) * scale
            let start = Swift.max(Int(center - support + 0.5), 0)
            let count = Swift.min(Int(center + support + 0.5), input) - start
            var raw = [Double](repeating: 0, count: count), total = 0.0
            for k in 0..<count {
                let distance = abs((Double(k + start) - center + 0.5) * inverse)
                raw[k] = distance < 1 ? 1 - distance : 0
                total += raw[k]
            }
            for k in 0..<count {
                let w = total != 0 ? raw[k] / total : raw[k]
                let fixed = w * Double(1 << precisionBits)
                weights[o * taps + k] = Int(w < 0 ? fixed - 0.5 : fixed + 0.5)
            }
            bounds.append((start, count))
        }
        return (bounds, weights, taps)
    }

    /// A fixed-point sum back to 8 bits, clamped.
    @inline(__always) private static func clip(_ sum: Int) -> UInt8 {
        UInt8(clamping: sum >> precisionBits)
    }

    /// The `width`x`height` window whose top left is (`left`, `top`); parts outside the image
    /// are 0, as Pillow's `crop`.
    public func cropped(top: Int, left: Int, height newHeight: Int, width newWidth: Int) -> PixelImage {
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * channels)
        for y in 0..<newHeight where (0..<height).contains(top + y) {
            for x in 0..<newWidth where (0..<width).contains(left + x) {
                for c in 0..<channels { out[(y * newWidth + x) * channels + c] = self[left + x, top + y, c] }
            }
        }
        return PixelImage(width: newWidth, height: newHeight, channels: channels, pixels: out)
    }

    /// The image inside a border of zeros: `left`, `top`, `right`, `bottom` pixels wide.
    public func padded(left: Int, top: Int, right: Int, bottom: Int) -> PixelImage {
        cropped(top: -top, left: -left, height: height + top + bottom, width: width + left + right)
    }

    /// The image mirrored left to right.
    public func flippedHorizontally() -> PixelImage {
        var out = pixels
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels { out[(y * width + x) * channels + c] = self[width - 1 - x, y, c] }
            }
        }
        return PixelImage(width: width, height: height, channels: channels, pixels: out)
    }
}
