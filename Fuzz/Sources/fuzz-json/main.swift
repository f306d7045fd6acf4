// Single JSON documents through JSONRecordReader.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(.json, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
