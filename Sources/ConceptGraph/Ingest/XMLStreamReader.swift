import CLibXML2
import Foundation

/// A pull reader over an XML file, built on libxml2's streaming `xmlTextReader`.
///
/// This is the only file that talks to libxml2. It never resolves entities, never loads a DTD and
/// never touches the network, so XXE and entity-expansion attacks have nothing to work with;
/// parse errors are collected with their line instead of being printed by libxml2.
final class XMLStreamReader {
    /// One step of the document.
    enum Node: Equatable {
        case start(name: String, attributes: [String: String], isEmpty: Bool)
        case end(name: String)
        case text(String)
    }

    private let reader: xmlTextReaderPtr
    private let path: String
    /// The first error libxml2 reported, with its line.
    private(set) var firstError: (line: Int, message: String)?
    private var pendingEnd: String?

    init(path: String) throws {
        // NONET: no network; NOERROR/NOWARNING: errors come to our handler; no NOENT (entity
        // substitution), no DTDLOAD, no HUGE: the defaults keep libxml2's size and depth limits.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        guard let r = xmlReaderForFile(path, nil, options) else {
            throw ConceptGraphError.unreadableFile(path: path, reason: "libxml2 could not open it")
        }
        reader = r
        self.path = path
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let me = Unmanaged<XMLStreamReader>.fromOpaque(context).takeUnretainedValue()
            me.record(error)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    private func record(_ error: xmlErrorPtr) {
        guard firstError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        // An error inside an entity's replacement text carries the line within that text; the
        // line the parser has reached in the document is the one a user can look at.
        let line = error.pointee.file == nil ? self.line : Int(error.pointee.line)
        firstError = (line, message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
    }

    /// The line libxml2 is at, for provenance.
    var line: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The next node, nil at the end of the document. Throws on malformed XML.
    func next() throws -> Node? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            if status < 0 || firstError != nil {
                let (line, message) = firstError ?? (self.line, "malformed XML")
                throw ConceptGraphError.malformedFile(path: path, location: "line \(line)", reason: message)
            }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let name = localName()
                var attributes: [String: String] = [:]
                if xmlTextReaderHasAttributes(reader) == 1 {
                    while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                        attributes[localName()] = value() ?? ""
                    }
                    xmlTextReaderMoveToElement(reader)
                }
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if isEmpty { pendingEnd = name }
                return .start(name: name, attributes: attributes, isEmpty: isEmpty)
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                return .end(name: localName())
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                return .text(value() ?? "")
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                // Entities are never expanded; keep the reference visible instead of its content.
                return .text("&\(localName());")
            default:
                continue
            }
        }
    }

    private func localName() -> String {
        guard let p = xmlTextReaderConstLocalName(reader) else { return "" }
        return String(cString: p)
    }

    private func value() -> String? {
        guard let p = xmlTextReaderConstValue(reader) else { return nil }
        return String(cString: p)
    }
}
