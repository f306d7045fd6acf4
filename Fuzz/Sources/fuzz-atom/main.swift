// arXiv API Atom feeds through AtomReader and libxml2.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(.atom, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
