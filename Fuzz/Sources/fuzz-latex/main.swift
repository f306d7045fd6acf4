// The LaTeX decoder.
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzLaTeX(FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
