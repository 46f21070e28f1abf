import OOXML

/// The cell styles of a review workbook: machine columns plain, reviewers' columns yellow and unlocked,
/// refusal reasons red; thin borders and wrapped text for printing.
enum ReviewWorkbookStyles {
    private typealias X = XMLBuild

    /// Indexes into cellXfs.
    enum Style: Int {
        case plain = 0
        case title
        case machineHeader
        case reviewerHeader
        case machineText
        case machineTextQuoted  // text starting with = + - @: quotePrefix, so an edit keeps it text
        case machineNumber
        case reviewerText
        case reviewerTextQuoted
        case reviewerNumber
        case refusalHeader
        case refusalText
        case identityText
    }

    /// The font every cell uses, the one Chinese Excel and WPS default to.
    static let fontName = "宋体"

    static func styles() -> XMLElement {
        func font(size: String, bold: Bool = false, color: String? = nil) -> XMLElement {
            var children: [XMLElement] = []
            if bold { children.append(X.element("b")) }
            children.append(X.element("sz", ["val": size]))
            if let color { children.append(X.element("color", ["rgb": color])) }
            children += [X.element("name", ["val": fontName]), X.element("family", ["val": "3"]), X.element("charset", ["val": "134"])]
            return X.element("font", [:], children)
        }
        func fill(_ rgb: String?) -> XMLElement {
            guard let rgb else { return X.element("fill", [:], [X.element("patternFill", ["patternType": "none"])]) }
            return X.element("fill", [:], [X.element("patternFill", ["patternType": "solid"], [
                X.element("fgColor", ["rgb": rgb]), X.element("bgColor", ["indexed": "64"]),
            ])])
        }
        let thin = X.element("border", [:], ["left", "right", "top", "bottom"].map { side in
            X.element(side, ["style": "thin"], [X.element("color", ["rgb": "FF9E9E9E"])])
        } + [X.element("diagonal")])
        // fonts: 0 body, 1 bold header, 2 title, 3 refusal (dark red)
        let fonts = [font(size: "10"), font(size: "10", bold: true), font(size: "14", bold: true), font(size: "10", color: "FF9C0006")]
        // fills: 0 none, 1 gray125 (required), 2 machine header grey, 3 reviewer yellow, 4 reviewer header, 5 refusal
        let fills = [
            fill(nil),
            X.element("fill", [:], [X.element("patternFill", ["patternType": "gray125"])]),
            fill("FFD9E1F2"), fill("FFFFF2CC"), fill("FFFFD966"), fill("FFFFC7CE"),
        ]
        func xf(font: Int = 0, fill: Int = 0, border: Int = 1, horizontal: String? = nil, vertical: String = "top",
                wrap: Bool = true, unlocked: Bool = false, quoted: Bool = false) -> XMLElement {
            var attributes: [XMLAttribute] = [
                XMLAttribute(name: "numFmtId", value: "0"), XMLAttribute(name: "fontId", value: String(font)),
                XMLAttribute(name: "fillId", value: String(fill)), XMLAttribute(name: "borderId", value: String(border)),
                XMLAttribute(name: "xfId", value: "0"),
            ]
            if quoted { attributes.append(XMLAttribute(name: "quotePrefix", value: "1")) }
            if font != 0 { attributes.append(XMLAttribute(name: "applyFont", value: "1")) }
            if fill != 0 { attributes.append(XMLAttribute(name: "applyFill", value: "1")) }
            if border != 0 { attributes.append(XMLAttribute(name: "applyBorder", value: "1")) }
            attributes.append(XMLAttribute(name: "applyAlignment", value: "1"))
            if unlocked { attributes.append(XMLAttribute(name: "applyProtection", value: "1")) }
            var alignment: [XMLAttribute] = []
            if let horizontal { alignment.append(XMLAttribute(name: "horizontal", value: horizontal)) }
            alignment.append(XMLAttribute(name: "vertical", value: vertical))
            if wrap { alignment.append(XMLAttribute(name: "wrapText", value: "1")) }
            var children: [XMLNode] = [.element(XMLElement(name: "alignment", attributes: alignment))]
            if unlocked { children.append(.element(X.element("protection", ["locked": "0"]))) }
            return XMLElement(name: "xf", attributes: attributes, children: children)
        }
        let xfs: [XMLElement] = [
            xf(border: 0, vertical: "bottom", wrap: false),                        // plain
            xf(font: 2, border: 0, vertical: "center", wrap: false),                // title
            xf(font: 1, fill: 2, horizontal: "center", vertical: "center"),         // machine header
            xf(font: 1, fill: 4, horizontal: "center", vertical: "center", unlocked: true),  // reviewer header
            xf(),                                                                   // machine text
            xf(quoted: true),                                                       // machine text, quoted
            xf(horizontal: "center"),                                               // machine number
            xf(fill: 3, unlocked: true),                                            // reviewer text
            xf(fill: 3, unlocked: true, quoted: true),                              // reviewer text, quoted
            xf(fill: 3, horizontal: "center", unlocked: true),                      // reviewer number
            xf(font: 1, fill: 5, horizontal: "center", vertical: "center"),         // refusal header
            xf(font: 3, fill: 5),                                                   // refusal text
            xf(border: 0, wrap: false),                                             // identity text
        ]
        func counted(_ name: String, _ children: [XMLElement]) -> XMLElement {
            X.element(name, ["count": String(children.count)], children)
        }
        return X.element("styleSheet", ["xmlns": ReviewWorkbookParts.spreadsheetNamespace], [
            counted("fonts", fonts),
            counted("fills", fills),
            counted("borders", [X.element("border", [:], ["left", "right", "top", "bottom", "diagonal"].map { X.element($0) }), thin]),
            counted("cellStyleXfs", [X.element("xf", ["numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"])]),
            counted("cellXfs", xfs),
            counted("cellStyles", [X.element("cellStyle", ["name": "Normal", "xfId": "0", "builtinId": "0"])]),
        ])
    }
}
