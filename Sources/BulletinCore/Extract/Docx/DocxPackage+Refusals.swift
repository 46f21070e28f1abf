import OOXML

/// What a person is told when a package cannot be opened: zip and XML errors as refusals naming the
/// file and the part, with the fix.
extension DocxPackage {
    static func refusal(for error: ZipError, fileName: String) -> Refusal {
        let again = "ask the submitter to send the file again; it may have been cut off while being copied, e-mailed or downloaded"
        let resave = "open it in Word or WPS, save it again as .docx and send that copy; if it came from outside the department, have IT check it"
        switch error {
        case .notZip:
            return Refusal("\(fileName) is damaged or incomplete: it starts like a .docx (zip) file but its zip directory (end-of-central-directory record) is missing, so it was probably cut short", advice: again)
        case .corrupt:
            return Refusal("\(fileName) is damaged or incomplete: \(error.description)", advice: again)
        case .encrypted:
            return Refusal("\(fileName) has encrypted parts (\(error.description)) and cannot be read",
                           advice: "ask the submitter to send it without a password")
        case .missingEntry:
            return Refusal("\(fileName) is incomplete: \(error.description)", advice: again)
        case .tooManyEntries, .duplicateEntry, .entryTooLarge, .totalTooLarge, .ratioTooHigh:
            return Refusal("\(fileName) was refused as unsafe to open: \(error.description)", advice: resave)
        case .writeFailed:
            return Refusal("\(fileName) could not be read: \(error.description)", advice: again)
        }
    }

    static func refusal(for error: XMLError, part: String, fileName: String) -> Refusal {
        let resave = "open it in Word or WPS and save it again as .docx; if Word cannot open it either, ask the submitter for a new copy"
        switch error {
        case .doctype:
            return Refusal("\(fileName) was refused as unsafe: part \(part) contains a <!DOCTYPE> declaration, which Word never writes",
                           advice: "ask the submitter for a copy saved by Word or WPS; if it came from outside the department, have IT check it")
        case .malformed(let line, let column, let message):
            return Refusal("\(fileName) is damaged: part \(part) is not well-formed XML at line \(line), column \(column) (\(message))",
                           advice: resave)
        case .tooDeep(let limit):
            return Refusal("\(fileName) was refused as unsafe: elements in part \(part) are nested more than \(limit) deep",
                           advice: resave)
        case .writeFailed(let why):
            return Refusal("\(fileName) could not be read: \(why)", advice: resave)
        }
    }
}
