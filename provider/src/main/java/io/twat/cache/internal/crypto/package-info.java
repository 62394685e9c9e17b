/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Encryption at rest for the disk stores: AES-256-GCM sealing of byte arrays with rotatable keys
 * ({@link io.twat.cache.internal.crypto.Sealer}, {@link io.twat.cache.internal.crypto.Keyring}) and
 * the places keys come from ({@link io.twat.cache.internal.crypto.KeySources}: a private key file,
 * a PKCS12 KeyStore, code); and the trust keys with which a serializer signs what the cache wrote
 * ({@link io.twat.cache.internal.crypto.TrustKeys}, {@link
 * io.twat.cache.internal.crypto.TrustKeyFile}).
 */
package io.twat.cache.internal.crypto;
