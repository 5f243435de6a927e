/// The kinds of training log that `nndash watch` reads.
public enum LogFormat: String, Sendable, CaseIterable {
    /// TensorBoard event files (`events.out.tfevents.*`), written by PyTorch, TensorFlow, Keras.
    case tensorboard
    /// A CSV with a step, epoch or iteration column (Lightning's and Keras' CSVLogger).
    case csv
    /// One JSON object per line.
    case jsonl
}
