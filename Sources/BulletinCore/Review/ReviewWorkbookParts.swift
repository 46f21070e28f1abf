import Foundation
import OOXML

/// The fixed parts of a review workbook: content types, relationships, the workbook part and app properties.
enum ReviewWorkbookParts {
    private typealias X = XMLBuild

    /// SpreadsheetML main namespace (Transitional).
    static let spreadsheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
    private static let officeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    private static let sheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml."

    static func contentTypes() -> XMLElement {
        func override(_ part: String, _ type: String) -> XMLElement {
            X.element("Override", ["PartName": part, "ContentType": type])
        }
        return X.element("Types", ["xmlns": "http://schemas.openxmlformats.org/package/2006/content-types"], [
            X.element("Default", ["Extension": "rels", "ContentType": "application/vnd.openxmlformats-package.relationships+xml"]),
            X.element("Default", ["Extension": "xml", "ContentType": "application/xml"]),
            override("/xl/workbook.xml", sheetML + "sheet.main+xml"),
            override("/xl/styles.xml", sheetML + "styles+xml"),
            override("/xl/worksheets/sheet1.xml", sheetML + "worksheet+xml"),
            override("/xl/worksheets/sheet2.xml", sheetML + "worksheet+xml"),
            override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ])
    }

    static func packageRels() -> XMLElement {
        X.element("Relationships", ["xmlns": packageRelationships], [
            X.element("Relationship", ["Id": "rId1", "Type": officeRelationship + "officeDocument", "Target": "xl/workbook.xml"]),
            X.element("Relationship", ["Id": "rId2", "Type": officeRelationship + "extended-properties", "Target": "docProps/app.xml"]),
        ])
    }

    static func workbookRels() -> XMLElement {
        X.element("Relationships", ["xmlns": packageRelationships], [
            X.element("Relationship", ["Id": "rId1", "Type": officeRelationship + "worksheet", "Target": "worksheets/sheet1.xml"]),
            X.element("Relationship", ["Id": "rId2", "Type": officeRelationship + "worksheet", "Target": "worksheets/sheet2.xml"]),
            X.element("Relationship", ["Id": "rId3", "Type": officeRelationship + "styles", "Target": "styles.xml"]),
        ])
    }

    /// The workbook: the review worksheet, the hidden identity worksheet, and the print titles and filter range.
    static func workbook(_ layout: ReviewSheetLayout) -> XMLElement {
        let quoted = "'" + layout.sheetName.replacingOccurrences(of: "'", with: "''") + "'"
        return X.element("workbook", ["xmlns": spreadsheetNamespace, "xmlns:r": relationshipNamespace], [
            X.element("workbookPr", ["defaultThemeVersion": "124226"]),
            X.element("bookViews", [:], [X.element("workbookView", ["activeTab": "0"])]),
            X.element("sheets", [:], [
                X.element("sheet", ["name": layout.sheetName, "sheetId": "1", "r:id": "rId1"]),
                X.element("sheet", ["name": ReviewColumns.identitySheetName, "sheetId": "2", "state": "hidden", "r:id": "rId2"]),
            ]),
            X.element("definedNames", [:], [
                X.text("definedName", ["name": "_xlnm._FilterDatabase", "localSheetId": "0", "hidden": "1"],
                       "\(quoted)!\(layout.filterRange)"),
                X.text("definedName", ["name": "_xlnm.Print_Titles", "localSheetId": "0"],
                       "\(quoted)!$1:$\(ReviewSheetLayout.headerRow)"),
            ] + layout.listNames.map { X.text("definedName", ["name": $0.name], $0.reference) }),
        ])
    }

    static func app() -> XMLElement {
        X.element("Properties", ["xmlns": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"], [
            X.text("Application", [:], "bulletin"),
        ])
    }
}
