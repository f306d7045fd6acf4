// The extractor on one paper: the first line is the title, the rest the abstract.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzExtractor(FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
