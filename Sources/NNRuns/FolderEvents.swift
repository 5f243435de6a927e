#if canImport(Glibc)
import Glibc

/// What changed in watched folders, told by Linux's inotify: the folders whose entries
/// changed (a file or folder created, deleted or renamed in them) and the files written,
/// so that a watcher re-walks a folder only when it changes and reads only the files that
/// grew. Made only where inotify works; elsewhere the watcher polls.
final class FolderEvents {
    /// What the events read since the last `drain()` say.
    struct Changes {
        /// The kernel dropped events (its queue overflowed) or a watched folder itself went
        /// away: nothing can be told, everything must be looked at again.
        var lost = false
        /// Folders (as given to `watch`) with an entry created, deleted or renamed.
        var folders: Set<String> = []
        /// Paths (a watched folder's path, `/`, the name) of entries written, created,
        /// renamed or deleted.
        var files: Set<String> = []

        var isEmpty: Bool { !lost && folders.isEmpty && files.isEmpty }
    }

    private let descriptor: Int32
    /// The folder paths each watch descriptor was added for (a folder reached by two paths
    /// has one descriptor).
    private var paths: [Int32: [String]] = [:]
    private var watched: Set<String> = []
    /// Whether a watch could not be added (the limit `fs.inotify.max_user_watches` reached):
    /// the folder's changes cannot be told.
    private(set) var incomplete = false

    private static let entryChanges = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)
    private static let mask = entryChanges | UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    init?() {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Watches the folder at `path` (followed if it is a link); false when it cannot be.
    /// Its entries are told as `path/name`.
    @discardableResult
    func watch(folder path: String) -> Bool {
        guard !watched.contains(path) else { return true }
        let wd = inotify_add_watch(descriptor, path, Self.mask | UInt32(IN_ONLYDIR))
        guard wd >= 0 else {
            if errno == ENOSPC || errno == ENOMEM { incomplete = true }
            return false
        }
        watched.insert(path)
        paths[wd, default: []].append(path)
        return true
    }

    /// The changes told since the last call; never blocks.
    func drain() -> Changes {
        var changes = Changes()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                let header = MemoryLayout<inotify_event>.size
                while offset + header <= got {
                    let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = UnsafeRawBufferPointer(rebasing: bytes[(offset + header)..<min(got, offset + header + length)])
                    offset += header + length
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 || mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
                        changes.lost = true
                        if mask & UInt32(IN_IGNORED) != 0, let gone = paths.removeValue(forKey: wd) {
                            watched.subtract(gone)
                        }
                        continue
                    }
                    guard let folders = paths[wd] else { continue }
                    let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                    // Hidden entries are never read (a writer's temporary files, for one).
                    if name.isEmpty || name.hasPrefix(".") { continue }
                    for folder in folders {
                        changes.files.insert(folder + "/" + name)
                        if mask & Self.entryChanges != 0 { changes.folders.insert(folder) }
                    }
                }
            }
        }
        return changes
    }
}
#endif
