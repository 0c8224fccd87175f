package dev.spool.layering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The internals depend on the public API and the API may use internals, but never both ways between
 * two classes: no bridge that an API class installs for an internal one (DESIGN principle 6).
 */
class LayeringTest {
    @Test
    void noApiClassAndInternalClassReferToEachOther() {
        SourceReferences refs = SourceReferences.scan(Path.of("src/main/java"));
        assertTrue(refs.classes().size() > 100, "the scan found the sources: " + refs.classes().size());
        // The scan sees real edges both ways (so an empty result below means something).
        assertTrue(refs.referencesOf("dev.spool.Session").contains("dev.spool.internal.pipeline.Pipeline"));
        assertTrue(refs.referencesOf("dev.spool.internal.pipeline.Pipeline").contains("dev.spool.Request"));
        assertEquals(List.of(), refs.mutualAcross("dev.spool.internal"));
    }

    @Test
    void theScanFindsACircleThroughAnImportAndAQualifiedName(@TempDir Path dir) throws IOException {
        write(dir, "dev/spool/Api.java", "package dev.spool;\nimport dev.spool.internal.Bridge;\n"
                + "public final class Api { static { Bridge.install(); } }\n");
        write(dir, "dev/spool/internal/Bridge.java", "package dev.spool.internal;\n"
                + "public final class Bridge { public static void install() { dev.spool.Api.class.getName(); } }\n");
        assertEquals(List.of("dev.spool.Api <-> dev.spool.internal.Bridge"),
                SourceReferences.scan(dir).mutualAcross("dev.spool.internal"));
    }

    @Test
    void theScanFindsACircleThroughAWildcardImportAndTheSamePackage(@TempDir Path dir) throws IOException {
        write(dir, "dev/spool/Api.java", "package dev.spool;\nimport dev.spool.internal.*;\n"
                + "public final class Api { Bridge b; Helper h; }\n");
        write(dir, "dev/spool/Helper.java", "package dev.spool;\npublic final class Helper { }\n");
        write(dir, "dev/spool/internal/Bridge.java", "package dev.spool.internal;\nimport dev.spool.Api;\n"
                + "// Helper is only named in this comment\npublic final class Bridge { Api a; String s = \"Helper\"; }\n");
        SourceReferences refs = SourceReferences.scan(dir);
        assertEquals(Set.of("dev.spool.internal.Bridge", "dev.spool.Helper"), refs.referencesOf("dev.spool.Api"));
        assertEquals(Set.of("dev.spool.Api"), refs.referencesOf("dev.spool.internal.Bridge"));
        assertEquals(List.of("dev.spool.Api <-> dev.spool.internal.Bridge"), refs.mutualAcross("dev.spool.internal"));
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
