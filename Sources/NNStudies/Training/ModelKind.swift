import NNEngine

/// The classifiers `nndash train` builds.
public enum ModelKind: String, CaseIterable, Sendable {
    /// Linear-ReLU-Linear-ReLU-Linear on the flattened features.
    case mlp
    /// LeNet-5 style (LeCun et al., "Gradient-Based Learning Applied to Document Recognition",
    /// 1998): conv5-ReLU-maxpool2-conv5-ReLU-maxpool2-flatten-fc120-ReLU-fc84-ReLU-fc, for images
    /// of 1 or 3 channels. The first convolution pads by 2 images smaller than 32x32 (MNIST's 28x28
    /// become the paper's 32x32), and takes 32x32 or larger as they are (lesson 001's LeNet).
    case lenet

    /// The first convolution's padding for images of `height`x`width`.
    static func lenetPadding(height: Int, width: Int) -> Int { height < 32 || width < 32 ? 2 : 0 }

    /// Errors of a model that does not fit the data.
    public struct Mismatch: Error, CustomStringConvertible {
        public var description: String
    }

    /// The model for `dataset`, initialized from `generator`.
    ///
    /// - Parameter hidden: the MLP's hidden width.
    public func make(for dataset: Dataset, hidden: Int = 64, generator: Generator) throws -> Sequential {
        let classes = dataset.classCount
        switch self {
        case .mlp:
            return Sequential([
                Flatten(),
                Linear(inFeatures: dataset.featureSize, outFeatures: hidden, generator: generator), Activation.relu(),
                Linear(inFeatures: hidden, outFeatures: hidden, generator: generator), Activation.relu(),
                Linear(inFeatures: hidden, outFeatures: classes, generator: generator),
            ])
        case .lenet:
            guard dataset.isImage else {
                throw Mismatch(description: "lenet needs image data, but \(dataset.name) holds points of shape \(dataset.featureShape)")
            }
            let (channels, height, width) = (dataset.featureShape[0], dataset.featureShape[1], dataset.featureShape[2])
            // conv5 takes 4 (none with padding 2), pool halves, conv5 takes 4, pool halves again.
            let padding = Self.lenetPadding(height: height, width: width)
            let (h, w) = (((height + 2 * padding - 4) / 2 - 4) / 2, ((width + 2 * padding - 4) / 2 - 4) / 2)
            guard h >= 1, w >= 1 else {
                throw Mismatch(description: "lenet needs images of at least 12x12, got \(height)x\(width)")
            }
            return Sequential([
                Conv2d(channels, 6, kernelSize: 5, padding: padding, generator: generator), Activation.relu(), MaxPool2d(2),
                Conv2d(6, 16, kernelSize: 5, generator: generator), Activation.relu(), MaxPool2d(2),
                Flatten(),
                Linear(inFeatures: 16 * h * w, outFeatures: 120, generator: generator), Activation.relu(),
                Linear(inFeatures: 120, outFeatures: 84, generator: generator), Activation.relu(),
                Linear(inFeatures: 84, outFeatures: classes, generator: generator),
            ])
        }
    }

    /// The number of weights `make(for:hidden:generator:)` creates, and of values one example
    /// produces between the layers (forward), computed without building the model.
    public func size(for dataset: Dataset, hidden: Int = 64) -> (parameters: Double, activations: Double) {
        let (features, classes, width) = (Double(dataset.featureSize), Double(dataset.classCount), Double(hidden))
        switch self {
        case .mlp:
            return ((features + 1) * width + (width + 1) * width + (width + 1) * classes, features + 4 * width + classes)
        case .lenet:
            let shape = dataset.featureShape.map(Double.init) + [1, 1, 1]
            let padding = Double(Self.lenetPadding(height: Int(shape[1]), width: Int(shape[2])))
            // The sizes after the first convolution.
            let (channels, height, imageWidth) = (shape[0], shape[1] + 2 * padding - 4, shape[2] + 2 * padding - 4)
            let (h, w) = (Swift.max(1, (height / 2 - 4) / 2), Swift.max(1, (imageWidth / 2 - 4) / 2))
            let weights = (channels * 25 + 1) * 6 + (6 * 25 + 1) * 16 + (16 * h * w + 1) * 120 + 121 * 84 + 85 * classes
            // conv1 and its ReLU, the first pool, conv2 and its ReLU, the second pool, the fully connected layers.
            let values = 2 * 6 * height * imageWidth + 6 * height * imageWidth / 4
                + 2 * 16 * (height / 2 - 4) * (imageWidth / 2 - 4) + 16 * h * w + 2 * (120 + 84) + classes
            return (weights, features + values)
        }
    }
}
