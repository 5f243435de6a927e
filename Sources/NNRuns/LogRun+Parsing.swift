extension LogRun {
    /// Parses a whole log held in memory, as if read from a file at once: never traps, whatever
    /// the bytes. The entry point for fuzz targets (`LLVMFuzzerTestOneInput` can call it with
    /// each format) and for reading logs that are not files.
    /// - Parameters:
    ///   - bytes: the log's content.
    ///   - format: how to read it.
    ///   - name: the run name (also the file name used in warnings).
    ///   - chunkSize: feed the bytes in pieces of this size, as a live file arrives (nil: at once).
    public static func parse(
        _ bytes: some Collection<UInt8>, format: LogFormat, name: String = "log", chunkSize: Int? = nil
    ) -> LogRun {
        var run = LogRun(name: name, path: name, format: format)
        var parser = logParser(format)
        let all = Array(bytes)
        var pending: [UInt8] = []
        var offset: Int64 = 0
        var start = 0
        let step = max(1, chunkSize ?? all.count)
        while start < all.count {
            let end = min(all.count, start + step)
            pending += all[start..<end]
            start = end
            let used = pending.withUnsafeBytes { parser.consume($0, offset: offset, file: name, into: &run) }
            pending.removeFirst(used)
            offset += Int64(used)
        }
        pending.withUnsafeBytes { parser.finish($0, offset: offset, file: name, into: &run) }
        return run
    }
}
