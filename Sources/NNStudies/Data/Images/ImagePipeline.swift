import NNEngine
import NNRuns

/// A `transforms.Compose` of torchvision's: image transforms, then `ToTensor()` (bytes to
/// 0...1, channels first), then an optional `Normalize(mean, std)`.
///
/// Written and parsed as torchvision's Python:
/// `Resize((32,32)),RandomCrop(32,padding=4),RandomHorizontalFlip(0.5),ToTensor(),Normalize([0.5],[0.5])`.
public struct ImagePipeline: Sendable, Hashable, CustomStringConvertible {
    public var transforms: [ImageTransform]
    /// Per-channel mean and standard deviation (one value each for every channel, or one for all).
    public var normalize: (mean: [Float], std: [Float])?

    public init(_ transforms: [ImageTransform] = [], normalize: (mean: [Float], std: [Float])? = nil) {
        (self.transforms, self.normalize) = (transforms, normalize)
    }

    /// ImageNet's channel statistics, which the lesson normalizes with.
    public static let imageNetMean: [Float] = [0.485, 0.456, 0.406], imageNetStd: [Float] = [0.229, 0.224, 0.225]

    /// Lesson 001's training pipeline: resize to 32x32, random 32x32 crop of the image padded by 4,
    /// grey with probability 0.8, to tensor, normalized by ImageNet's statistics.
    public static let lesson001 = ImagePipeline(
        [.resize(height: 32, width: 32), .randomCrop(height: 32, width: 32, padding: [4, 4, 4, 4]), .randomGrayscale(0.8)],
        normalize: (imageNetMean, imageNetStd))

    /// Named pipelines `init(parsing:)` accepts besides torchvision's syntax.
    public static let presets: [String: ImagePipeline] = ["lesson001": lesson001]

    /// True when `apply` draws random numbers.
    public var isRandom: Bool { transforms.contains(where: \.isRandom) }

    /// The same pipeline without its random transforms (torchvision's usual validation pipeline).
    public var deterministic: ImagePipeline {
        ImagePipeline(transforms.filter { !$0.isRandom }, normalize: normalize)
    }

    /// The tensor shape (channels, height, width) of an image of `channels`, `height`x`width`
    /// after the pipeline, or why it cannot take it.
    public func outputShape(channels: Int, height: Int, width: Int) throws(PipelineError) -> [Int] {
        var (c, h, w) = (channels, height, width)
        for t in transforms {
            guard let size = t.outputSize(height: h, width: w) else {
                throw PipelineError("\(t.description) cannot take a \(h)x\(w) image")
            }
            (h, w) = size
            c = t.outputChannels(c)
            guard h >= 1, w >= 1, h <= 1 << 14, w <= 1 << 14 else {
                throw PipelineError("\(t.description) makes a \(h)x\(w) image from \(height)x\(width)")
            }
        }
        if let normalize, normalize.mean.count != 1 && normalize.mean.count != c {
            throw PipelineError("Normalize has \(counted(normalize.mean.count, "value")) for images of \(counted(c, "channel"))")
        }
        return [c, h, w]
    }

    /// `image` through the pipeline: channels-first floats.
    public func apply(_ image: PixelImage, generator: Generator) -> [Float] {
        var image = image
        for t in transforms { image = t.apply(image, generator: generator) }
        let (c, plane) = (image.channels, image.width * image.height)
        var out = [Float](repeating: 0, count: c * plane)
        for channel in 0..<c {
            let (mean, std) = normalize.map { ($0.mean[$0.mean.count == 1 ? 0 : channel], $0.std[$0.std.count == 1 ? 0 : channel]) } ?? (0, 1)
            for i in 0..<plane {
                let value = Float(image.pixels[i * c + channel]) / 255
                out[channel * plane + i] = normalize == nil ? value : (value - mean) / std
            }
        }
        return out
    }

    public var description: String {
        var parts = transforms.map(\.description) + ["ToTensor()"]
        if let normalize {
            func list(_ v: [Float]) -> String { "[" + v.map { "\($0)" }.joined(separator: ",") + "]" }
            parts.append("Normalize(\(list(normalize.mean)),\(list(normalize.std)))")
        }
        return parts.joined(separator: ",")
    }

    public static func == (a: ImagePipeline, b: ImagePipeline) -> Bool { a.description == b.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

/// Why a pipeline's text or an image does not fit.
public struct PipelineError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ description: String) { self.description = description.displaySafe }
}
