import EvidenceDesk
import EvidenceKit
import Foundation

/// Placeholder until the HTTP app on EvidenceServer is wired in.
enum DeskHTTP {
    static func serve(desk: Desk, host: String, port: Int, language: Language) async throws {
        Console.out("http://\(host):\(port)/")
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
    }
}
