import EvidenceKit
import Foundation
import Synchronization

/// Bundles received for verification (`POST /api/v1/verify`): each kept as a private temporary
/// file, never extracted, so that the agent page can preview its payload
/// (`GET /api/v1/verifications/{vid}/entries/{path}`). Only the latest ``capacity`` are kept;
/// the folder goes at shutdown.
public final class VerificationStore: Sendable {
    /// The private folder (0700) holding the received bundles.
    public let folder: PrivateTemporaryFolder
    /// How many received bundles are kept.
    public let capacity: Int
    private let received = Mutex<[(id: String, path: String)]>([])

    public init(folder: PrivateTemporaryFolder, capacity: Int = 16) {
        self.folder = folder
        self.capacity = capacity
    }

    /// Records a verified bundle; the oldest beyond ``capacity`` is removed.
    /// - Returns: its verification id.
    public func add(path: String) -> String {
        let id = UUID().uuidString.lowercased()
        let dropped: [String] = received.withLock { list in
            list.append((id, path))
            guard list.count > capacity else { return [] }
            let old = list.prefix(list.count - capacity).map(\.path)
            list.removeFirst(list.count - capacity)
            return old
        }
        for path in dropped { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        return id
    }

    /// The bundle of verification `id`.
    public func path(of id: String) -> String? {
        received.withLock { list in list.first { $0.id == id }?.path }
    }
}
