import Foundation
import OOXML

/// Small WordprocessingML accessors: elements and attributes matched by namespace URI (Transitional or
/// Strict), never by prefix.
extension XMLArenaElement {
    /// Whether this is the WordprocessingML element `name`.
    func isWord(_ name: String) -> Bool {
        self.name == name && isWordElement
    }

    /// Whether this element is in a WordprocessingML namespace (compared, not hashed: this runs for every
    /// element the walker meets).
    var isWordElement: Bool { isWordNamespace(namespace) }

    /// The first WordprocessingML child called `name`.
    func wordChild(_ name: String) -> XMLArenaElement? {
        for e in elements where e.isWord(name) { return e }
        return nil
    }

    /// A WordprocessingML attribute (`w:val`, `w:fldCharType` …), or the unqualified one.
    func wordAttribute(_ name: String) -> String? {
        attribute(name) { $0.isEmpty || isWordNamespace($0) }
    }

    /// `w:val` as a non-negative integer, nil when absent or unreadable.
    var wordIntValue: Int? {
        guard let v = wordAttribute("val"), let n = Int(v) ?? Int(v.trimmingCharacters(in: .whitespaces)), n >= 0 else { return nil }
        return n
    }

    /// An on/off property (`<w:vanish/>`, `<w:vanish w:val="0"/>`): on unless its value says off.
    var isOn: Bool {
        guard let v = attribute("val") else { return true }
        return !(v == "0" || v == "false" || v == "off" || v.lowercased() == "false" || v.lowercased() == "off")
    }

    /// Whether this is `mc:AlternateContent`.
    var isAlternateContent: Bool {
        name == "AlternateContent" && namespace == OOXMLNamespace.markupCompatibility
    }
}

/// Whether a namespace URI is WordprocessingML's, Transitional or Strict.
@inline(__always)
func isWordNamespace(_ uri: String) -> Bool {
    uri == OOXMLNamespace.wordprocessingML || uri == OOXMLNamespace.wordprocessingMLStrict
}

/// The same accessors for the element a streaming reader (or an arena cursor) stands on.
extension XMLPullReader {
    /// Whether the current element is the WordprocessingML element `name`.
    func isWord(_ name: String) -> Bool {
        isNamed(name) && isWordNamespace(namespace)
    }

    /// A WordprocessingML attribute of the current element.
    func wordAttribute(_ name: String) -> String? {
        attribute(name, in: OOXMLNamespace.wordprocessingMLAll)
    }

    /// `w:val` as a non-negative integer, nil when absent or unreadable.
    var wordIntValue: Int? {
        guard let v = wordAttribute("val"), let n = Int(v) ?? Int(v.trimmingCharacters(in: .whitespaces)), n >= 0 else { return nil }
        return n
    }

    /// An on/off property: on unless its value says off.
    var isOn: Bool {
        guard let v = attribute("val", in: nil) else { return true }
        return !(v == "0" || v == "false" || v == "off" || v.lowercased() == "false" || v.lowercased() == "off")
    }
}
