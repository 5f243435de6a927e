import Foundation

/// Lists the files below a folder as TensorBoard walks a log directory: symbolic links to files
/// and folders are followed, and a folder or file reached twice (a link loop, or a second link
/// to the same place) is listed once, under its real path when it has one inside the folder.
/// Hidden entries (names starting with `.`) are skipped. What is neither a folder nor a regular
/// file (a FIFO, a device, a socket) is never opened: it is reported, as is what cannot be
/// looked at (a dangling link, a folder that cannot be listed).
public enum FolderWalker {
    private struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// Folders deeper than this are not entered (a guard for pathological trees).
    static let maximumDepth = 64

    /// The regular files under `folder`, as sorted paths relative to it.
    /// - Parameters:
    ///   - entering: called with the path of each folder (`folder`, `/`, its relative path)
    ///     before it is listed.
    ///   - skipped: called with the relative path of each entry that is not read, and why.
    public static func files(under folder: String, entering: (String) -> Void = { _ in },
                             skipped: (String, String) -> Void = { _, _ in }) -> [String] {
        guard let root = identity(folder, isFolder: true) else { return [] }
        var seenFolders: Set<Identity> = [root]
        var seenFiles: Set<Identity> = []
        var found: [String] = []
        // Real folders first, then the ones reached through links, so that a link to a
        // folder already listed (W&B's `latest-run`) adds nothing.
        var folders: [(relative: String, depth: Int)] = [("", 0)]
        var linked: [(relative: String, depth: Int)] = []
        var linkedFiles: [String] = []
        while true {
            if folders.isEmpty {
                guard !linked.isEmpty else { break }
                for entry in linked {
                    if let id = identity(folder + "/" + entry.relative, isFolder: true), seenFolders.insert(id).inserted {
                        folders.append(entry)
                    }
                }
                linked = []
                continue
            }
            let (relative, depth) = folders.removeLast()
            let path = relative.isEmpty ? folder : folder + "/" + relative
            entering(path)
            guard let directory = opendir(path) else {
                skipped(relative.isEmpty ? "." : relative, RegularFile.reason(errno))
                continue
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                let childPath = folder + "/" + child
                var link = stat()
                guard lstat(childPath, &link) == 0 else { continue }
                let isLink = (link.st_mode & S_IFMT) == S_IFLNK
                var info = stat()
                guard stat(childPath, &info) == 0 else {
                    skipped(child, RegularFile.reason(errno))
                    continue
                }
                let id = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    guard depth < maximumDepth else { continue }
                    if isLink {
                        linked.append((child, depth + 1))
                    } else if seenFolders.insert(id).inserted {
                        folders.append((child, depth + 1))
                    }
                case S_IFREG:
                    if isLink {
                        linkedFiles.append(child)
                    } else if seenFiles.insert(id).inserted {
                        found.append(child)
                    }
                default:
                    skipped(child, RegularFile.problem(mode: info.st_mode) ?? "is not a regular file")
                }
            }
        }
        for child in linkedFiles {
            if let id = identity(folder + "/" + child, isFolder: false), seenFiles.insert(id).inserted {
                found.append(child)
            }
        }
        return found.sorted()
    }

    private static func identity(_ path: String, isFolder: Bool) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == (isFolder ? S_IFDIR : S_IFREG) else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
