/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The {@code twat-cache} command line: {@link io.twat.cache.cli.TwatCacheCli} and its commands.
 * It reads the provider's internal packages and so runs on the class path.
 */
package io.twat.cache.cli;
