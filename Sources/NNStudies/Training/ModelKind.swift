import NNEngine

/// The classifiers `nndash train` builds.
public enum ModelKind: String, CaseIterable, Sendable {
    /// Linear-ReLU-Linear-ReLU-Linear on the flattened features.
    case mlp
    /// LeNet-5 style (LeCun et al., "Gradient-Based Learning Applied to Document Recognition",
    /// 1998): conv5-ReLU-maxpool2-conv5-ReLU-maxpool2-flatten-fc120-ReLU-fc84-ReLU-fc, for images.
    case lenet

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
            // conv5 with padding 2 keeps the size, pool halves it, conv5 takes 4, pool halves it again.
            let (h, w) = ((height / 2 - 4) / 2, (width / 2 - 4) / 2)
            guard h >= 1, w >= 1 else {
                throw Mismatch(description: "lenet needs images of at least 12x12, got \(height)x\(width)")
            }
            return Sequential([
                Conv2d(channels, 6, kernelSize: 5, padding: 2, generator: generator), Activation.relu(), MaxPool2d(2),
                Conv2d(6, 16, kernelSize: 5, generator: generator), Activation.relu(), MaxPool2d(2),
                Flatten(),
                Linear(inFeatures: 16 * h * w, outFeatures: 120, generator: generator), Activation.relu(),
                Linear(inFeatures: 120, outFeatures: 84, generator: generator), Activation.relu(),
                Linear(inFeatures: 84, outFeatures: classes, generator: generator),
            ])
        }
    }
}
