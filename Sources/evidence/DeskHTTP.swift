import EvidenceDesk
import EvidenceKit
import EvidenceServer
import Foundation

/// The desk's HTTP side: the app of ``DeskServer`` on the shared EvidenceServer layer, run
/// until SIGINT/SIGTERM.
enum DeskHTTP {
    static func serve(desk: Desk, host: String, port: Int, maxUploadSize: Int64, language: Language) async throws {
        var configuration = DeskServerConfiguration(host: host, port: port)
        configuration.maxUploadSize = maxUploadSize
        let server = DeskServer(desk: desk, configuration: configuration)
        let folder = desk.folder
        let application = server.application { port in
            let url = server.url(port: port)
            Console.out(language == .zh ? "受理台已启动：\(url)（文件夹 \(folder)；按 Ctrl-C 停止）"
                                        : "The desk is at \(url) (folder \(folder); Ctrl-C stops it)")
        }
        try await application.runService()
    }
}
