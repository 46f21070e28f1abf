import OOXML

/// word/styles.xml and word/settings.xml: the GB/T 9704 type set once, referred to by style id.
enum WordStyles {
    private typealias X = XMLBuild
    private typealias F = OfficialFormat

    // MARK: - Style ids

    /// Body text with a two-character first-line indent.
    static let body = "BodyIndent"
    /// Document title: 方正小标宋简体 2号, centred. (Not Word's "Title", which pandoc takes for metadata.)
    static let title = "DocumentTitle"
    /// First-level heading: 黑体 3号, indented two characters.
    static let heading1 = "Heading1"
    /// Second-level heading: 楷体_GB2312 3号, indented two characters.
    static let heading2 = "Heading2"
    /// The masthead's publication name: 方正小标宋简体 初号, red, centred.
    static let masthead = "Masthead"
    /// A centred line of body type (issue line, 目录 heading).
    static let centred = "Centred"
    /// Table text: 仿宋 小四, not on the line grid.
    static let tableText = "TableText"
    /// Table header text: 黑体 小四.
    static let tableHeading = "TableHeading"
    /// Page number footer: 宋体 4号.
    static let footer = "Footer"

    // MARK: - styles.xml

    /// The root of word/styles.xml.
    static func styles() -> XMLElement {
        X.element("w:styles", ["xmlns:w": WordPackage.wordNamespace], [
            X.element("w:docDefaults", [:], [
                X.element("w:rPrDefault", [:], [X.element("w:rPr", [:], [
                    WordXML.fonts(F.bodyFont),
                    X.element("w:spacing", ["w:val": String(F.bodyCharacterSpacing)]),
                    X.element("w:kern", ["w:val": "2"]),
                    X.element("w:sz", ["w:val": String(F.size3)]),
                    X.element("w:szCs", ["w:val": String(F.size3)]),
                    X.element("w:lang", ["w:val": "en-US", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"]),
                ])]),
                X.element("w:pPrDefault", [:], [X.element("w:pPr", [:], [
                    X.element("w:widowControl", ["w:val": "0"]),
                    X.element("w:spacing", ["w:before": "0", "w:after": "0",
                                            "w:line": String(F.bodyLinePitch), "w:lineRule": "exact"]),
                    X.element("w:jc", ["w:val": "both"]),
                ])]),
            ]),
            paragraphStyle("Normal", name: "Normal", isDefault: true),
            paragraphStyle(body, name: "Body Indent", paragraph: [indent(firstLineChars: 200)]),
            paragraphStyle(title, name: "Document Title", paragraph: [centre()], run: [
                WordXML.fonts(F.titleFont), size(F.size2),
            ]),
            paragraphStyle(heading1, name: "heading 1", paragraph: [
                X.element("w:keepNext"), indent(firstLineChars: 200), X.element("w:outlineLvl", ["w:val": "0"]),
            ], run: [WordXML.fonts(F.headingFont)]),
            paragraphStyle(heading2, name: "heading 2", paragraph: [
                X.element("w:keepNext"), indent(firstLineChars: 200), X.element("w:outlineLvl", ["w:val": "1"]),
            ], run: [WordXML.fonts(F.subheadingFont)]),
            paragraphStyle(masthead, name: "Masthead", paragraph: [
                X.element("w:snapToGrid", ["w:val": "0"]),
                X.element("w:spacing", ["w:line": "240", "w:lineRule": "auto"]),
                centre(),
            ], run: [WordXML.fonts(F.titleFont), X.element("w:color", ["w:val": F.red]), size(F.sizeChuhao)]),
            paragraphStyle(centred, name: "Centred", paragraph: [centre()]),
            paragraphStyle(tableText, name: "Table Text", paragraph: [
                X.element("w:snapToGrid", ["w:val": "0"]),
                X.element("w:spacing", ["w:line": "300", "w:lineRule": "auto"]),
                centre(),
            ], run: [size(F.sizeSmall4)]),
            paragraphStyle(tableHeading, name: "Table Heading", basedOn: tableText, paragraph: [
                X.element("w:keepNext"),
            ], run: [WordXML.fonts(F.headingFont)]),
            paragraphStyle(footer, name: "footer", paragraph: [
                X.element("w:snapToGrid", ["w:val": "0"]),
                X.element("w:spacing", ["w:line": "240", "w:lineRule": "auto"]),
            ], run: [WordXML.fonts(F.pageNumberFont), size(F.size4)]),
        ])
    }

    private static func paragraphStyle(_ id: String, name: String, isDefault: Bool = false, basedOn: String = "Normal",
                                       paragraph: [XMLElement] = [], run: [XMLElement] = []) -> XMLElement {
        var style = X.element("w:style", ["w:type": "paragraph", "w:styleId": id])
        if isDefault { style.attributes.append(.init(name: "w:default", value: "1")) }
        var children = [X.element("w:name", ["w:val": name])]
        if id != "Normal" { children.append(X.element("w:basedOn", ["w:val": basedOn])) }
        children.append(X.element("w:qFormat"))
        if !paragraph.isEmpty { children.append(X.element("w:pPr", [:], paragraph)) }
        if !run.isEmpty { children.append(X.element("w:rPr", [:], run)) }
        style.children = children.map { .element($0) }
        return style
    }

    private static func indent(firstLineChars: Int) -> XMLElement {
        X.element("w:ind", ["w:firstLineChars": String(firstLineChars), "w:firstLine": String(firstLineChars * 16 / 5)])
    }

    private static func centre() -> XMLElement { X.element("w:jc", ["w:val": "center"]) }

    private static func size(_ halfPoints: Int) -> XMLElement {
        X.element("w:sz", ["w:val": String(halfPoints)])
    }

    // MARK: - settings.xml

    /// The root of word/settings.xml: odd and even footers, no punctuation compression (28 characters a line).
    static func settings() -> XMLElement {
        X.element("w:settings", ["xmlns:w": WordPackage.wordNamespace], [
            X.element("w:zoom", ["w:percent": "100"]),
            X.element("w:defaultTabStop", ["w:val": "420"]),
            X.element("w:evenAndOddHeaders"),
            X.element("w:characterSpacingControl", ["w:val": "doNotCompress"]),
            X.element("w:compat", [:], [
                X.element("w:compatSetting", ["w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word",
                                              "w:val": "15"]),
            ]),
            X.element("w:themeFontLang", ["w:val": "en-US", "w:eastAsia": "zh-CN"]),
        ])
    }
}
