import Crypto
import Foundation

/// Hex SHA-256, the fingerprint used in every audit trail.
package enum Digest {
    package static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// Stable identities for findings across runs (SARIF `partialFingerprints`).
public enum Fingerprint {
    /// A hex SHA-256 of the parts joined with a separator that cannot occur in them.
    public static func of(_ parts: [String]) -> String {
        Digest.sha256(Data(parts.joined(separator: "\u{1F}").utf8))
    }
}
