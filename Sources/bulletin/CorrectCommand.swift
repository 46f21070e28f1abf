import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin correct`: asks for a 更正 of an approved bulletin; the next run writes its 审定 sheet.
struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Ask for a 更正 of an approved bulletin: the next run writes a 审定 sheet for it under review/.",
        discussion: """
        The sheet lists the approved issue's cases (prefilled 通过) and the month's cases left out at 审定 (prefilled \
        不通过). Change a word and return the sheet: the run writes a new revision (…-更正1.docx) beside the \
        original, which is never rewritten. A sheet returned unchanged changes nothing.
        """)

    @OptionGroup var options: ConfigOption

    @Option(help: "The outbox holding the case library (default: paths.outbox of the configuration).")
    var outbox: String?

    @Option(help: "Who asks (recorded with the request).")
    var who: String = "重大处"

    @Option(help: "Why (recorded with the request).")
    var why: String = ""

    @Argument(help: "The bulletin month to correct, YYYY-MM.")
    var month: String

    func validate() throws {
        if BulletinPeriod(month) == nil { throw ValidationError("\(month) is not a month; use YYYY-MM, e.g. 2026-11") }
    }

    func run() throws {
        let (config, url) = try options.load()
        let path = libraryPath(config: config, configURL: url, outbox: outbox)
        guard FileManager.default.fileExists(atPath: path), let period = BulletinPeriod(month) else {
            throw noLibrary(at: path, config: config, configURL: url, outbox: outbox, stage: "correct",
                            usage: "no case library at \(path); pass --outbox where the runs write")
        }
        do {
            let library = try CaseLibrary(path: path, backups: backupsURL(config: config, configURL: url, outbox: outbox))
            guard try library.approvals(kind: .bulletin).contains(where: { $0.key == period.description }) else {
                throw ValidationError("the \(period.chinese) bulletin is not approved yet; change the draft through its 审定 sheet instead")
            }
            let today = CalendarDate.today(in: TimeZone(identifier: config.calendar.timeZone) ?? .current)
            try library.requestCorrection(period: period, date: today, who: who, why: why)
            print("更正 of the \(period.chinese) bulletin requested: the next run writes review/\(period)-审定-第\(period.month)期更正.xlsx")
        } catch let e as ValidationError {
            throw e
        } catch {
            throw reportAndExit(error, stage: "correct")
        }
    }
}
