/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The application's own value types, stored on disk by serialization; not exported. */
package io.twat.moduletest.app.model;
