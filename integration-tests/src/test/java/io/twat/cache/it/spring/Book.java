/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.spring;

import java.io.Serializable;

/**
 * An application's value class: not on any allow-list, so a disk store signs it when it writes it
 * and reads it back because the signature is its own.
 *
 * @param isbn the book's number
 * @param title its title
 * @param edition its edition
 */
public record Book(long isbn, String title, int edition) implements Serializable {
}
