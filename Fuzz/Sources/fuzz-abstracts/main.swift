// `Abstract:` records through ListingReader.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(.abstractRecords, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
