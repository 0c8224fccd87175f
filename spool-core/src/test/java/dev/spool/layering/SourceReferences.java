package dev.spool.layering;

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

/**
 * Which top-level classes of a source tree refer to which others: through single-type, static and
 * wildcard imports, fully qualified names in the code, and simple names of classes in the same package.
 * For tests of the layering; it reads source text, so it needs no compiler.
 */
final class SourceReferences {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_]\\w*\\.)+[A-Z]\\w*");
    /** Block and line comments, and string and char literals: their text names nothing the code uses. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);

    /** Class name to the classes it refers to (other than itself). */
    private final Map<String, Set<String>> references = new TreeMap<>();

    private SourceReferences() {
    }

    /** Reads every {@code .java} file under {@code root} (a source root such as {@code src/main/java}). */
    static SourceReferences scan(Path root) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                String name = f.getFileName().toString().replace(".java", "");
                if (name.equals("module-info") || name.equals("package-info")) {
                    continue;
                }
                Matcher m = PACKAGE.matcher(text);
                String pkg = m.find() ? m.group(1) : "";
                sources.put(pkg.isEmpty() ? name : pkg + "." + name, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourceReferences refs = new SourceReferences();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            refs.references.put(e.getKey(), refs.referencesOf(e.getKey(), e.getValue(), sources.keySet()));
        }
        return refs;
    }

    private Set<String> referencesOf(String self, String text, Set<String> known) {
        Set<String> found = new TreeSet<>();
        List<String> openPackages = new ArrayList<>();
        openPackages.add(packageOf(self));
        Matcher imports = IMPORT.matcher(text);
        while (imports.find()) {
            if (imports.group(3) != null && imports.group(1) == null) {
                openPackages.add(imports.group(2));
            } else {
                addKnown(imports.group(2), known, found);
            }
        }
        String code = NOT_CODE.matcher(text.replaceAll("(?m)^\\s*(package|import)\\s[^;]*;", "")).replaceAll(" ");
        Matcher q = QUALIFIED.matcher(code);
        while (q.find()) {
            addKnown(q.group(), known, found);
        }
        for (String k : known) {
            if (openPackages.contains(packageOf(k))
                    && Pattern.compile("\\b" + simpleName(k) + "\\b").matcher(code).find()) {
                found.add(k);
            }
        }
        found.remove(self);
        return found;
    }

    /** Adds the known class a dotted name starts with ({@code a.B.C} is nested class C of a.B). */
    private static void addKnown(String dotted, Set<String> known, Set<String> found) {
        String n = dotted;
        while (!known.contains(n) && n.lastIndexOf('.') > 0) {
            n = n.substring(0, n.lastIndexOf('.'));
        }
        if (known.contains(n)) {
            found.add(n);
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The classes found. */
    Set<String> classes() {
        return references.keySet();
    }

    /** The classes {@code className} refers to. */
    Set<String> referencesOf(String className) {
        return references.getOrDefault(className, Set.of());
    }

    /**
     * Pairs of classes that refer to each other where one is under {@code innerPackage} and the other
     * is not, each as {@code "A <-> B"}.
     */
    List<String> mutualAcross(String innerPackage) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : references.entrySet()) {
            String a = e.getKey();
            if (a.startsWith(innerPackage + ".")) {
                continue;
            }
            for (String b : e.getValue()) {
                if (b.startsWith(innerPackage + ".") && referencesOf(b).contains(a)) {
                    pairs.add(a + " <-> " + b);
                }
            }
        }
        return pairs;
    }
}
