/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.assembly;

import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.internal.crypto.KeySources;
import io.twat.cache.internal.crypto.Keyring;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Loads a manager's encryption keys, the same way for every disk store: from exactly one of its
 * {@code keyFile}, its {@code keyStore} (with {@code keyAlias}) or the {@code SecretKey} objects in
 * its {@code Properties}. A cache's own keys ({@code TwatConfiguration.setEncryptionKey}) reach the
 * stores through their {@code StoreSpec} and win over these.
 *
 * <p>Stateless.
 */
final class StoreKeyrings {
  private StoreKeyrings() {
  }

  /**
   * Returns the manager's keys from its one configured source, if any.
   *
   * @throws IllegalArgumentException if keys are configured in more than one way, or cannot be
   *     loaded
   */
  static Optional<Keyring> of(ManagerSettings settings) {
    int sources =
        (settings.keyFile().isPresent() ? 1 : 0)
            + (settings.keyStore().isPresent() ? 1 : 0)
            + (settings.encryptionKeys().isEmpty() ? 0 : 1);
    if (sources > 1) {
      throw new IllegalArgumentException(
          "Encryption keys are configured in more than one way (keyFile, keyStore, "
              + "encryptionKey objects in the Properties); choose one");
    }
    if (settings.keyFile().isPresent()) {
      return Optional.of(KeySources.fromKeyFile(settings.keyFile().get()));
    }
    if (settings.keyStore().isPresent()) {
      char[] password = settings.keyStorePassword();
      try {
        return Optional.of(
            KeySources.fromKeyStore(settings.keyStore().get(), password, settings.keyAliases()));
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }
    if (!settings.keyAliases().isEmpty()) {
      throw new IllegalArgumentException(
          "keyAlias is set but no keyStore; set keyStore to the PKCS12 file");
    }
    List<SecretKey> keys = settings.encryptionKeys();
    return keys.isEmpty()
        ? Optional.empty()
        : Optional.of(Keyring.of(keys.get(0), keys.subList(1, keys.size())));
  }

}
