/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A small application on the module path, as a user writes one: it requires the provider and
 * nothing else of it (no {@code --add-modules}, no {@code requires} of Caffeine, H2 or
 * {@code cache.api}), and exports and opens nothing, not even the package of the values it
 * stores on disk.
 */
module io.twat.moduletest.app {
  requires io.twat.cache;
}
