import CImageCodecs
import Foundation
import NNRuns

/// An 8-bit image as Pillow holds one: rows top to bottom, `channels` bytes per pixel (1 grey
/// "L", 3 RGB).
public struct PixelImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [UInt8]

    /// The most pixels a decoded file may have (a 8192x8192 image); larger files are refused
    /// before their pixels are allocated.
    public static let maximumPixels = 1 << 26

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && (channels == 1 || channels == 3) && pixels.count == width * height * channels,
                     "pixels do not fit \(width)x\(height)x\(channels)")
        (self.width, self.height, self.channels, self.pixels) = (width, height, channels, pixels)
    }

    /// Why a file could not be decoded.
    public struct DecodingError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The image a PNG or JPEG file holds (told apart by their signatures).
    public init(decoding bytes: [UInt8]) throws(DecodingError) {
        var image = NNImage()
        var message = [CChar](repeating: 0, count: Int(NN_MESSAGE_SIZE))
        let status: Int32
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            status = bytes.withUnsafeBufferPointer { nn_png_decode($0.baseAddress, $0.count, Self.maximumPixels, &image, &message) }
        } else if bytes.starts(with: [0xFF, 0xD8]) {
            status = bytes.withUnsafeBufferPointer { nn_jpeg_decode($0.baseAddress, $0.count, Self.maximumPixels, &image, &message) }
        } else {
            throw DecodingError(description: "neither a PNG nor a JPEG file")
        }
        defer { nn_image_free(image.pixels) }
        guard status == 0, let pixels = image.pixels else {
            let text = Self.text(message)
            throw DecodingError(description: text.isEmpty ? "damaged file" : text)
        }
        let count = Int(image.width) * Int(image.height) * Int(image.channels)
        self.init(width: Int(image.width), height: Int(image.height), channels: Int(image.channels),
                  pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// The image encoded as a PNG file.
    public func pngData() -> [UInt8] { encode { image, out, size, message in nn_png_encode(image, out, size, message) } }

    /// The image encoded as a JPEG file of `quality` (1-100).
    public func jpegData(quality: Int = 90) -> [UInt8] {
        encode { image, out, size, message in nn_jpeg_encode(image, Int32(quality), out, size, message) }
    }

    private func encode(_ body: (UnsafePointer<NNImage>, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>,
                                 UnsafeMutablePointer<Int>, UnsafeMutablePointer<CChar>) -> Int32) -> [UInt8] {
        var source = pixels
        return source.withUnsafeMutableBufferPointer { buffer in
            var image = NNImage()
            (image.width, image.height, image.channels, image.pixels) = (Int32(width), Int32(height), Int32(channels), buffer.baseAddress)
            var out: UnsafeMutablePointer<UInt8>?
            var size = 0
            var message = [CChar](repeating: 0, count: Int(NN_MESSAGE_SIZE))
            let status = body(&image, &out, &size, &message)
            defer { nn_image_free(out) }
            // Encoding valid pixels into memory fails only when memory runs out.
            precondition(status == 0 && out != nil, "encoding failed: \(Self.text(message))")
            return Array(UnsafeBufferPointer(start: out, count: size))
        }
    }

    /// A C message buffer as display-safe text.
    private static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).displaySafe
    }

    /// The pixel value of channel `c` at (`x`, `y`).
    @inline(__always) public subscript(x: Int, y: Int, c: Int) -> UInt8 {
        pixels[(y * width + x) * channels + c]
    }

    /// Pillow's `convert("L")` (ITU-R 601-2 luma, rounded in 16-bit fixed point) or `convert("RGB")`
    /// (grey repeated).
    public func converted(toChannels target: Int) -> PixelImage {
        guard target != channels else { return self }
        var out = [UInt8](repeating: 0, count: width * height * target)
        if target == 3 {
            for i in 0..<(width * height) { (out[3 * i], out[3 * i + 1], out[3 * i + 2]) = (pixels[i], pixels[i], pixels[i]) }
        } else {
            for i in 0..<(width * height) {
                let luma = Int(pixels[3 * i]) * 19595 + Int(pixels[3 * i + 1]) * 38470 + Int(pixels[3 * i + 2]) * 7471 + 0x8000
                out[i] = UInt8(luma >> 16)
            }
        }
        return PixelImage(width: width, height: height, channels: target, pixels: out)
    }
}
