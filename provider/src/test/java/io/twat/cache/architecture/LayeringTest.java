/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of docs/architecture.md, checked on the provider's compiled main classes:
 * a change that breaks one fails here with the offending class and dependency named.
 */
class LayeringTest {
  private static JavaClasses provider;

  @BeforeAll
  static void importProvider() {
    provider = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.twat.cache");
  }

  /** The public API: users compile against it, so it needs nothing but the JDK and JCache. */
  static final ArchRule API_DEPENDS_ON_JDK_AND_JCACHE_ONLY =
      classes()
          .that()
          .resideInAPackage("io.twat.cache")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.twat.cache", "java..", "javax.cache..", "javax.crypto..")
          .as("the API package io.twat.cache depends only on the JDK and javax.cache");

  /** The Store SPI and the stores know nothing of JCache, of the facade or of configuration. */
  static final ArchRule STORES_ARE_FREE_OF_JCACHE_CORE_AND_CONFIG = noClasses()
      .that().resideInAPackage("io.twat.cache.internal.store..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "javax.cache..", "io.twat.cache.internal.core..", "io.twat.cache.internal.config..",
          "io.twat.cache.internal.assembly..", "io.twat.cache.spi..")
      .as("internal.store.. never uses javax.cache, core, config, assembly or spi");

  /** The facade works through the Store SPI alone; which store it gets is decided in assembly. */
  static final ArchRule CORE_KNOWS_NO_CONCRETE_STORE = noClasses()
      .that().resideInAPackage("io.twat.cache.internal.core..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.twat.cache.internal.store.db..", "io.twat.cache.internal.store.file..",
          "io.twat.cache.internal.store.memory..", "io.twat.cache.internal.store.tier..",
          "io.twat.cache.internal.assembly..")
      .as("internal.core never uses a concrete store or the assembly");

  /** The provider keeps the registry; it reaches stores only through the assembly. */
  static final ArchRule SPI_ASSEMBLES_NOTHING = noClasses()
      .that().resideInAPackage("io.twat.cache.spi..")
      .should().dependOnClassesThat().resideInAnyPackage("io.twat.cache.internal.store..")
      .as("spi never builds stores itself");

  /**
   * Configuration sits above the stores: it has its own setting values and the assembly maps
   * them to the stores' types.
   */
  static final ArchRule CONFIG_KNOWS_NO_STORE = noClasses()
      .that().resideInAPackage("io.twat.cache.internal.config..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.twat.cache.internal.store..", "io.twat.cache.internal.assembly..",
          "io.twat.cache.internal.core..")
      .as("internal.config never uses a store, the assembly or the core");

  /** The exported management package: MXBean interfaces and their value types, JDK only. */
  static final ArchRule MANAGEMENT_API_DEPENDS_ON_JDK_ONLY = classes()
      .that().resideInAPackage("io.twat.cache.management")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.twat.cache.management", "java..",
          "javax.management..")
      .as("the exported package io.twat.cache.management depends only on the JDK");

  /** Every package, each on its own: no two depend on each other, directly or around a loop. */
  static final ArchRule NO_PACKAGE_CYCLES = slices()
      .matching("io.twat.(**)")
      .should().beFreeOfCycles()
      .as("no cycles between the provider's packages");

  @Test
  void api_dependsOnlyOnTheJdkAndJCache() {
    API_DEPENDS_ON_JDK_AND_JCACHE_ONLY.check(provider);
  }

  @Test
  void stores_neverImportJCacheCoreOrConfig() {
    STORES_ARE_FREE_OF_JCACHE_CORE_AND_CONFIG.check(provider);
  }

  @Test
  void core_neverImportsAConcreteStore() {
    CORE_KNOWS_NO_CONCRETE_STORE.check(provider);
  }

  @Test
  void spi_leavesStoresToTheAssembly() {
    SPI_ASSEMBLES_NOTHING.check(provider);
  }

  @Test
  void config_neverImportsAStoreTheAssemblyOrTheCore() {
    CONFIG_KNOWS_NO_STORE.check(provider);
  }

  @Test
  void managementApi_dependsOnlyOnTheJdk() {
    MANAGEMENT_API_DEPENDS_ON_JDK_ONLY.check(provider);
  }

  @Test
  void packages_haveNoCycles() {
    NO_PACKAGE_CYCLES.check(provider);
  }
}
