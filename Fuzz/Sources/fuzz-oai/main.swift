// OAI record lists through OAIReader and libxml2.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(.oai, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
