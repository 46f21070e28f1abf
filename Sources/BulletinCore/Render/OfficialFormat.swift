/// The measures of GB/T 9704-2012 (党政机关公文格式) that the drafts follow, in WordprocessingML units.
///
/// Lengths are twips (1/20 pt; 1 mm = 56.7 twips); font sizes are half-points (`w:sz`).
enum OfficialFormat {
    // MARK: - Page

    /// Twips in one millimetre.
    static let twipsPerMillimetre = 56.7

    /// A length in millimetres, as whole twips.
    static func twips(millimetres: Double) -> Int { Int((millimetres * twipsPerMillimetre).rounded()) }

    /// A4 portrait, with the margins of the standard: top 37, bottom 35, left 28, right 26 mm.
    static let portrait = WordPageSetup(
        width: twips(millimetres: 210), height: twips(millimetres: 297), landscape: false,
        top: twips(millimetres: 37), bottom: twips(millimetres: 35),
        left: twips(millimetres: 28), right: twips(millimetres: 26),
        header: twips(millimetres: 15), footer: twips(millimetres: 22),
        grid: WordDocGrid(linePitch: bodyLinePitch))

    /// A4 landscape, for wide tables: the same 156 × 225 mm text block, turned a quarter.
    static let landscape = WordPageSetup(
        width: twips(millimetres: 297), height: twips(millimetres: 210), landscape: true,
        top: twips(millimetres: 28), bottom: twips(millimetres: 26),
        left: twips(millimetres: 37), right: twips(millimetres: 35),
        header: twips(millimetres: 12), footer: twips(millimetres: 14),
        grid: WordDocGrid(linePitch: bodyLinePitch))

    // MARK: - Type

    /// 仿宋_GB2312: body text.
    static let bodyFont = "仿宋_GB2312"
    /// 方正小标宋简体: titles and the masthead.
    static let titleFont = "方正小标宋简体"
    /// 黑体: first-level headings.
    static let headingFont = "黑体"
    /// 楷体_GB2312: second-level headings.
    static let subheadingFont = "楷体_GB2312"
    /// 宋体: page numbers.
    static let pageNumberFont = "宋体"

    /// 初号 (42 pt), for the masthead.
    static let sizeChuhao = 84
    /// 2号 (22 pt), for titles.
    static let size2 = 44
    /// 3号 (16 pt), for body text and headings.
    static let size3 = 32
    /// 4号 (14 pt), for page numbers.
    static let size4 = 28
    /// 小四 (12 pt), for table text.
    static let sizeSmall4 = 24

    /// Lines per page of body text.
    static let linesPerPage = 22
    /// Characters per line of body text.
    static let charactersPerLine = 28
    /// The exact line pitch giving 22 lines in the 225 mm text block: 28.95 pt.
    static let bodyLinePitch = 579
    /// Character spacing of body text, in twips: 28 characters of 16 pt need 448 pt, the 156 mm line has
    /// 442.2 pt; 0.25 pt less per character makes 28 fit. (A character grid, `linesAndChars` with a negative
    /// `w:charSpace`, does the same in Word but LibreOffice spreads the text over it, about 19 to a line.)
    static let bodyCharacterSpacing = -5

    /// Red of the masthead and its rule.
    static let red = "FF0000"
}
