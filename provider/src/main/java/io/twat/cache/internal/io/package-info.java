/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * File-system helpers shared by the file and db stores: the {@code FileSystem} seam through which
 * they touch files (tests inject faults through it), private folders and disk usage.
 */
package io.twat.cache.internal.io;
