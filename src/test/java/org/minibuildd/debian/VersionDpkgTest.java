package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Version} ordering against dpkg itself on real version strings from the machine's apt lists.
 *
 * <p>All pairs (at least 100 000: every adjacent pair after sorting plus seeded random pairs) go through the
 * {@code dpkg --compare-versions} binary itself, and through dpkg's Perl module ({@code Dpkg::Version}, one
 * process) as a second opinion. One exec per pair costs ~6 ms on our build machines, so the binary check takes a
 * few minutes on 2 cores; {@code -Ddpkg.binaryPairs=<n>} checks only a sample through the binary while iterating.
 */
class VersionDpkgTest {

    private static final int MIN_PAIRS = 100_000;
    private static final String DEFAULT_BINARY_PAIRS = "all";

    private record Pair(String a, String op, String b) {
        String line() {
            return a + " " + op + " " + b + "\n";
        }
    }

    @Test
    void ordersLikeDpkgOnRealVersions() throws Exception {
        long t0 = System.nanoTime();
        List<Pair> pairs = pairs();
        assertThat(pairs.size()).isGreaterThanOrEqualTo(MIN_PAIRS);

        String perl = "use strict; use Dpkg::Version; my $n = 0; while (my $l = <STDIN>) { chomp $l;"
                + " my ($a, $op, $b) = split / /, $l; my $r = version_compare($a, $b); $n++;"
                + " my $ok = $op eq 'lt' ? $r < 0 : $op eq 'eq' ? $r == 0 : $r > 0;"
                + " print \"MISMATCH $a $op $b\\n\" unless $ok; } print \"CHECKED $n\\n\";";
        List<String> perlOut = run(List.of("perl", "-e", perl), pairs);
        long t1 = System.nanoTime();

        String prop = System.getProperty("dpkg.binaryPairs", DEFAULT_BINARY_PAIRS);
        int binaryCount = prop.equals("all") ? pairs.size() : Math.min(pairs.size(), Integer.parseInt(prop));
        var shuffled = new ArrayList<>(pairs);
        java.util.Collections.shuffle(shuffled, new Random(7));
        List<Pair> sample = shuffled.subList(0, binaryCount);
        String loop = "n=0; while read a op b; do n=$((n+1)); dpkg --compare-versions \"$a\" \"$op\" \"$b\""
                + " || echo \"MISMATCH $a $op $b\"; done; echo \"CHECKED $n\"";
        // Own threads, not the common pool: on 2 cores its parallelism is 1 and the workers would run in turn.
        int parallel = Math.max(2, Runtime.getRuntime().availableProcessors());
        var binaryOut = new ArrayList<String>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(parallel)) {
            var workers = new ArrayList<java.util.concurrent.Future<List<String>>>();
            for (int w = 0; w < parallel; w++) {
                List<Pair> part = sample.subList(w * binaryCount / parallel, (w + 1) * binaryCount / parallel);
                workers.add(pool.submit(() -> run(List.of("sh", "-c", loop), part)));
            }
            for (var w : workers) {
                binaryOut.addAll(w.get(30, TimeUnit.MINUTES));
            }
        }
        long t2 = System.nanoTime();

        long perlChecked = checked(perlOut);
        long binaryChecked = checked(binaryOut);
        System.out.printf("VersionDpkgTest: %d pairs checked with dpkg's Dpkg::Version in %.1f s,"
                        + " %d of them with the dpkg --compare-versions binary in %.1f s%n",
                perlChecked, (t1 - t0) / 1e9, binaryChecked, (t2 - t1) / 1e9);
        assertThat(perlChecked).isEqualTo(pairs.size());
        assertThat(binaryChecked).isEqualTo(binaryCount);
        assertThat(mismatches(perlOut)).as("pairs where Dpkg::Version disagrees with Version").isEmpty();
        assertThat(mismatches(binaryOut)).as("pairs where dpkg --compare-versions disagrees with Version").isEmpty();
    }

    private static List<Pair> pairs() {
        var distinct = new TreeSet<String>();
        for (String text : AptLists.texts().values()) {
            for (String line : text.split("\n")) {
                if (line.startsWith("Version: ")) {
                    distinct.add(line.substring(9).strip());
                } else if (line.startsWith("Source: ") && line.endsWith(")") && line.indexOf('(') > 0) {
                    distinct.add(line.substring(line.indexOf('(') + 1, line.length() - 1));
                }
            }
        }
        assertThat(distinct).as("version strings in the apt lists").hasSizeGreaterThan(100);
        var sorted = new ArrayList<Version>(distinct.stream().map(Version::parse).toList());
        sorted.sort(null);
        var pairs = new ArrayList<Pair>();
        for (int i = 1; i < sorted.size(); i++) {
            pairs.add(pair(sorted.get(i - 1), sorted.get(i)));
        }
        var random = new Random(20240601L);
        while (pairs.size() < MIN_PAIRS + 10_000) {
            Version a = sorted.get(random.nextInt(sorted.size()));
            Version b = random.nextInt(50) == 0 ? a : sorted.get(random.nextInt(sorted.size()));
            pairs.add(pair(a, b));
        }
        return pairs;
    }

    private static Pair pair(Version a, Version b) {
        int c = a.compareTo(b);
        return new Pair(a.toString(), c < 0 ? "lt" : c == 0 ? "eq" : "gt", b.toString());
    }

    /** Feeds the pairs from a file (no pipe to keep filled) and collects the command's output. */
    private static List<String> run(List<String> command, List<Pair> pairs) {
        try {
            var input = java.nio.file.Files.createTempFile("dpkg-pairs", ".txt");
            try {
                try (Writer w = java.nio.file.Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                    for (Pair pair : pairs) {
                        w.write(pair.line());
                    }
                }
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(input.toFile()).start();
                List<String> lines;
                try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    lines = r.lines().toList();
                }
                assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
                return lines;
            } finally {
                java.nio.file.Files.deleteIfExists(input);
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("running " + command.getFirst() + " failed", e);
        }
    }

    private static long checked(List<String> out) {
        return out.stream().filter(l -> l.startsWith("CHECKED ")).mapToLong(l -> Long.parseLong(l.substring(8)))
                .sum();
    }

    private static List<String> mismatches(List<String> out) {
        return out.stream().filter(l -> !l.startsWith("CHECKED ")).limit(20).toList();
    }
}
