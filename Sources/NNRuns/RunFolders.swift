/// What the files found under a watched folder say about its folders: which are MLflow run
/// folders, W&B run folders, or `Recorder` run folders.
struct RunFolders {
    /// Folders holding a `run.json` (nndash's own run folders).
    let recorderRuns: Set<String>
    /// MLflow run folders: a `meta.yaml` beside a `metrics/` folder.
    private let mlflowRuns: Set<String>
    /// Folders holding a W&B run file (`run-<id>.wandb`).
    private let wandbRuns: Set<String>
    /// Folders holding a `hparams.yaml` (Lightning's loggers write one per version folder).
    let hparamsFolders: Set<String>
    /// Per MLflow run folder, how many param files it has.
    let mlflowParamCounts: [String: Int]

    /// - Parameter files: paths relative to the watched folder.
    init(_ files: [String]) {
        var recorder: Set<String> = [], meta: Set<String> = [], metrics: Set<String> = [], wandb: Set<String> = []
        var params: [String: Int] = [:]
        var hparams: Set<String> = []
        for file in files {
            let parts = file.split(separator: "/", omittingEmptySubsequences: false)
            let name = parts.last ?? ""
            let folder = parts.dropLast().joined(separator: "/")
            if name == "run.json" { recorder.insert(folder) }
            if name == "meta.yaml" { meta.insert(folder) }
            if name == "hparams.yaml" { hparams.insert(folder) }
            if Self.isWandbRunFileName(name) { wandb.insert(folder) }
            for k in parts.indices.dropLast() {
                let component = parts[k]
                guard component == "metrics" || component == "params", k > 0 else { continue }
                let run = parts[..<k].joined(separator: "/")
                if component == "metrics" { metrics.insert(run) } else { params[run, default: 0] += 1 }
            }
        }
        recorderRuns = recorder
        hparamsFolders = hparams
        mlflowRuns = meta.intersection(metrics)
        wandbRuns = wandb
        let runs = mlflowRuns
        mlflowParamCounts = params.filter { runs.contains($0.key) }
    }

    static func isWandbRunFileName(_ name: Substring) -> Bool {
        name.hasPrefix("run-") && name.hasSuffix(".wandb")
    }

    /// The MLflow run folder `file` is in, if any.
    func mlflowRun(containing file: String) -> String? {
        guard !mlflowRuns.isEmpty else { return nil }
        var folder = Substring(file)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if mlflowRuns.contains(String(folder)) { return String(folder) }
        }
        return nil
    }

    /// Whether `file` is a W&B run file in a W&B run folder.
    func isWandbRunFile(_ file: String) -> Bool {
        let parts = file.split(separator: "/")
        return parts.last.map(Self.isWandbRunFileName) == true
    }

    /// Whether `file` lies in a W&B run folder or in the `wandb/` folder that holds them.
    func isInWandbFolder(_ file: String) -> Bool {
        guard !wandbRuns.isEmpty else { return false }
        var folder = Substring(file)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if wandbRuns.contains(String(folder)) { return true }
            if wandbRuns.contains(where: { $0.hasPrefix(folder + "/") && $0.dropFirst(folder.count + 1).firstIndex(of: "/") == nil }),
                folder.split(separator: "/").last == "wandb"
            {
                return true
            }
        }
        return false
    }
}
