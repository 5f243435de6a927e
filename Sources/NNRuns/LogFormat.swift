/// The kinds of training log that `nndash watch` reads.
public enum LogFormat: String, Sendable, CaseIterable {
    /// TensorBoard event files (`events.out.tfevents.*`), written by PyTorch, TensorFlow, Keras.
    case tensorboard
    /// A CSV with a step, epoch or iteration column (Lightning's and Keras' CSVLogger).
    case csv
    /// One JSON object per line.
    case jsonl
    /// MLflow's file store (`mlruns/`) or tracking server: one file, or one history, per metric.
    case mlflow
    /// W&B offline runs (`wandb/offline-run-*/run-*.wandb`): W&B's records in LevelDB's log format.
    case wandb
}
