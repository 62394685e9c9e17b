/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.moduletest.app.model;

import java.io.Serializable;

/**
 * A position, a record of the application's own: deserialized through its canonical
 * constructor.
 *
 * @param x the horizontal coordinate
 * @param y the vertical coordinate
 */
public record Point(int x, int y) implements Serializable {
}
