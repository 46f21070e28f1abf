import OOXML

/// Opens a DOCX, finds its main document part through `_rels/.rels` and parses it, turning every way
/// this can fail into a `Refusal` that names the file, the part and what to do.
enum DocxPackage {
    /// The parts the reader uses: the main document, the list numbering (from the numbering and styles
    /// parts, read streaming) and, when asked for, the notes.
    struct Parts {
        var document: XMLArenaElement
        var numbering = DocxNumbering()
        var footnotes: XMLArenaElement?
        var endnotes: XMLArenaElement?
    }

    /// Opens the package and parses the parts the reader uses, each read from the archive once. Numbering
    /// and styles are read only when the document numbers paragraphs (and then streaming, keeping only
    /// what numbering needs); foot- and endnotes when `notes` is asked for or the document references one.
    /// `cache`, when given, holds the numbering read from other packages of the run, found by the parts' exact
    /// stored bytes (`DocxPartCache`): a hit is neither inflated nor parsed, but its inflated bytes still count
    /// against this archive's limits. `relationshipsCache`, when given, does the same for the relationships parts
    /// (`DocxRelationshipsCache`).
    static func open(bytes: [UInt8], fileName: String, limits: PipelineConfig.Limits, notes: Bool,
                     cache: DocxPartCache? = nil, relationshipsCache: DocxRelationshipsCache? = nil) throws -> Parts {
        let main = try mainDocument(bytes: bytes, fileName: fileName, limits: limits, relationshipsCache: relationshipsCache)
        var parts = Parts(document: main.root)
        let relsName = OPCRelationships.relationshipsPartName(for: main.name)
        guard main.archive.contains(relsName) else { return parts }
        let relationships: [OPCRelationship]
        do {
            relationships = try relationshipsOf(relsName, in: main.archive, maxDepth: limits.xmlMaxDepth, cache: relationshipsCache)
        } catch let error as ZipError {
            throw refusal(for: error, fileName: fileName)
        } catch let error as XMLError {
            throw refusal(for: error, part: relsName, fileName: fileName)
        }
        func partName(_ kind: String) -> String? {
            guard let rel = relationships.first(where: { !$0.isExternal && $0.hasType(endingWith: kind) }),
                  let name = OPCRelationships.resolve(target: rel.target, from: main.name), main.archive.contains(name) else { return nil }
            return name
        }
        func partBytes(_ kind: String) throws -> (name: String, bytes: [UInt8])? {
            guard let name = partName(kind) else { return nil }
            do {
                return (name, try main.archive.read(name))
            } catch let error as ZipError {
                throw refusal(for: error, fileName: fileName)
            }
        }
        func parse(_ part: (name: String, bytes: [UInt8])?) throws -> XMLArenaElement? {
            guard let part else { return nil }
            do {
                return try XMLArena.parse(part.bytes, maxDepth: limits.xmlMaxDepth, prefixLists: [.markupCompatibilityRequires],
                                          vocabulary: WordName.vocabulary).root
            } catch let error as XMLError {
                throw refusal(for: error, part: part.name, fileName: fileName)
            }
        }
        // List numbering: the numbering part when the document numbers paragraphs directly or uses paragraph
        // styles (which may number them); of the styles part, only as much as holds the styles used.
        let notesWanted = notes || DocxSniffer.contains(Array("noteReference".utf8), in: main.bytes[...])
        let numPr = DocxSniffer.contains(Array("numPr".utf8), in: main.bytes[...])
        let used = DocxSniffer.contains(Array("pStyle".utf8), in: main.bytes[...]) ? DocxNumbering.usedStyles(in: main.bytes) : []
        if numPr || !used.isEmpty, let numberingName = partName("numbering") {
            let stylesName = used.isEmpty ? nil : partName("styles")
            // The list definitions the walk can meet: those the document's bytes name (unknown when notes are read too).
            let notesRead = notesWanted && relationships.contains {
                !$0.isExternal && ($0.hasType(endingWith: "footnotes") || $0.hasType(endingWith: "endnotes"))
            }
            let named = notesRead ? nil : ByteSearch.attributeValues(afterElementNamed: "numId", attribute: "val", in: main.bytes)
            var key: DocxPartCache.Key?
            var hit: DocxPartCache.Value?
            if let cache, let numberingPrint = main.archive.fingerprint(numberingName) {
                let stylesPrint = stylesName.flatMap { main.archive.fingerprint($0) }
                if stylesName == nil || stylesPrint != nil {
                    let found = DocxPartCache.Key(numbering: numberingPrint, styles: stylesPrint, usedStyles: used,
                                                  numIdsNamed: named, maxDepth: limits.xmlMaxDepth)
                    key = found
                    hit = cache.value(for: found)
                }
            }
            if let hit {
                do {
                    try main.archive.charge(numberingName, chunks: hit.numberingChunks)
                    if let stylesName { try main.archive.charge(stylesName, chunks: hit.stylesChunks) }
                } catch let error as ZipError {
                    throw refusal(for: error, fileName: fileName)
                }
                parts.numbering = hit.numbering
            } else {
                var numberingChunks: [Int] = []
                var stylesChunks: [Int] = []
                let numbering: [UInt8]
                var styles: [UInt8]?
                var styled: DocxNumbering?
                do {
                    numbering = try main.archive.read(numberingName, chunks: &numberingChunks)
                    if let stylesName {
                        let maxDepth = limits.xmlMaxDepth
                        styles = try main.archive.readPrefix(stylesName, chunks: &stylesChunks) {
                            DocxNumbering.stylesComplete(used, in: $0, maxDepth: maxDepth, styled: &styled)
                        }
                    }
                } catch let error as ZipError {
                    throw refusal(for: error, fileName: fileName)
                }
                var failed = ""
                do {
                    parts.numbering = try DocxNumbering(numbering: numbering, styles: styles, usedStyles: used,
                                                        styled: styled, numIdsNamed: named, maxDepth: limits.xmlMaxDepth, failedPart: &failed)
                } catch let error as XMLError {
                    throw refusal(for: error, part: failed == "styles" ? (stylesName ?? "word/styles.xml") : numberingName, fileName: fileName)
                }
                if let cache, let key {
                    cache.store(DocxPartCache.Value(numbering: parts.numbering, numberingChunks: numberingChunks, stylesChunks: stylesChunks), for: key)
                }
            }
        }
        if notesWanted {
            parts.footnotes = try parse(try partBytes("footnotes"))
            parts.endnotes = try parse(try partBytes("endnotes"))
        }
        return parts
    }

    /// The root element (`w:document`) of the main document part, with the archive and the part's name.
    private static func mainDocument(bytes: [UInt8], fileName: String, limits: PipelineConfig.Limits,
                                     relationshipsCache: DocxRelationshipsCache?) throws
        -> (archive: ZipArchive, name: String, bytes: [UInt8], root: XMLArenaElement) {
        if let refusal = DocxSniffer.refusal(for: bytes, fileName: fileName) { throw refusal }
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes, limits: limits.zip)
        } catch let error as ZipError {
            throw refusal(for: error, fileName: fileName)
        }
        let partName = try mainPartName(in: archive, fileName: fileName, maxDepth: limits.xmlMaxDepth, cache: relationshipsCache)
        let partBytes: [UInt8]
        let root: XMLArenaElement
        do {
            partBytes = try archive.read(partName)
            root = try XMLArena.parse(partBytes, maxDepth: limits.xmlMaxDepth, prefixLists: [.markupCompatibilityRequires],
                                      vocabulary: WordName.vocabulary).root
        } catch let error as ZipError {
            throw refusal(for: error, fileName: fileName)
        } catch let error as XMLError {
            throw refusal(for: error, part: partName, fileName: fileName)
        }
        guard root.name == "document", OOXMLNamespace.wordprocessingMLAll.contains(root.namespace) else {
            throw notWord(root: root, partName: partName, fileName: fileName)
        }
        return (archive, partName, partBytes, root)
    }

    // MARK: - Finding the main part

    private static func mainPartName(in archive: ZipArchive, fileName: String, maxDepth: Int,
                                     cache: DocxRelationshipsCache?) throws -> String {
        guard archive.contains("_rels/.rels") else {
            if archive.contains("mimetype"), let kind = try? archive.read("mimetype"),
               String(decoding: kind.prefix(200), as: UTF8.self).contains("opendocument") {
                throw Refusal("\(fileName) is an OpenDocument file (.odt, from LibreOffice or WPS), not a .docx",
                              advice: "open it in LibreOffice Writer or WPS, choose Save As › Word 2007–365 (.docx), and drop the .docx into the inbox")
            }
            throw Refusal("\(fileName) is a zip archive but not a Word document (it has no _rels/.rels part)",
                          advice: "check that this is the 报送表 saved by Word or WPS as .docx, not a zip of other files")
        }
        let relationships: [OPCRelationship]
        do {
            relationships = try relationshipsOf("_rels/.rels", in: archive, maxDepth: maxDepth, cache: cache)
        } catch let error as ZipError {
            throw refusal(for: error, fileName: fileName)
        } catch let error as XMLError {
            throw refusal(for: error, part: "_rels/.rels", fileName: fileName)
        }
        guard let main = relationships.first(where: {
            OOXMLRelationshipType.officeDocumentAll.contains($0.type) && !$0.isExternal
        }) else {
            throw Refusal("\(fileName) has no main document: _rels/.rels names no officeDocument part",
                          advice: "open the file in Word or WPS and save it again as .docx; if it will not open, ask the submitter for a new copy")
        }
        guard let name = OPCRelationships.resolve(target: main.target, from: ""), archive.contains(name) else {
            throw Refusal("\(fileName) is incomplete: its main document part \"\(main.target)\" is missing",
                          advice: "ask the submitter for a new copy saved by Word or WPS")
        }
        return name
    }

    /// The relationships of a part, through `cache` when there is one; throws what reading and parsing throw.
    private static func relationshipsOf(_ name: String, in archive: ZipArchive, maxDepth: Int,
                                        cache: DocxRelationshipsCache?) throws -> [OPCRelationship] {
        if let cache { return try cache.relationships(name, in: archive, maxDepth: maxDepth) }
        return try OPCRelationships.parse(try archive.read(name), maxDepth: maxDepth)
    }

    private static func notWord(root: XMLArenaElement, partName: String, fileName: String) -> Refusal {
        let kind: String
        switch root.name {
        case "workbook": kind = "an Excel workbook (.xlsx)"
        case "presentation": kind = "a PowerPoint presentation (.pptx)"
        default: kind = "not a Word document (its main part \(partName) is <\(root.name)>)"
        }
        return Refusal("\(fileName) is \(kind), renamed as a Word file",
                       advice: "send the 报送表 as a Word document (.docx)")
    }
}
