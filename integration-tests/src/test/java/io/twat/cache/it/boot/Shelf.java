/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.boot;

import java.io.Serializable;

/**
 * An application's value class, cached untyped, so signed by the disk store that writes it.
 *
 * @param room where the shelf is
 * @param books how many books it holds
 */
public record Shelf(String room, int books) implements Serializable {
}
