/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;

/**
 * Turns JMH's JSON result ({@code -rf json}) into {@code results.md}, a Markdown table per
 * workload, and a bar chart per workload: {@code throughput.png} (heap), {@code disk.png} (disk
 * and open) and {@code durable.png} (issue #18's durable puts and disk gets by thread count).
 *
 * <p>Every figure is the median of the measurement iterations (robust to the odd iteration
 * that another process on the machine slowed down), shown with the spread of the iterations
 * (min–max) and its ratio to the workload's baseline subject measured in the same run. The
 * targets of issues #6 and #18 are checked at the end; the machine, JDK and date head the file.
 * If {@code heap-bytes-per-entry.csv} (written by {@link HeapFootprint}) is next to the output,
 * its figures are added.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.twat.cache.benchmarks.Report jmh-result.json outDir}
 */
public final class Report {
  /** The heap tables, in order: JMH benchmark method, title, baseline subject. */
  private static final List<Section> HEAP_SECTIONS =
      List.of(
          new Section("HeapBenchmark.get", "get (hit)", Subject.HEAP_BASELINE, Unit.OPS),
          new Section("HeapBenchmark.put", "put (overwrite)", Subject.HEAP_BASELINE, Unit.OPS),
          new Section("HeapBenchmark.mixed", "90% get / 10% put", Subject.HEAP_BASELINE, Unit.OPS),
          new Section(
              "ByValueBenchmark.get",
              "store-by-value get (mutable value)",
              Subject.HEAP_BASELINE,
              Unit.OPS));

  /**
   * The disk tables; a benchmark with an {@code entries} parameter is named with it after an '@'.
   */
  private static final List<Section> DISK_SECTIONS =
      List.of(
          new Section(
              "DiskBenchmark.get@100000",
              "disk get (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DiskBenchmark.put@100000",
              "disk put (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DiskBenchmark.get@10000",
              "disk get (1 KiB, 10k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DiskBenchmark.get@1000000",
              "disk get (1 KiB, 1M entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "OpenBenchmark.open@100000",
              "open with 100k entries",
              Subject.DISK_BASELINE,
              Unit.MILLIS),
          new Section(
              "OpenBenchmark.open@1000000",
              "open with 1M entries",
              Subject.DISK_BASELINE,
              Unit.MILLIS));

  /**
   * Issue #18's workloads by thread count: the durable put (a put that returned survives {@code
   * kill -9}) and the disk get, at 1, 2 and 16 threads, charted apart from the other disk
   * workloads.
   */
  private static final List<Section> DURABLE_SECTIONS =
      List.of(
          new Section(
              "DurablePutBenchmark.put1@100000",
              "durable put, 1 thread (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DurablePutBenchmark.put2@100000",
              "durable put, 2 threads (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DurablePutBenchmark.put16@100000",
              "durable put, 16 threads (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DiskBenchmark.get1@100000",
              "disk get, 1 thread (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DiskBenchmark.get@100000",
              "disk get, 2 threads (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS),
          new Section(
              "DiskBenchmark.get16@100000",
              "disk get, 16 threads (1 KiB, 100k entries)",
              Subject.DISK_BASELINE,
              Unit.OPS));

  /**
   * The targets of issues #6 and #18: a ratio of medians at least {@code atLeast}, or a time at
   * most {@code atMost} ms.
   */
  private static final List<Target> TARGETS =
      List.of(
          new Target(
              "twat:memory bounded, get",
              "HeapBenchmark.get",
              Subject.TWAT_MEMORY_BOUNDED,
              Subject.RAW_CAFFEINE_BOUNDED,
              1.0),
          new Target(
              "twat:memory bounded, get",
              "HeapBenchmark.get",
              Subject.TWAT_MEMORY_BOUNDED,
              Subject.EHCACHE_HEAP,
              4.0),
          new Target(
              "twat:memory unbounded, by reference, get",
              "HeapBenchmark.get",
              Subject.TWAT_MEMORY_UNBOUNDED,
              Subject.CAFFEINE_JCACHE_UNBOUNDED,
              1.0),
          new Target(
              "twat:memory, store-by-value mutable value, get",
              "ByValueBenchmark.get",
              Subject.TWAT_MEMORY_UNBOUNDED,
              Subject.CAFFEINE_JCACHE_UNBOUNDED,
              2.0),
          new Target(
              "twat:file, get",
              "DiskBenchmark.get@100000",
              Subject.TWAT_FILE,
              Subject.EHCACHE_HEAP_DISK,
              3.0),
          new Target(
              "twat:file, put",
              "DiskBenchmark.put@100000",
              Subject.TWAT_FILE,
              Subject.EHCACHE_HEAP_DISK,
              1.0),
          new Target(
              "twat:db, get",
              "DiskBenchmark.get@100000",
              Subject.TWAT_DB,
              Subject.EHCACHE_HEAP_DISK,
              5.0),
          new Target(
              "twat:db, put",
              "DiskBenchmark.put@100000",
              Subject.TWAT_DB,
              Subject.EHCACHE_HEAP_DISK,
              1.0),
          new Target(
              "twat:file, durable put, 2 threads (issue #18, 2 cores)",
              "DurablePutBenchmark.put2@100000",
              Subject.TWAT_FILE,
              Subject.EHCACHE_HEAP_DISK,
              0.5),
          new Target(
              "twat:db, durable put, 2 threads (issue #18, 2 cores)",
              "DurablePutBenchmark.put2@100000",
              Subject.TWAT_DB,
              Subject.EHCACHE_HEAP_DISK,
              0.5),
          new Target(
              "twat:file, durable put, 16 threads (issue #18, meant for 16 cores)",
              "DurablePutBenchmark.put16@100000",
              Subject.TWAT_FILE,
              Subject.EHCACHE_HEAP_DISK,
              1.0),
          new Target(
              "twat:db, durable put, 16 threads (issue #18, meant for 16 cores)",
              "DurablePutBenchmark.put16@100000",
              Subject.TWAT_DB,
              Subject.EHCACHE_HEAP_DISK,
              1.0),
          new Target(
              "twat:db, get, 16 threads (issue #18, meant for 16 cores)",
              "DiskBenchmark.get16@100000",
              Subject.TWAT_DB,
              Subject.RAW_MVSTORE,
              0.5),
          new Target(
              "twat:universal, heap hit",
              "HeapBenchmark.get",
              Subject.TWAT_UNIVERSAL,
              Subject.TWAT_MEMORY_BOUNDED,
              0.8),
          new Target(
              "twat:file, open with 1M entries",
              "OpenBenchmark.open@1000000",
              Subject.TWAT_FILE,
              null,
              1000.0),
          new Target(
              "twat:db, open with 1M entries",
              "OpenBenchmark.open@1000000",
              Subject.TWAT_DB,
              null,
              1000.0),
          new Target(
              "twat:universal, open with 1M entries",
              "OpenBenchmark.open@1000000",
              Subject.TWAT_UNIVERSAL,
              null,
              1000.0));

  private static final String CHART = "throughput.png";
  private static final String DISK_CHART = "disk.png";
  private static final String DURABLE_CHART = "durable.png";

  private Report() {
  }

  /**
   * Writes the report.
   *
   * @param args the JMH JSON result and the output folder
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: Report <jmh-result.json>... <output folder>");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    List<Path> jsons = new ArrayList<>();
    for (int i = 0; i < args.length - 1; i++) {
      jsons.add(Path.of(args[i]));
    }
    Path out = Path.of(args[args.length - 1]);
    Files.createDirectories(out);
    Run run = Run.read(jsons);
    Files.writeString(out.resolve("results.md"), markdown(run, out), StandardCharsets.UTF_8);
    chart(run, HEAP_SECTIONS, 2, out.resolve(CHART));
    chart(run, DISK_SECTIONS, 2, out.resolve(DISK_CHART));
    chart(run, DURABLE_SECTIONS, 3, out.resolve(DURABLE_CHART)); // puts above, gets below
    System.out.println(
        "Wrote "
            + out.resolve("results.md")
            + " and the charts of the workloads it has: "
            + String.join(", ", CHART, DISK_CHART, DURABLE_CHART));
  }

  // ---------------------------------------------------------------- reading

  /** One subject's result in one workload: the measurement iterations of all forks. */
  @SuppressWarnings("ArrayRecordComponent") // read once into a table, never compared
  record Result(double[] iterations) {
    double median() {
      double[] s = iterations.clone();
      Arrays.sort(s);
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    double min() {
      return Arrays.stream(iterations).min().orElseThrow();
    }

    double max() {
      return Arrays.stream(iterations).max().orElseThrow();
    }
  }

  /**
   * What a section's figures are: throughput (more is better) or time per open (less is better).
   */
  enum Unit {
    OPS, MILLIS
  }

  record Section(String benchmark, String title, Subject baseline, Unit unit) {
  }

  /**
   * A goal: {@code subject}'s median at least {@code goal} times {@code against}'s, or, with no
   * {@code against}, a time of at most {@code goal} milliseconds.
   */
  record Target(String what, String benchmark, Subject subject, Subject against, double goal) {
  }

  /** A JMH run: its settings and results by benchmark and subject. */
  record Run(
      JsonObject first,
      Map<String, Map<Subject, Result>> results,
      String date,
      Map<String, String> settingsByBenchmark,
      Map<String, Integer> expected,
      String threads) {
    /**
     * The forks, warm-up and measurement of each benchmark, grouped, e.g. "2 forks, 4 × 1 s
     * warm-up, 5 × 1 s measurement (HeapBenchmark); 1 fork, ... (DiskBenchmark.get1)": the parts
     * of a suite may run with different settings. A class stands for its benchmarks when they all
     * ran with the same settings.
     */
    String settings() {
      Map<String, Set<String>> settingsOfClass = new LinkedHashMap<>();
      settingsByBenchmark.forEach((b, w) -> settingsOfClass
          .computeIfAbsent(b.substring(0, b.indexOf('.')), c -> new TreeSet<>()).add(w));
      Map<String, Set<String>> namesBySettings = new LinkedHashMap<>();
      settingsByBenchmark.forEach((b, w) -> {
        String type = b.substring(0, b.indexOf('.'));
        namesBySettings.computeIfAbsent(w, x -> new LinkedHashSet<>())
            .add(settingsOfClass.get(type).size() == 1 ? type : b);
      });
      if (namesBySettings.size() == 1) {
        return namesBySettings.keySet().iterator().next();
      }
      List<String> parts = new ArrayList<>();
      namesBySettings.forEach((w, names) -> parts.add(w + " (" + String.join(", ", names) + ")"));
      return String.join("; ", parts);
    }

    private static String settingsOf(JsonObject o) {
      boolean singleShot = o.get("mode").getAsString().equals("ss");
      String forks = o.get("forks").getAsString();
      return forks
          + (forks.equals("1") ? " fork, " : " forks, ")
          + iterations(o, "warmup", singleShot)
          + " warm-up, "
          + iterations(o, "measurement", singleShot)
          + " measurement";
    }

    private static String iterations(JsonObject o, String phase, boolean singleShot) {
      String count = o.get(phase + "Iterations").getAsString();
      return singleShot
          ? count + " single shots"
          : count + " × " + o.get(phase + "Time").getAsString();
    }

    /** Reads the results of one or more JMH runs (parts of one suite, run one after another). */
    static Run read(List<Path> jsons) throws IOException {
      JsonArray array = new JsonArray();
      java.nio.file.attribute.FileTime newest = null;
      for (Path json : jsons) {
        try (Reader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
          JsonArray part = JsonParser.parseReader(reader).getAsJsonArray();
          if (part.isEmpty()) {
            throw new IllegalArgumentException(json + " holds no results");
          }
          array.addAll(part);
        }
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(json);
        newest = newest == null || modified.compareTo(newest) > 0 ? modified : newest;
      }
      Map<String, Map<Subject, Result>> results = new LinkedHashMap<>();
      Map<String, String> settingsByBenchmark = new LinkedHashMap<>();
      Map<String, Integer> expected = new LinkedHashMap<>();
      Set<Integer> threadCounts = new TreeSet<>();
      for (JsonElement element : array) {
        JsonObject o = element.getAsJsonObject();
        threadCounts.add(o.get("threads").getAsInt());
        String benchmark = o.get("benchmark").getAsString();
        benchmark =
            benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        settingsByBenchmark.put(benchmark, settingsOf(o));
        JsonObject params = o.getAsJsonObject("params");
        if (params == null || !params.has("subject")) {
          // A benchmark outside the side-by-side comparison (no subject parameter): not tabled
          // here.
          System.err.println(
              "Report: leaving out " + benchmark + ", which has no subject parameter");
          continue;
        }
        Subject subject = Subject.valueOf(params.get("subject").getAsString());
        if (params.has("entries")) {
          benchmark = benchmark + "@" + params.get("entries").getAsString();
        }
        List<Double> values = new ArrayList<>();
        for (JsonElement fork : o.getAsJsonObject("primaryMetric").getAsJsonArray("rawData")) {
          for (JsonElement v : fork.getAsJsonArray()) {
            values.add(v.getAsDouble());
          }
        }
        expected.put(
            benchmark, o.get("measurementIterations").getAsInt() * o.get("forks").getAsInt());
        results.computeIfAbsent(benchmark, b -> new EnumMap<>(Subject.class))
            .put(subject, new Result(values.stream().mapToDouble(Double::doubleValue).toArray()));
      }
      String date =
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC (when the newest input file was "
                  + "written; older input files may hold older runs)'", Locale.ROOT)
              .format(newest.toInstant().atZone(ZoneOffset.UTC));
      String threads = threadCounts.stream().map(String::valueOf)
          .collect(Collectors.joining(", "))
          + (threadCounts.size() > 1 ? " threads (each table's title says which)" : " threads");
      return new Run(array.get(0).getAsJsonObject(), results, date, settingsByBenchmark, expected,
          threads);
    }

    Optional<Result> get(String benchmark, Subject subject) {
      return Optional.ofNullable(results.getOrDefault(benchmark, Map.of()).get(subject));
    }

    /**
     * Measurement iterations a complete result of {@code benchmark} has: iterations times forks.
     */
    int expectedIterations(String benchmark) {
      return expected.getOrDefault(benchmark, 0);
    }

    String setting(String key) {
      JsonElement e = first.get(key);
      return e == null ? "?" : e.getAsString();
    }
  }

  // ---------------------------------------------------------------- Markdown

  private static String markdown(Run run, Path out) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# twat-cache benchmark results\n\n");
    md.append("- Date: ").append(run.date()).append('\n');
    md.append("- Machine: ").append(Machine.describe()).append('\n');
    md.append("- JDK: ")
        .append(run.setting("jdkVersion"))
        .append(", ")
        .append(run.setting("vmName"))
        .append(' ')
        .append(run.setting("vmVersion"))
        .append("; fork JVM options: ")
        .append(run.first().get("jvmArgs"))
        .append('\n');
    md.append("- JMH ")
        .append(run.setting("jmhVersion"))
        .append(", ")
        .append(run.threads())
        .append(": ")
        .append(run.settings())
        .append('\n');
    md.append("- Workload: ").append(workloadDescription()).append("\n\n");
    md.append(
        "Throughput in operations per second (all threads together): the **median** of the"
            + " measurement iterations, the spread (min–max) of those iterations, and the ratio of"
            + " the median to the median of the baseline (raw bounded Caffeine) in the same run."
            + " The machine is shared and has 2 cores for 2 benchmark threads plus JIT and GC, so"
            + " spreads are wide; read ratios below about 1.3× as a tie.\n\n");
    if (HEAP_SECTIONS.stream().anyMatch(w -> run.results().containsKey(w.benchmark()))) {
      md.append("![throughput](").append(CHART).append(")\n\n");
      md.append(summary(run)).append('\n');
    }
    if (DISK_SECTIONS.stream().anyMatch(w -> run.results().containsKey(w.benchmark()))) {
      md.append("Disk workloads: ")
          .append(
              String.format(
                  Locale.ROOT,
                  "1 KiB byte[] values under uniformly drawn Integer keys (a stream of %,d picks),"
                      + " data sets kept on disk between trials; ratios against the raw H2 MVStore"
                      + " map. Ehcache 3 heap+disk keeps %,d entries in its heap tier. Open: single"
                      + " shots from nothing open to the first get answered, in milliseconds (less"
                      + " is better).\n\n",
                  DiskWorkload.STREAM,
                  DiskHandles.EHCACHE_HEAP_ENTRIES));
      md.append("![disk](").append(DISK_CHART).append(")\n\n");
    }
    if (DURABLE_SECTIONS.stream().anyMatch(w -> run.results().containsKey(w.benchmark()))) {
      md.append("Durable puts (a put that returned survives `kill -9`: `twat:file` by default,"
              + " `twat:db` at `durability=process`; Ehcache's disk tier and the raw MVStore map"
              + " keep nothing safe at that moment) and disk gets, by thread count. Figures at"
              + " more threads than the machine has cores show contention, not scaling.\n\n");
      md.append("![durable](").append(DURABLE_CHART).append(")\n\n");
    }
    for (Section w : sections()) {
      Map<Subject, Result> rows = run.results().get(w.benchmark());
      if (rows == null) {
        continue;
      }
      Optional<Result> base = run.get(w.benchmark(), w.baseline());
      md.append("## ").append(w.title()).append("\n\n");
      md.append("| subject | median ")
          .append(w.unit() == Unit.OPS ? "ops/s" : "ms")
          .append(" | spread (min–max) | × ")
          .append(w.baseline().label())
          .append(" |\n");
      md.append("|---|--:|--:|--:|\n");
      for (Map.Entry<Subject, Result> row : rows.entrySet()) {
        Result r = row.getValue();
        md.append("| ")
            .append(row.getKey().label())
            .append(
                r.iterations().length < run.expectedIterations(w.benchmark())
                    ? " (incomplete: the trial failed)"
                    : "")
            .append(" | ")
            .append(figure(w.unit(), r.median()))
            .append(" | ")
            .append(figure(w.unit(), r.min()))
            .append(" – ")
            .append(figure(w.unit(), r.max()))
            .append(" | ")
            .append(base.map(b -> ratio(r.median() / b.median())).orElse("–"))
            .append(" |\n");
      }
      md.append('\n');
    }
    md.append("## Targets (issues #6 and #18)\n\n");
    md.append(
        "Ratio of medians; in brackets the ratio's range over the iterations (worst subject"
            + " iteration over best reference iteration, and the reverse).\n\n");
    md.append(
        "| target | subject / reference | ratio [range] | goal | met |\n|---|---|--:|--:|---|\n");
    for (Target t : TARGETS) {
      Optional<Result> a = run.get(t.benchmark(), t.subject());
      Optional<Result> b =
          t.against() == null ? Optional.empty() : run.get(t.benchmark(), t.against());
      if (t.against() == null) {
        md.append("| ").append(t.what()).append(" | ").append(t.subject().label()).append(" | ");
        if (a.isPresent()) {
          md.append(figure(Unit.MILLIS, a.get().median()))
              .append(" ms [")
              .append(figure(Unit.MILLIS, a.get().min()))
              .append(" – ")
              .append(figure(Unit.MILLIS, a.get().max()))
              .append("] | ≤ ")
              .append(figure(Unit.MILLIS, t.goal()))
              .append(" ms | ")
              .append(a.get().median() <= t.goal() ? "yes" : "**no**");
        } else {
          md.append("not measured | ≤ ").append(figure(Unit.MILLIS, t.goal())).append(" ms | –");
        }
        md.append(" |\n");
        continue;
      }
      md.append("| ").append(t.what()).append(" | ").append(t.subject().label()).append(" / ")
          .append(t.against().label()).append(" | ");
      if (a.isPresent() && b.isPresent()) {
        double ratio = a.get().median() / b.get().median();
        md.append(ratio(ratio))
            .append(" [")
            .append(ratio(a.get().min() / b.get().max()))
            .append(" – ")
            .append(ratio(a.get().max() / b.get().min()))
            .append("] | ≥ ")
            .append(ratio(t.goal()))
            .append(" | ")
            .append(ratio >= t.goal() ? "yes" : "**no**");
      } else {
        md.append("not measured | ≥ ").append(ratio(t.goal())).append(" | –");
      }
      md.append(" |\n");
    }
    md.append('\n');
    Path footprint = out.resolve("heap-bytes-per-entry.csv");
    if (Files.exists(footprint)) {
      md.append("## Heap bytes per entry\n\n");
      md.append("Measured by `HeapFootprint` (not JMH): ")
          .append(HeapFootprint.ENTRIES)
          .append(
              " Integer→String entries per subject, each subject in its own JVM with the serial GC;"
                  + " used heap after full GCs, filled minus empty, over the entries. Keys and"
                  + " values are alive in both measurements and do not count: the figure is what"
                  + " the cache adds per entry (bounded subjects: bound = 2 × entries).\n\n");
      md.append("| subject | bytes per entry |\n|---|--:|\n");
      for (String line : Files.readAllLines(footprint, StandardCharsets.UTF_8).subList(1,
          Files.readAllLines(footprint, StandardCharsets.UTF_8).size())) {
        String[] cells = line.split(",", -1);
        md.append("| ")
            .append(Subject.valueOf(cells[0]).label())
            .append(" | ")
            .append(cells[1])
            .append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** One table of every workload: median, spread and ratio per cell. */
  private static String summary(Run run) {
    StringBuilder md =
        new StringBuilder(
            "## Summary\n\nMedian ops/s, (min–max), × raw bounded Caffeine.\n\n| subject |");
    StringBuilder rule = new StringBuilder("|---|");
    for (Section w : HEAP_SECTIONS) {
      md.append(' ').append(w.title()).append(" |");
      rule.append("--:|");
    }
    md.append('\n').append(rule).append('\n');
    for (Subject subject : Subject.values()) {
      if (HEAP_SECTIONS.stream().noneMatch(w -> run.get(w.benchmark(), subject).isPresent())) {
        continue;
      }
      md.append("| ").append(subject.label()).append(" |");
      for (Section w : HEAP_SECTIONS) {
        Optional<Result> r = run.get(w.benchmark(), subject);
        Optional<Result> base = run.get(w.benchmark(), w.baseline());
        md.append(' ')
            .append(
                r.map(
                        x ->
                            ops(x.median())
                                + " ("
                                + ops(x.min())
                                + "–"
                                + ops(x.max())
                                + ") "
                                + base.map(b -> ratio(x.median() / b.median())).orElse(""))
                    .orElse("–"))
            .append(" |");
      }
      md.append('\n');
    }
    return md.toString();
  }

  /** Describes the heap workload for the record. */
  private static String workloadDescription() {
    return String.format(
        Locale.ROOT,
        "%,d Integer keys, a stream of %,d Zipf(%.2f) picks (hottest key %.1f%% of picks, %,d"
            + " distinct keys picked), values String (heap) or a small mutable Serializable (by"
            + " value); bounded caches bound = %d × entries",
        Workload.ENTRIES,
        Workload.STREAM,
        Workload.ZIPF_EXPONENT,
        100 * Workload.hottestShare(),
        Workload.distinctKeys(),
        Workload.BOUND_FACTOR);
  }

  private static List<Section> sections() {
    // The 2-thread disk get is a disk workload and a panel of the durable chart: one table.
    Map<String, Section> all = new LinkedHashMap<>();
    for (List<Section> part : List.of(HEAP_SECTIONS, DISK_SECTIONS, DURABLE_SECTIONS)) {
      part.forEach(w -> all.putIfAbsent(w.benchmark(), w));
    }
    return List.copyOf(all.values());
  }

  private static String figure(Unit unit, double v) {
    if (unit == Unit.MILLIS) {
      return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }
    return ops(v);
  }

  private static String ops(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1f M", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.0f k", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.2f×", r);
  }

  // ---------------------------------------------------------------- chart

  /**
   * One bar chart per workload, at most {@code maxColumns} in a row: a bar per subject, labelled
   * under the axis, each subject in the same colour in every panel; y in millions (heap) or
   * thousands (disk) of ops/s, linear, so that ratios read off the bar heights. Each subject is a
   * series of its own (a value at its own category, none elsewhere, overlapped) only to get its
   * own colour.
   */
  private static void chart(Run run, List<Section> sections, int maxColumns, Path png)
      throws IOException {
    List<Section> measured =
        sections.stream().filter(w -> run.results().containsKey(w.benchmark())).toList();
    if (measured.isEmpty()) {
      return;
    }
    List<Subject> subjects =
        Arrays.stream(Subject.values())
            .filter(s -> measured.stream().anyMatch(w -> run.get(w.benchmark(), s).isPresent()))
            .toList();
    List<String> labels = subjects.stream().map(Subject::label).toList();
    List<CategoryChart> charts = new ArrayList<>();
    for (Section w : measured) {
      Map<Subject, Result> rows = run.results().getOrDefault(w.benchmark(), Map.of());
      boolean millis = w.unit() == Unit.MILLIS;
      double scale = millis ? 1 : w.baseline() == Subject.DISK_BASELINE ? 1e3 : 1e6;
      String unit = millis ? "ms (less is better)" : scale == 1e3 ? "k ops/s" : "M ops/s";
      CategoryChart chart = new CategoryChartBuilder().width(800).height(560)
          .title(w.title() + ": median, " + unit).yAxisTitle(unit).build();
      CategoryStyler styler = chart.getStyler();
      styler.setLegendVisible(false);
      styler.setChartBackgroundColor(Color.WHITE);
      styler.setPlotGridVerticalLinesVisible(false);
      styler.setOverlapped(true);
      styler.setAvailableSpaceFill(0.8);
      styler.setXAxisLabelRotation(35);
      styler.setLabelsVisible(true);
      styler.setLabelsFontColorAutomaticEnabled(false);
      styler.setLabelsFontColor(Color.BLACK);
      styler.setLabelsPosition(1.0);
      styler.setDecimalPattern(w.benchmark().startsWith("ByValue") ? "0.00" : "0.0");
      styler.setYAxisMin(0.0);
      for (Subject subject : subjects) {
        List<Double> y = new ArrayList<>();
        for (Subject at : subjects) {
          Result r = rows.get(subject);
          y.add(at == subject && r != null ? r.median() / scale : null);
        }
        chart.addSeries(subject.label(), labels, y);
      }
      charts.add(chart);
    }
    int columns = Math.min(maxColumns, charts.size());
    BitmapEncoder.saveBitmap(
        charts,
        (charts.size() + columns - 1) / columns,
        columns,
        png.toString(),
        BitmapEncoder.BitmapFormat.PNG);
  }

  /** Describes the machine the report is made on (the same one that ran the benchmarks). */
  static final class Machine {
    private Machine() {
    }

    static String describe() throws IOException {
      String cpu = "?";
      Path cpuinfo = Path.of("/proc/cpuinfo");
      if (Files.isReadable(cpuinfo)) {
        cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
      }
      String memory = "";
      Path meminfo = Path.of("/proc/meminfo");
      if (Files.isReadable(meminfo)) {
        memory = Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal"))
            .map(l -> String.format(Locale.ROOT, ", %.0f GiB RAM",
                Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
            .findFirst().orElse("");
      }
      return cpu
          + ", "
          + Runtime.getRuntime().availableProcessors()
          + " cores (`nproc`)"
          + memory
          + ", "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.version")
          + ", shared with other work";
    }
  }
}
