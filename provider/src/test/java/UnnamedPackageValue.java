/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A class in the unnamed package, for the allow-list hint that no package pattern can name
 * (see io.twat.cache.internal.serial.AllowListHintTest).
 */
// the unnamed package is the point of this class
@SuppressWarnings("DefaultPackage")
final class UnnamedPackageValue {
  private UnnamedPackageValue() {
  }
}
