// swift-tools-version:6.0
import PackageDescription

/// Strict settings on every target: `any` spelled out for existentials, and members visible only from modules a
/// file imports itself.
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "bulletin",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bulletin", targets: ["bulletin"]),
        .library(name: "BulletinCore", targets: ["BulletinCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        // MARK: - C libraries, one system target each
        .systemLibrary(
            name: "CLibZip",
            pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // MARK: - The only module that touches C
        .target(
            name: "OOXML",
            dependencies: ["CLibZip", "CLibXML2"],
            swiftSettings: strict
        ),
        // MARK: - File-system primitives: the lock, atomic writes, raw names, iconv
        .target(name: "SystemFiles", swiftSettings: strict),
        // MARK: - The pipeline
        .target(
            name: "BulletinCore",
            dependencies: [
                "OOXML",
                "SystemFiles",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "bulletin",
            dependencies: [
                "BulletinCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // MARK: - Tests
        .testTarget(name: "OOXMLTests", dependencies: ["OOXML"], swiftSettings: strict),
        // Paths, temporary folders, fixtures and the typed log reader shared by the test targets.
        .target(
            name: "BulletinTestSupport",
            dependencies: ["BulletinCore", "OOXML"],
            path: "Tests/BulletinTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "BulletinCoreTests",
            dependencies: ["BulletinCore", "OOXML", "BulletinTestSupport", "SystemFiles"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            // The built executable is a dependency, so the end-to-end tests never run a stale binary.
            dependencies: ["BulletinCore", "OOXML", "BulletinTestSupport", "SystemFiles", "bulletin"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
