import Foundation
import FuzzDriver
import Glibc
import NNStudies

/// One libFuzzer input as IDX files, the way `--data idx:` and the MNIST downloads take them:
/// inflated first when it is gzip'd (as the downloaded files are), then split at a point chosen
/// by its first byte into an images file and a labels file, each parsed, and the pair made into
/// a dataset. Nothing may trap; what parses has as many values as its shape says.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    if Gzip.isGzip(bytes) {
        guard let inflated = try? Gzip.decompress(bytes, maximumSize: 1 << 22) else { return 0 }
        bytes = inflated
    }
    check(bytes)
    guard let first = bytes.first else { return 0 }
    let cut = 1 + (bytes.count - 1) * Int(first) / 256
    let images = Array(bytes[1..<cut]), labels = Array(bytes[cut...])
    guard let parsedImages = check(images), let parsedLabels = check(labels) else { return 0 }
    if let (pictures, classes) = try? Dataset.idxImages(parsedImages, parsedLabels, imagesName: "images", labelsName: "labels", classes: 1000) {
        if pictures.count != classes.count || classes.contains(where: { !(0..<1000).contains($0) }) {
            fatalError("\(pictures.count) images for \(classes.count) labels")
        }
    }
    return 0
}

/// Parses `bytes`, checking that a parsed array has as many values as its shape.
@discardableResult
func check(_ bytes: [UInt8]) -> IDXReader.Array? {
    // Arrays beyond 64 Mi values are refused the way the command line's memory bound would.
    guard bytes.count < 1 << 26, let array = try? IDXReader.parse(bytes, name: "fuzz") else { return nil }
    if array.values.count != array.shape.reduce(1, *) {
        fatalError("shape \(array.shape) with \(array.values.count) values")
    }
    return array
}

exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
