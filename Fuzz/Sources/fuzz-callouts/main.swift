// The citation callout parser.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzCallouts(FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
