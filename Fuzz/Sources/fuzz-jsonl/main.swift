// JSON lines through JSONRecordReader.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(.jsonLines, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
