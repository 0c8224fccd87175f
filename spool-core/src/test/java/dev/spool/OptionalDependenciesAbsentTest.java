package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core jar with none of its optional dependencies: Spool's own classes are loaded afresh by a
 * class loader that sees only them and the JDK, so Jackson, brotli and zstd-jni, although on this
 * test's class path, are really absent for the code under test.
 */
class OptionalDependenciesAbsentTest {
    private URLClassLoader bare;

    @BeforeEach
    void isolate() {
        URL classes = Body.class.getProtectionDomain().getCodeSource().getLocation();
        bare = new URLClassLoader("spool-without-optionals", new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    @AfterEach
    void close() throws IOException {
        bare.close();
    }

    private Class<?> load(String name) throws ClassNotFoundException {
        Class<?> c = Class.forName(name, true, bare);
        assertTrue(c.getClassLoader() == bare, name + " is the isolated copy");
        return c;
    }

    @Test
    void theOptionalLibrariesAreReallyOutOfSight() {
        for (String name : new String[] {"com.fasterxml.jackson.databind.ObjectMapper", OptionalDecoders.BROTLI_CLASS,
                OptionalDecoders.ZSTD_CLASS}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, bare), name);
            assertNotNull(assertDoesNotThrowLoad(name), name + " is on this test's own class path");
        }
    }

    private static Class<?> assertDoesNotThrowLoad(String name) {
        try {
            return Class.forName(name, false, OptionalDependenciesAbsentTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name + " should be on the test class path", e);
        }
    }

    @Test
    void jsonWithoutJacksonNamesTheMissingArtifact() throws Exception {
        Method json = load("dev.spool.Body").getMethod("json", Object.class);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> json.invoke(null, Map.of("k", 1)));
        Throwable cause = e.getCause();
        assertEquals("dev.spool.SpoolException", cause.getClass().getName());
        assertEquals("JSON needs Jackson on the class path: add com.fasterxml.jackson.core:jackson-databind",
                cause.getMessage());
        Object asIs = json.invoke(null, "{\"already\":\"json\"}");
        assertEquals(18L, load("dev.spool.Body").getMethod("contentLength").invoke(asIs),
                "a String is sent as it is, no Jackson needed");
    }

    @Test
    void withoutBrotliOrZstdOnlyGzipAndDeflateAreOffered() throws Exception {
        Class<?> decoding = load("dev.spool.Decoding");
        Field accept = decoding.getDeclaredField("ACCEPT_ENCODING");
        accept.setAccessible(true);
        assertEquals("gzip, deflate", accept.get(null));
        Method canDecode = decoding.getDeclaredMethod("canDecode", String.class);
        canDecode.setAccessible(true);
        assertFalse((Boolean) canDecode.invoke(null, "br"));
        assertFalse((Boolean) canDecode.invoke(null, "zstd"));
        assertTrue((Boolean) canDecode.invoke(null, "gzip"));
    }
}
