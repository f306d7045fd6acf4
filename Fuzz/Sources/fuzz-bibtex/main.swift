// BibTeX libraries through BibTeXReader and its entry parser.
import ConceptGraph
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzReader(.bibtex, FuzzInput(data, size))
}

runLibFuzzer(fuzzOne)
