import Foundation
import FuzzDriver
import Glibc
import NNEngine
import NNStudies

/// Transforms every decoded image goes through, resizing it both ways, cropping, padding,
/// flipping and greying.
let pipeline = try! ImagePipeline(parsing: "Resize((9,13)),Resize(11),CenterCrop(10),RandomCrop(8,padding=3),RandomHorizontalFlip(),RandomGrayscale(0.5),ToTensor(),Normalize([0.5],[0.25])")

/// One libFuzzer input as a PNG or JPEG file, decoded by libpng or libjpeg-turbo through the C
/// shim as an image folder's files are, then (when small enough to be quick) through the
/// transforms. Nothing may trap or leak; a decoded image has the pixels its size says.
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    guard let image = try? PixelImage(decoding: bytes) else { return 0 }
    guard image.pixels.count == image.width * image.height * image.channels, [1, 3].contains(image.channels) else {
        fatalError("\(image.width)x\(image.height)x\(image.channels) with \(image.pixels.count) bytes")
    }
    guard image.width * image.height <= 1 << 16 else { return 0 }
    let shape = (try? pipeline.outputShape(channels: image.channels, height: image.height, width: image.width)) ?? []
    let values = pipeline.apply(image, generator: Generator(seed: UInt64(bytes.count)))
    if values.count != shape.reduce(1, *) || values.contains(where: { !$0.isFinite }) {
        fatalError("\(values.count) values for shape \(shape)")
    }
    return 0
}

// Built before the first input; fuzz/lsan.supp says why LeakSanitizer still reports it at exit.
_ = pipeline.description
exit(nndash_fuzz(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
