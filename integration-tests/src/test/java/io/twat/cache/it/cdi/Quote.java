/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.cdi;

import java.io.Serializable;

/**
 * An application's value class, cached untyped, so signed by the disk store that writes it.
 *
 * @param symbol the stock's symbol
 * @param cents its price in cents
 */
public record Quote(String symbol, long cents) implements Serializable {
}
