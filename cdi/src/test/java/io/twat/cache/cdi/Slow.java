/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.cache.annotation.CacheResult;

/** Slow {@code @CacheResult} methods, held back by the {@link Gate}. */
@ApplicationScoped
public class Slow {
  @Inject
  Gate gate;

  @CacheResult(cacheName = "slow")
  public String compute(String key) {
    gate.pass();
    return "value of " + key;
  }

  @CacheResult(cacheName = "slowFailing")
  public String fail(String key) {
    gate.pass();
    throw new IllegalStateException("no value for " + key);
  }

  @CacheResult(cacheName = "future")
  public CompletableFuture<String> future(String key) {
    return gate.pending();
  }

  @CacheResult(cacheName = "stage")
  public CompletionStage<String> stage(String key) {
    return gate.pending().thenApply(value -> value + " for " + key);
  }
}
