/**
 * Encryption at rest for the disk stores: AES-256-GCM sealing of byte arrays with rotatable keys
 * ({@link io.twat.cache.internal.crypto.Sealer}, {@link io.twat.cache.internal.crypto.Keyring}) and the places keys
 * come from ({@link io.twat.cache.internal.crypto.KeySources}: a private key file, a PKCS12 KeyStore, code).
 */
package io.twat.cache.internal.crypto;
