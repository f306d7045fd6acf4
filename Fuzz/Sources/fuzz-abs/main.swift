// arXiv .abs metadata files through ArxivAbsReader.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(.arxivAbs, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
