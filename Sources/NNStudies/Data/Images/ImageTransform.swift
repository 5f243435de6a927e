import NNEngine

/// One of torchvision's image transforms, applied to an 8-bit image as torchvision applies it
/// to a PIL image; the random ones draw from a `Generator` exactly as they draw from torch's.
public enum ImageTransform: Sendable, Hashable {
    /// `Resize(size)`: the shorter side to `size`, the longer in proportion (truncated).
    case resizeShorter(Int)
    /// `Resize((height, width))`.
    case resize(height: Int, width: Int)
    /// `CenterCrop((height, width))`, padding with zeros where the image is smaller.
    case centerCrop(height: Int, width: Int)
    /// `RandomCrop((height, width), padding=(left, top, right, bottom))`: zero padding, then a
    /// window at `randint` offsets (none drawn when the window is the whole image).
    case randomCrop(height: Int, width: Int, padding: [Int])
    /// `RandomHorizontalFlip(p)`: mirrored when `rand(1) < p`.
    case randomHorizontalFlip(Double)
    /// `RandomGrayscale(p)`: to grey (keeping the channel count) when `rand(1) < p`.
    case randomGrayscale(Double)
    /// `Grayscale(num_output_channels)`.
    case grayscale(Int)

    /// True for the transforms that draw random numbers.
    public var isRandom: Bool {
        switch self {
        case .randomCrop, .randomHorizontalFlip, .randomGrayscale: true
        default: false
        }
    }

    /// `image` transformed; random choices drawn from `generator`.
    public func apply(_ image: PixelImage, generator: Generator) -> PixelImage {
        switch self {
        case .resizeShorter(let size):
            let (short, long) = image.width <= image.height ? (image.width, image.height) : (image.height, image.width)
            let newLong = Int(Double(size) * Double(long) / Double(short))
            return image.width <= image.height
                ? image.resized(width: size, height: newLong) : image.resized(width: newLong, height: size)
        case .resize(let height, let width):
            return image.resized(width: width, height: height)
        case .centerCrop(let height, let width):
            var image = image
            if width > image.width || height > image.height {
                let (dw, dh) = (Swift.max(width - image.width, 0), Swift.max(height - image.height, 0))
                image = image.padded(left: dw / 2, top: dh / 2, right: (dw + 1) / 2, bottom: (dh + 1) / 2)
                if image.width == width && image.height == height { return image }
            }
            // Python's round: halves to even.
            let top = (Double(image.height - height) / 2).rounded(.toNearestOrEven)
            let left = (Double(image.width - width) / 2).rounded(.toNearestOrEven)
            return image.cropped(top: Int(top), left: Int(left), height: height, width: width)
        case .randomCrop(let height, let width, let padding):
            let padded = padding.allSatisfy { $0 == 0 } ? image
                : image.padded(left: padding[0], top: padding[1], right: padding[2], bottom: padding[3])
            guard padded.height != height || padded.width != width else { return padded }
            let top = Self.randint(padded.height - height + 1, generator)
            let left = Self.randint(padded.width - width + 1, generator)
            return padded.cropped(top: top, left: left, height: height, width: width)
        case .randomHorizontalFlip(let p):
            return Self.rand(generator) < p ? image.flippedHorizontally() : image
        case .randomGrayscale(let p):
            return Self.rand(generator) < p ? image.converted(toChannels: 1).converted(toChannels: image.channels) : image
        case .grayscale(let channels):
            return image.converted(toChannels: 1).converted(toChannels: channels)
        }
    }

    /// The size of the image `apply` returns for an input of `height`x`width`, or nil when the
    /// transform cannot take it (a random crop larger than the padded image).
    public func outputSize(height: Int, width: Int) -> (height: Int, width: Int)? {
        switch self {
        case .resizeShorter(let size):
            let newLong = Int(Double(size) * Double(Swift.max(height, width)) / Double(Swift.min(height, width)))
            return width <= height ? (newLong, size) : (size, newLong)
        case .resize(let h, let w), .centerCrop(let h, let w): return (h, w)
        case .randomCrop(let h, let w, let padding):
            return height + padding[1] + padding[3] >= h && width + padding[0] + padding[2] >= w ? (h, w) : nil
        case .randomHorizontalFlip, .randomGrayscale, .grayscale: return (height, width)
        }
    }

    /// The number of channels the output has for an input of `channels`.
    public func outputChannels(_ channels: Int) -> Int {
        if case .grayscale(let n) = self { return n }
        return channels
    }

    /// `torch.randint(0, bound, (1,))`.
    private static func randint(_ bound: Int, _ generator: Generator) -> Int {
        Int(Tensor.randint(0, bound, [1], generator: generator).toArray()[0])
    }

    /// `torch.rand(1)`.
    private static func rand(_ generator: Generator) -> Double {
        Double(Tensor.rand([1], generator: generator).toArray()[0])
    }

    /// The transform as torchvision's constructor call.
    public var description: String {
        func number(_ p: Double) -> String { p == p.rounded() && abs(p) < 1e15 ? String(Int(p)) : "\(p)" }
        switch self {
        case .resizeShorter(let size): return "Resize(\(size))"
        case .resize(let h, let w): return "Resize((\(h),\(w)))"
        case .centerCrop(let h, let w): return "CenterCrop((\(h),\(w)))"
        case .randomCrop(let h, let w, let padding):
            let pad = Set(padding).count == 1 ? "\(padding[0])" : "(\(padding.map(String.init).joined(separator: ",")))"
            return "RandomCrop((\(h),\(w))\(padding.allSatisfy { $0 == 0 } ? "" : ",padding=\(pad)"))"
        case .randomHorizontalFlip(let p): return "RandomHorizontalFlip(\(number(p)))"
        case .randomGrayscale(let p): return "RandomGrayscale(\(number(p)))"
        case .grayscale(let n): return "Grayscale(\(n))"
        }
    }
}
