import ArgumentParser
import BulletinCore
import Foundation

/// `bulletin config --show`: the effective settings, after the active profile's preset, and where each came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings (the active profile's preset laid over pipeline.json) and where each came from.")

    @OptionGroup var options: ConfigOption

    @Flag(help: "Print every setting with its value and source.")
    var show = false

    func run() throws {
        let (config, url) = try options.load()
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw reportAndExit(error, stage: "configuration") }
        let (merged, sources) = try PipelineConfig.effectiveJSON(data, file: url.path)
        guard let object = try JSONSerialization.jsonObject(with: merged) as? [String: Any] else { return }
        print("profile: \(config.profile) (review steps: \(config.activeProcess.steps.map(\.name).joined(separator: " → ")))")
        for path in sources.keys.sorted() {
            var value: Any? = object
            for key in path.split(separator: ".") { value = (value as? [String: Any])?[String(key)] }
            print("\(path) = \(Self.describe(value)) ← \(sources[path] ?? "")")
        }
    }

    static func describe(_ value: Any?) -> String {
        guard let value else { return "null" }
        if let s = value as? String { return "\"\(s)\"" }
        if value is [Any] || value is [String: Any],
           let d = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
            let text = String(decoding: d, as: UTF8.self)
            return text.count > 120 ? String(text.prefix(117)) + "…" : text
        }
        return "\(value)"
    }
}
