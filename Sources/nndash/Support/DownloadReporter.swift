import NNStudies
import NNText
import Synchronization

/// Shows the downloads of a `DatasetStore` on standard error: a line naming the URL, then a
/// progress bar (bytes, rate, time left) updated in place on a terminal, and its final state.
final class DownloadReporter: Sendable {
    private let last = Mutex<String?>(nil)

    /// The store of the environment with `root` and `mirror` when given, reporting here.
    func store(root: String?, mirror: String?) -> DatasetStore {
        var store = DatasetStore.standard()
        if let root { store.root = root }
        if let mirror { store.mirror = mirror }
        store.report = { [self] event in handle(event) }
        return store
    }

    private func handle(_ event: DatasetStore.Event) {
        switch event {
        case .started(let file, let url, let resumingAt):
            Output.printError("nndash: downloading \(url)" + (resumingAt > 0 ? " from byte \(resumingAt) (resuming)" : ""))
            last.withLock { $0 = file }
        case .progress(let file, let received, let total, let seconds):
            let line = DownloadProgress.line(file: file, received: received, total: total, seconds: seconds)
            last.withLock { $0 = line }
            Output.progress(line)
        case .finished:
            if let line = last.withLock({ $0 }) { Output.endProgress(line) }
            last.withLock { $0 = nil }
        }
    }
}
