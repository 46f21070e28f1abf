import BulletinTestSupport
import BulletinCore
import Foundation
import Testing

/// The JSON Schema in schemas/ documents exactly the keys the JSON reader understands.
@Suite struct SchemaTests {
    @Test func theSchemaListsEveryFieldAndNothingElse() throws {
        let url = TestSupport.root.appendingPathComponent("schemas/submission.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let expected = Set(Field.allCases.map(\.rawValue) + OptionalField.allCases.map(\.rawValue))
        #expect(Set(properties.keys) == expected)
        #expect(Set(schema["required"] as? [String] ?? []) == Set(Field.allCases.map(\.rawValue)))
    }

    @Test func theSamplesFollowTheSchemaKeys() throws {
        let reader = JSONSubmissionReader(matcher: LabelMatcher(config: try TestSupport.config()))
        let samples = TestSupport.root.appendingPathComponent("samples")
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path) where name.hasSuffix(".json") || name.hasSuffix(".jsonl") {
            let e = try reader.read(bytes: [UInt8](Data(contentsOf: samples.appendingPathComponent(name))), fileName: name)
            #expect(!e.submissions.isEmpty)
            for s in e.submissions {
                #expect(s.unknownLabels.isEmpty, "\(name): unknown keys \(s.unknownLabels)")
                #expect(s.problems.isEmpty, "\(name): \(s.problems)")
            }
        }
    }
}
