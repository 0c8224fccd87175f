package dev.spool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every public type and member of the exported packages has a doc comment ("public API gets
 * Javadoc"). The javadoc run leaves doclint's "missing" group off, since it also wants an @param and
 * @return tag on every method; this test keeps the part of that group the project holds to. (It lives here, not in spool-core, whose tests run in the library's module,
 * which does not read jdk.compiler.)
 */
class PublicApiDocumentedTest {
    @Test
    void everyPublicTypeAndMemberHasADocComment() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(LogsToStderrTest.projectRoot().resolve("spool-core/src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.toString().contains("/internal/"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                    .toList();
        }
        assertTrue(sources.size() > 30, "sources found: " + sources.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> undocumented = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(sources));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(docs, unit, undocumented).scan(unit, null);
            }
        }
        assertEquals(List.of(), undocumented, "public API without a doc comment");
    }

    /** Collects the public types and members that have no doc comment. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final CompilationUnitTree unit;
        private final List<String> undocumented;
        /** The enclosing types, innermost first: whether each is public API and an interface. */
        private final Deque<ClassTree> types = new ArrayDeque<>();

        Scanner(DocTrees docs, CompilationUnitTree unit, List<String> undocumented) {
            this.docs = docs;
            this.unit = unit;
            this.undocumented = undocumented;
        }

        @Override
        public Void visitClass(ClassTree c, Void unused) {
            if (!isApi(c.getModifiers())) {
                return null; // nothing inside a private or package-private type is API
            }
            check(c.getSimpleName().toString());
            boolean hasConstructor = c.getMembers().stream()
                    .anyMatch(m -> m instanceof MethodTree mt && mt.getName().contentEquals("<init>"));
            if (c.getKind() == Tree.Kind.CLASS && !hasConstructor) {
                undocumented.add(where() + c.getSimpleName() + ": the default constructor (write one, with a comment)");
            }
            types.push(c);
            try {
                return super.visitClass(c, null);
            } finally {
                types.pop();
            }
        }

        @Override
        public Void visitMethod(MethodTree m, Void unused) {
            boolean override = m.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
            boolean compactOrImplicit = types.peek().getKind() == Tree.Kind.RECORD && m.getName().contentEquals("<init>")
                    && m.getParameters().isEmpty();
            if (isApi(m.getModifiers()) && !override && !compactOrImplicit) {
                check(m.getName().contentEquals("<init>") ? types.peek().getSimpleName() + "()" : m.getName() + "()");
            }
            return null;
        }

        @Override
        public Void visitVariable(VariableTree v, Void unused) {
            boolean recordComponent = types.peek().getKind() == Tree.Kind.RECORD
                    && !v.getModifiers().getFlags().contains(Modifier.STATIC);
            if (isApi(v.getModifiers()) && !recordComponent) {
                check(v.getName().toString());
            }
            return null;
        }

        /** Public or protected, or implicitly public as a member of an interface or annotation. */
        private boolean isApi(ModifiersTree mods) {
            if (mods.getFlags().contains(Modifier.PRIVATE)) {
                return false;
            }
            if (mods.getFlags().contains(Modifier.PUBLIC) || mods.getFlags().contains(Modifier.PROTECTED)) {
                return true;
            }
            ClassTree owner = types.peek();
            return owner != null && (owner.getKind() == Tree.Kind.INTERFACE
                    || owner.getKind() == Tree.Kind.ANNOTATION_TYPE || owner.getKind() == Tree.Kind.ENUM
                    && getCurrentPath().getLeaf() instanceof VariableTree vt && isEnumConstant(vt));
        }

        private static boolean isEnumConstant(VariableTree v) {
            return v.getModifiers().getFlags().containsAll(List.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL))
                    || v.getType() == null;
        }

        private void check(String name) {
            TreePath path = getCurrentPath();
            if (docs.getDocCommentTree(path) == null) {
                undocumented.add(where() + name);
            }
        }

        private String where() {
            String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
            StringBuilder sb = new StringBuilder(file).append(": ");
            types.descendingIterator().forEachRemaining(t -> sb.append(t.getSimpleName()).append('.'));
            return sb.toString();
        }
    }
}
