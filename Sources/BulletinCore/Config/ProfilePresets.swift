import Foundation

/// A profile is a whole preset: `profiles.<profile>` in pipeline.json holds the settings in which that
/// profile differs (calendar, quotas, the publication, the places); when `profile` names it, its section is
/// laid over the top-level settings, key by key. A key the active profile's section sets wins; everything
/// else comes from the top level. `bulletin config --show` prints where each setting came from.
public enum ProfilePresets {
    /// The top-level JSON object with the active profile's section laid over it, and the source of every leaf
    /// (`pipeline.json` or `profiles.zhejiang`), by dotted path.
    public static func effective(_ root: [String: Any]) -> (merged: [String: Any], sources: [String: String]) {
        let profile = root["profile"] as? String ?? "sichuan"
        var top = root
        let presets = top.removeValue(forKey: "profiles") as? [String: Any] ?? [:]
        var sources: [String: String] = [:]
        leaves(top, "", "pipeline.json", &sources)
        guard let preset = presets[profile] as? [String: Any] else { return (top, sources) }
        leaves(preset, "", "profiles.\(profile)", &sources)
        return (merge(top, preset), sources)
    }

    /// `over` laid on `base`: objects merge key by key, anything else replaces.
    static func merge(_ base: [String: Any], _ over: [String: Any]) -> [String: Any] {
        var out = base
        for (k, v) in over {
            if let b = out[k] as? [String: Any], let o = v as? [String: Any] { out[k] = merge(b, o) } else { out[k] = v }
        }
        return out
    }

    private static func leaves(_ object: [String: Any], _ prefix: String, _ source: String, _ out: inout [String: String]) {
        for (k, v) in object {
            let path = prefix.isEmpty ? k : "\(prefix).\(k)"
            if let o = v as? [String: Any], !o.isEmpty, path != "scoring", path != "process", path != "fields", path != "optionalFields" {
                // Drop what an object replaced wholesale before recording its leaves.
                for key in out.keys where key.hasPrefix(path + ".") { out[key] = nil }
                leaves(o, path, source, &out)
            } else {
                for key in out.keys where key.hasPrefix(path + ".") { out[key] = nil }
                out[path] = source
            }
        }
    }
}
