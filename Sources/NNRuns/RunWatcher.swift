import Foundation

/// Why `RunWatcher` cannot watch a path.
public struct WatchError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// Watches log files and folders of runs: finds the runs (a folder of TensorBoard event files,
/// or one CSV or JSON-lines log), and on each `poll()` reads what they appended, picks up new
/// files and runs, and starts over the runs whose files were truncated or rewritten.
///
/// On Linux, inotify tells what changed: a poll walks a folder again only when an entry was
/// created, deleted or renamed in it, and reads only the runs whose files were written;
/// everything is walked and read again every `fullCheckInterval` seconds in case a change
/// went untold (network filesystems tell none). Where inotify is missing, or its watches run
/// out, every poll that finds nothing doubles the polls skipped before the next, up to 15
/// (4 s at the default quarter second), and a change brings them back to every poll.
///
/// Drive it from one queue, on a timer; read `runs` right after `poll()` (holding copies of
/// runs across polls makes the next appends copy their arrays).
public final class RunWatcher {
    /// What one poll changed: indices into `runs`.
    public struct Update: Equatable, Sendable {
        public var added: [Int] = []
        public var grew: [Int] = []
        /// Runs read again from the start (a file was truncated or rewritten).
        public var restarted: [Int] = []
        public var isEmpty: Bool { added.isEmpty && grew.isEmpty && restarted.isEmpty }
    }

    private struct Root {
        let path: String
        let isFolder: Bool
    }

    public private(set) var runs: [LogRun] = []
    private var followers: [[LogFollower]] = []
    private var runIndex: [String: Int] = [:]
    private var followed: Set<String> = []
    private var unrecognized: Set<String> = []
    /// MLflow runs in the trash, and how many param files each followed MLflow run had.
    private var deletedRuns: Set<String> = []
    private var mlflowParamCounts: [String: Int] = [:]
    private let roots: [Root]
    /// MLflow tracking servers, read at most every `serverInterval` seconds while following.
    private let servers: [MLflowServer]
    private var serverUpdate = Update()
    private var lastServerRefresh = 0.0
    static let serverInterval = 1.0
    /// What was found under the roots but could not be read (FIFOs, devices, sockets, dangling
    /// links, folders that cannot be listed, files that cannot be opened), one line each.
    public private(set) var problems: [String] = []

    /// Everything skipped or repaired so far, one line each: the paths that could not be read
    /// (`problems`), then each run's warnings after its name. Line mode prints the new ones
    /// as they appear, the dashboard shows the newest and prints them all when it quits.
    public var warnings: [String] {
        problems + runs.flatMap { run in run.warnings.map { "\(run.displayName ?? run.name): \($0)" } }
    }
    /// Grows whenever `warnings` changes, never shrinks: comparing it tells a change without
    /// building every run's lines (runs are only ever added, and theirs only grow).
    public var warningsRevision: Int {
        runs.reduce(problems.count) { $0 + $1.warningsRevision }
    }
    private var reported: Set<String> = []
    /// inotify, while following (nil when reading once, or where it is missing).
    private var events: FolderEvents?
    /// The run of each followed file, by path.
    private var runOfFile: [String: Int] = [:]
    /// Runs whose params changed since the last poll (reported as grown).
    private var paramsChanged: Set<Int> = []
    /// Files whose format their first bytes do not tell yet: sniffed again when written.
    private var undecided: Set<String> = []
    /// Whether a poll walked and read everything (until then, every poll does).
    private var primed = false
    private var lastFullPoll = 0.0
    /// Seconds between two polls that walk and read everything although inotify told nothing.
    public static let fullCheckInterval = 30.0
    /// Without inotify: polls in a row that found nothing, and polls left to skip.
    private var idlePolls = 0
    private var skippedPolls = 0
    /// The most polls skipped in a row when nothing changes and inotify is missing.
    static let maximumSkippedPolls = 15
    /// What the polls cost so far: folder trees walked, and runs whose files were looked at.
    public private(set) var walks = 0
    public private(set) var runReads = 0
    /// Whether inotify tells what changes (else every poll looks, backing off).
    public var isNotified: Bool { events.map { !$0.incomplete } ?? false }
    /// At most this many runs found but not read yet are read by one poll (nil: all), so that
    /// a dashboard draws the first runs while the others load.
    public var firstReadsPerPoll: Int?
    /// Runs found but not read yet, in the order found.
    private var unread: [Int] = []
    /// How many runs were found that no poll has read yet (poll again soon).
    public var unreadCount: Int { unread.count }

    /// Watches `paths` (log files or folders searched recursively).
    /// - Throws: `WatchError` for a path that does not exist, is neither a folder nor a regular
    ///   file (a FIFO, device or socket is never opened), cannot be read, or is not a log.
    public init(paths: [String]) throws(WatchError) {
        var roots: [Root] = []
        var servers: [MLflowServer] = []
        for path in paths {
            if path.hasPrefix("mlflow+") {
                guard let server = MLflowServer(path) else {
                    throw WatchError(description: "not an MLflow server address (mlflow+http://HOST:PORT[/EXPERIMENT]): \(path)")
                }
                servers.append(server)
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw WatchError(description: "no such file or folder: \(path)")
            }
            if !isFolder.boolValue, let problem = RegularFile.problem(at: path) {
                throw WatchError(description: "cannot read \(path): \(problem)")
            }
            let standardized = Self.standardized(path)
            roots.append(Root(path: standardized, isFolder: isFolder.boolValue))
        }
        self.roots = roots
        self.servers = servers
        events = FolderEvents()
        try checkFiles(complete: false)
        try refreshServers()
    }

    /// `path` without empty and `.` components, lexically: a link keeps its own name (resolving
    /// it would name the run after its target).
    static func standardized(_ path: String) -> String {
        let parts = path.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Refuses the files named as roots that cannot be read or are not logs.
    private func checkFiles(complete: Bool) throws(WatchError) {
        for root in roots where !root.isFolder {
            switch verdict(root.path, complete: complete) {
            case .unrecognized:
                throw WatchError(description: "not a TensorBoard, W&B, CSV or JSON-lines log: \(root.path)")
            case .unreadable(let problem):
                throw WatchError(description: "cannot read \(root.path): \(problem)")
            case .format, .undecided: break
            }
        }
    }

    /// Notes once that `path` could not be read.
    private func report(_ path: String, _ problem: String) {
        guard reported.insert(path).inserted else { return }
        problems.append("skipped \(path): \(problem)")
    }

    /// Reads `paths` once to their end and reports records cut off at the end as warnings.
    public static func read(paths: [String]) throws(WatchError) -> [LogRun] {
        try readOnce(paths: paths).runs
    }

    /// Reads `paths` once to their end, as `read(paths:)`; the watcher also tells what could
    /// not be read (`problems`).
    public static func readOnce(paths: [String]) throws(WatchError) -> RunWatcher {
        let watcher = try RunWatcher(paths: paths)
        watcher.events = nil
        try watcher.checkFiles(complete: true)
        watcher.discover(complete: true)
        _ = watcher.poll()
        watcher.finish()
        return watcher
    }

    /// Reads what changed on the servers into `serverUpdate`, for the next poll to report.
    private func refreshServers() throws(WatchError) {
        lastServerRefresh = Date().timeIntervalSinceReferenceDate
        for server in servers {
            do {
                let refresh = try server.refresh(&runs)
                followers += Array(repeating: [], count: runs.count - followers.count)
                serverUpdate.added += refresh.added
                serverUpdate.grew += refresh.grew
            } catch {
                throw WatchError(description: error.description)
            }
        }
    }

    /// Reads what changed since the last poll (runs are read in parallel: they share nothing).
    /// A tracking server that cannot be reached while following is asked again at the next poll.
    public func poll() -> Update {
        let now = Date().timeIntervalSinceReferenceDate
        if !servers.isEmpty, now - lastServerRefresh >= Self.serverInterval {
            try? refreshServers()
        }
        let fromServers = serverUpdate
        serverUpdate = Update()
        let known = runs.count - fromServers.added.count
        // What to walk and read: everything (nil), or what inotify says changed.
        var walk: [Root]?
        var read: Set<Int>?
        if primed, let events, !events.incomplete, now - lastFullPoll < Self.fullCheckInterval {
            let told = events.drain()
            if !told.lost {
                let grown = told.folders.union(told.files.filter(undecided.contains))
                walk = roots.filter { root in
                    root.isFolder
                        ? grown.contains { $0 == root.path || $0.hasPrefix(root.path + "/") }
                        : told.files.contains(Self.toldPath(root.path)) && !followed.contains(root.path)
                }
                read = Set(told.files.compactMap { runOfFile[$0] })
            }
        } else if primed, skippedPolls > 0 {
            skippedPolls -= 1
            return fromServers
        }
        if walk == nil {
            lastFullPoll = now
            _ = events?.drain()  // told by what follows; what changes from now on is kept
        }
        discover(complete: false, roots: walk ?? roots)
        walks += (walk ?? roots).count { $0.isFolder }
        unread += Array(known..<runs.count)
        let first = Array(unread.prefix(firstReadsPerPoll ?? unread.count))
        unread.removeFirst(first.count)
        let waiting = Set(unread)
        let chosen = Set((read.map { Array($0.filter { $0 < known }) } ?? Array(0..<known)).filter { !waiting.contains($0) })
            .union(first).sorted()
        runReads += chosen.count
        var changes = [LogFollower.Change](repeating: .none, count: runs.count)
        runs.withUnsafeMutableBufferPointer { runsBuffer in
            followers.withUnsafeMutableBufferPointer { followersBuffer in
                changes.withUnsafeMutableBufferPointer { changesBuffer in
                    // Iteration i touches element chosen[i] of each buffer and nothing else
                    // (the indices are distinct).
                    nonisolated(unsafe) let runs = runsBuffer
                    nonisolated(unsafe) let followers = followersBuffer
                    nonisolated(unsafe) let changes = changesBuffer
                    DispatchQueue.concurrentPerform(iterations: chosen.count) { i in
                        let r = chosen[i]
                        changes[r] = Self.poll(&runs[r], followers: &followers[r])
                    }
                }
            }
        }
        var update = Update()
        update.added = fromServers.added + Array((known + fromServers.added.count)..<runs.count)
        update.grew = fromServers.grew.filter { !fromServers.added.contains($0) }
        for r in 0..<known where !fromServers.added.contains(r) {
            switch changes[r] {
            case .none: if paramsChanged.contains(r) { update.grew.append(r) }
            case .grew: update.grew.append(r)
            case .rewritten: update.restarted.append(r)
            }
        }
        if events == nil || events?.incomplete == true, primed {
            // Polling alone: back off while nothing changes.
            idlePolls = update.isEmpty ? idlePolls + 1 : 0
            skippedPolls = min(Self.maximumSkippedPolls, (1 << min(idlePolls, 4)) - 1)
        }
        primed = true
        paramsChanged = []
        return update
    }

    /// Reads one run's files; `.rewritten` when the run had to be read again from the start.
    private static func poll(_ run: inout LogRun, followers: inout [LogFollower]) -> LogFollower.Change {
        var change = LogFollower.Change.none
        var k = 0
        while k < followers.count {
            switch followers[k].poll(into: &run) {
            case .none: k += 1
            case .grew:
                if change == .none { change = .grew }
                k += 1
            case .rewritten:
                // Restarted followers read from the start, so they cannot report this again.
                run.reset()
                run.problems.add(.init("time read again from the start (a file was truncated or rewritten)",
                    "times read again from the start (a file was truncated or rewritten)"),
                    at: (followers[k].path as NSString).lastPathComponent)
                for j in followers.indices { followers[j].restart() }
                change = .rewritten
                k = 0
            }
        }
        return change
    }

    /// Reports the records left incomplete at the end of each file as cut off.
    public func finish() {
        for r in runs.indices {
            for k in followers[r].indices { followers[r][k].finish(into: &runs[r]) }
        }
    }

    /// How inotify tells the path of a file named as a root: in its folder, `.` when it has none.
    private static func toldPath(_ path: String) -> String {
        path.contains("/") ? path : "./" + path
    }

    /// Finds runs not yet followed under `roots` (every root by default), watching each
    /// folder walked for changes.
    private func discover(complete: Bool, roots: [Root]? = nil) {
        for root in roots ?? self.roots {
            if !root.isFolder {
                if let events {
                    let parent = (root.path as NSString).deletingLastPathComponent
                    events.watch(folder: parent.isEmpty ? "." : parent)
                }
                if !followed.contains(root.path), case .format(let format) = verdict(root.path, complete: complete) {
                    add(file: root.path, format: format, runPath: root.path,
                        name: (root.path as NSString).lastPathComponent)
                    runOfFile[Self.toldPath(root.path)] = runIndex[root.path]
                }
                continue
            }
            let files = FolderWalker.files(under: root.path, entering: { [events] in events?.watch(folder: $0) }) {
                relative, problem in report(root.path + "/" + relative, problem)
            }
            let folders = RunFolders(files)
            for relative in files {
                let path = root.path + "/" + relative
                let name = (relative as NSString).lastPathComponent
                let folder = (relative as NSString).deletingLastPathComponent
                if let run = folders.mlflowRun(containing: relative) {
                    discoverMLflow(relative, run: run, root: root.path)
                    continue
                }
                if followed.contains(path) || unrecognized.contains(path) { continue }
                if LogSniffer.isEventFileName(name) {
                    add(file: path, format: .tensorboard, runPath: (path as NSString).deletingLastPathComponent,
                        name: folder.isEmpty ? (root.path as NSString).lastPathComponent : folder)
                    continue
                }
                if folders.isWandbRunFile(relative) {
                    add(file: path, format: .wandb, runPath: (path as NSString).deletingLastPathComponent,
                        name: folder.isEmpty ? (root.path as NSString).lastPathComponent : folder)
                    continue
                }
                if folders.isInWandbFolder(relative) {
                    continue  // W&B's own text logs (output.log, debug.log) hold no metrics
                }
                guard LogSniffer.textExtensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
                if name == "metrics.csv", folders.recorderRuns.contains(folder) {
                    continue  // a Recorder run folder: its metrics.jsonl holds the same records
                }
                let sniffed = verdict(path, complete: complete)
                if case .undecided = sniffed { undecided.insert(path) } else { undecided.remove(path) }
                switch sniffed {
                case .format(let format):
                    add(file: path, format: format, runPath: path, name: relative)
                    if format == .csv, folders.hparamsFolders.contains(folder), let r = runIndex[path] {
                        // Lightning's CSVLogger writes the hyperparameters beside metrics.csv.
                        runs[r].params = FlatYAML.read((path as NSString).deletingLastPathComponent + "/hparams.yaml")
                    }
                case .unrecognized: unrecognized.insert(path)
                case .unreadable(let problem): report(path, problem)
                case .undecided: break
                }
            }
            for (run, count) in folders.mlflowParamCounts {
                let runPath = root.path + "/" + run
                guard let r = runIndex[runPath], mlflowParamCounts[runPath] != count else { continue }
                mlflowParamCounts[runPath] = count
                runs[r].params = MLflowRunInfo.params(folder: runPath)
                paramsChanged.insert(r)
            }
        }
    }

    /// Follows the metric files of an MLflow run folder; its params, tags and artifacts are not logs.
    private func discoverMLflow(_ relative: String, run: String, root: String) {
        let metrics = run + "/metrics/"
        guard relative.hasPrefix(metrics) else { return }
        let path = root + "/" + relative
        let runPath = root + "/" + run
        guard !followed.contains(path), !deletedRuns.contains(runPath) else { return }
        let tag = String(relative.dropFirst(metrics.count))
        if runIndex[runPath] != nil {
            add(file: path, format: .mlflow, runPath: runPath, name: "", tag: tag)
            return
        }
        let info = MLflowRunInfo(folder: runPath)
        guard !info.isDeleted else {
            deletedRuns.insert(runPath)
            return
        }
        add(file: path, format: .mlflow, runPath: runPath, name: info.name, tag: tag)
    }

    /// A file's format from its name and first bytes, read without blocking (only a regular
    /// file is opened).
    private func verdict(_ path: String, complete: Bool) -> Verdict {
        let fd: Int32
        do {
            fd = try RegularFile.openForReading(path).descriptor
        } catch {
            return .unreadable(error.problem)
        }
        defer { close(fd) }
        var sample = [UInt8](repeating: 0, count: LogSniffer.sampleLength)
        let got = sample.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard got >= 0 else { return .unreadable(RegularFile.reason(errno)) }
        sample.removeLast(sample.count - got)
        switch sample.withUnsafeBytes({
            LogSniffer.sniff(name: (path as NSString).lastPathComponent, sample: $0, complete: complete)
        }) {
        case .format(let format): return .format(format)
        case .undecided: return .undecided
        case .unrecognized: return .unrecognized
        }
    }

    /// What `verdict` found: `LogSniffer`'s verdicts, or why the file could not be read.
    private enum Verdict {
        case format(LogFormat), undecided, unrecognized
        case unreadable(String)
    }

    private func add(file: String, format: LogFormat, runPath: String, name: String, tag: String = "") {
        followed.insert(file)
        runOfFile[file] = runIndex[runPath] ?? runs.count
        if let r = runIndex[runPath] {
            followers[r].append(LogFollower(path: file, format: format, tag: tag))
            followers[r].sort { $0.path < $1.path }
            return
        }
        runIndex[runPath] = runs.count
        runs.append(LogRun(name: name, path: runPath, format: format))
        followers.append([LogFollower(path: file, format: format, tag: tag)])
    }
}
