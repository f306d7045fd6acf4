/// One input libFuzzer hands over; valid only during the call.
public struct FuzzInput {
    /// The raw bytes.
    public let bytes: UnsafeBufferPointer<UInt8>

    /// Wraps the arguments of `LLVMFuzzerTestOneInput`.
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    }

    /// The bytes as text, invalid UTF-8 replaced by U+FFFD as the readers do.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text split at its first line break: a title and an abstract, for the extractor.
    public var titleAndAbstract: (title: String, abstract: String) {
        let text = self.text
        guard let newline = text.firstIndex(of: "\n") else { return (text, "") }
        return (String(text[..<newline]), String(text[text.index(after: newline)...]))
    }
}
