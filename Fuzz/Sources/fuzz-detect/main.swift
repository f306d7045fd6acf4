// Any bytes as ingest sees a file: format detection, then the reader it picks.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(nil, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
