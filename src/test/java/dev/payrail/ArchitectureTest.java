package dev.payrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Package dependencies of the main code, read from the sources (imports and fully qualified
 * names; comments are ignored). A sub-package counts as its top-level package under
 * {@code dev.payrail}: {@code connector.paypal} is {@code connector}.
 *
 * <p>Checked: no cycle among {@link #CHECKED}, and none of the {@link #FORBIDDEN} dependencies.
 */
class ArchitectureTest {

    /** The top-level packages among which no dependency cycle may exist. */
    static final List<String> CHECKED = List.of("connector", "payment", "refund", "webhook", "event", "billing");

    /** Dependencies that must not exist at all: {from, to}. */
    static final List<List<String>> FORBIDDEN = List.of(
            List.of("connector", "payment"), List.of("connector", "refund"), List.of("connector", "webhook"),
            List.of("payment", "refund"), List.of("payment", "webhook"), List.of("event", "payment"),
            List.of("payment", "billing"), List.of("customer", "billing"));

    /**
     * Files whose dependencies the rules ignore: none. An entry needs a reason written next to it, and
     * {@link #toleratedFilesStillExist} fails once the file it names has moved.
     */
    static final Set<String> TOLERATED = Set.of();

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.payrail\\.([a-z][a-z0-9_]*)\\.");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Source folders of the main code: src/main/java and any other src/<x>/java but tests and load tests. */
    static List<Path> sourceRoots() {
        try (Stream<Path> dirs = Files.list(Path.of("src"))) {
            return dirs.filter(d -> !Set.of("test", "load").contains(d.getFileName().toString()))
                    .map(d -> d.resolve("java")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** from → to → the files (relative to their source root) making that dependency. */
    static Map<String, Map<String, Set<String>>> dependencies(List<Path> roots, Set<String> ignored) {
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        for (Path root : roots) {
            Path base = root.resolve("dev/payrail");
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    Path inPayrail = base.relativize(file);
                    if (ignored.contains(relative) || inPayrail.getNameCount() < 2) {
                        continue;
                    }
                    String from = inPayrail.getName(0).toString();
                    String code = COMMENTS.matcher(Files.readString(file)).replaceAll("");
                    Matcher m = REFERENCE.matcher(code);
                    while (m.find()) {
                        String to = m.group(1);
                        if (!to.equals(from)) {
                            graph.computeIfAbsent(from, k -> new TreeMap<>()).computeIfAbsent(to, k -> new TreeSet<>())
                                    .add(relative);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return graph;
    }

    /** Every cycle among {@code packages} (dependencies between them only), each as a path a → … → a. */
    static List<List<String>> cycles(Map<String, Map<String, Set<String>>> graph, List<String> packages) {
        List<List<String>> found = new ArrayList<>();
        for (String start : packages) {
            walk(graph, packages, start, new ArrayList<>(List.of(start)), found);
        }
        return found;
    }

    private static void walk(Map<String, Map<String, Set<String>>> graph, List<String> packages, String start,
            List<String> path, List<List<String>> found) {
        String last = path.get(path.size() - 1);
        for (String next : graph.getOrDefault(last, Map.of()).keySet()) {
            if (!packages.contains(next)) {
                continue;
            }
            if (next.equals(start)) {
                // report each cycle once: from its alphabetically first package
                if (path.stream().allMatch(p -> p.compareTo(start) >= 0)) {
                    List<String> cycle = new ArrayList<>(path);
                    cycle.add(start);
                    found.add(cycle);
                }
            } else if (!path.contains(next)) {
                path.add(next);
                walk(graph, packages, start, path, found);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String describe(Map<String, Map<String, Set<String>>> graph, List<String> cycle) {
        StringBuilder sb = new StringBuilder(String.join(" -> ", cycle));
        for (int i = 0; i + 1 < cycle.size(); i++) {
            sb.append("\n    ").append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1)).append(": ")
                    .append(graph.get(cycle.get(i)).get(cycle.get(i + 1)));
        }
        return sb.toString();
    }

    @Test
    void noCycleAmongConnectorPaymentRefundWebhookAndEvent() {
        var graph = dependencies(sourceRoots(), TOLERATED);
        List<List<String>> cycles = cycles(graph, CHECKED);
        assertTrue(cycles.isEmpty(), () -> "package cycles among " + CHECKED + ":\n  "
                + String.join("\n  ", cycles.stream().map(c -> describe(graph, c)).toList()));
    }

    @Test
    void noForbiddenDependency() {
        var graph = dependencies(sourceRoots(), TOLERATED);
        List<String> violations = new ArrayList<>();
        for (List<String> rule : FORBIDDEN) {
            Set<String> files = graph.getOrDefault(rule.get(0), Map.of()).get(rule.get(1));
            if (files != null) {
                violations.add(rule.get(0) + " -> " + rule.get(1) + ": " + files);
            }
        }
        assertTrue(violations.isEmpty(), () -> "forbidden dependencies:\n  " + String.join("\n  ", violations));
    }

    @Test
    void toleratedFilesStillExist() {
        for (String file : TOLERATED) {
            assertTrue(sourceRoots().stream().anyMatch(root -> Files.exists(root.resolve(file))),
                    file + " has moved: delete it from ArchitectureTest.TOLERATED so that the rules apply to everything");
        }
    }

    @Test
    void theCheckerFindsCyclesAndReadsFullyQualifiedNames() throws IOException {
        Path root = Files.createTempDirectory("arch").resolve("java");
        write(root, "dev/payrail/a/A.java", "package dev.payrail.a;\nimport dev.payrail.b.B;\nclass A {}");
        write(root, "dev/payrail/b/deep/B.java", "package dev.payrail.b.deep;\nclass B { Object o = dev.payrail.c.C.X; }");
        write(root, "dev/payrail/c/C.java", "package dev.payrail.c;\n// dev.payrail.d.D in a comment\n"
                + "/** {@link dev.payrail.d.D} */ class C { dev.payrail.a.A a; }");
        var graph = dependencies(List.of(root), Set.of());
        assertEquals(Set.of("b"), graph.get("a").keySet());
        assertEquals(Set.of("c"), graph.get("b").keySet());
        assertEquals(Set.of("a"), graph.get("c").keySet(), "comments are not dependencies");
        assertEquals(List.of(List.of("a", "b", "c", "a")), cycles(graph, List.of("a", "b", "c")));
        assertEquals(List.of(), cycles(graph, List.of("a", "b")), "only dependencies among the listed packages count");
        assertEquals(List.of(), cycles(dependencies(List.of(root), Set.of("dev/payrail/c/C.java")), List.of("a", "b", "c")));
    }

    private static void write(Path root, String file, String content) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
