import Crypto
import Foundation

/// Hex SHA-256, the fingerprint used in every audit trail.
enum Digest {
    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
