/// What a training run asks of the machine's memory.
extension Training {
    /// About how many bytes a run of `configuration` on `dataset` allocates at its peak, without
    /// allocating anything: the weights with their gradients, up to three optimizer buffers and a
    /// checkpoint's copy (six times the parameters), plus the activations and their gradients of the
    /// largest block of rows evaluated at once (a batch, a validation chunk of 256, or the
    /// decision-region grid).
    public static func estimatedBytes(_ configuration: TrainingConfiguration, dataset: Dataset) -> Double {
        let (parameters, activations) = configuration.model.size(for: dataset, hidden: configuration.hidden)
        let rows = Double(Swift.max(configuration.batchSize, 256, boundaryColumns * boundaryRows))
        return 4 * (6 * parameters + 2 * rows * activations)
    }

    /// The points the run's series hold at its end: train loss and lr per iteration, three per epoch.
    public static func estimatedPoints(_ configuration: TrainingConfiguration, dataset: Dataset) -> Double {
        let batches = (Double(dataset.count) * (1 - configuration.validationFraction) / Double(configuration.batchSize)).rounded(.up)
        return Double(configuration.epochs) * (2 * batches + 3)
    }
}
