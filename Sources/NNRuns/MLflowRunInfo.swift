import Foundation

/// What MLflow's file store says about a run folder (`mlruns/<experiment>/<run>/`) besides its
/// metrics: its name, its experiment's name, whether it was deleted, and its params.
///
/// Layout: `mlflow/store/tracking/file_store.py`. `meta.yaml` files are flat `key: value`
/// lines; each param and tag is a file named after its key holding its value.
struct MLflowRunInfo {
    /// Metadata and param files larger than this are not read.
    static let maximumFileLength = 1 << 16

    /// `<experiment name>/<run name>`, falling back on the folders' ids.
    let name: String
    /// Whether the run or its experiment is in MLflow's trash (`lifecycle_stage: deleted`).
    let isDeleted: Bool

    /// Reads the run folder `folder`.
    init(folder: String) {
        let run = FlatYAML.read(folder + "/meta.yaml")
        let experimentFolder = (folder as NSString).deletingLastPathComponent
        let experiment = FlatYAML.read(experimentFolder + "/meta.yaml")
        let runName = run["run_name"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.text(folder + "/tags/mlflow.runName")
            ?? (folder as NSString).lastPathComponent
        let experimentName = experiment["name"] ?? (experimentFolder as NSString).lastPathComponent
        name = experimentName + "/" + runName
        isDeleted = run["lifecycle_stage"] == "deleted" || experiment["lifecycle_stage"] == "deleted"
    }

    /// The params of the run folder `folder`: file names below `params/` (keys may hold `/`)
    /// and their contents.
    static func params(folder: String) -> [String: String] {
        var params: [String: String] = [:]
        for key in FolderWalker.files(under: folder + "/params") {
            params[key] = text(folder + "/params/" + key) ?? ""
        }
        return params
    }

    /// A file's text, or nil when it cannot be read or is too large.
    static func text(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maximumFileLength + 1), data.count <= maximumFileLength else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }

}
