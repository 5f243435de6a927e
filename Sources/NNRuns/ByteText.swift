/// Text gathered as UTF-8 bytes. Numbers written into it with `write(to:)` (`Double`, `Float`)
/// hand over their digits as bytes, through `TextOutputStream`'s `_writeASCII`, without a
/// `String` made for each; were the standard library to stop calling it, `write(_:)` takes
/// the same text.
struct ByteText: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
