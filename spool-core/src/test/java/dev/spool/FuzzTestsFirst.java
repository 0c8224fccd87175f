package dev.spool;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the test classes with Jazzer fuzz tests first (junit-platform.properties names it). Jazzer
 * installs its agent when the first fuzz test starts and then retransforms the classes already loaded,
 * which fails with a stack trace for some of Spool's; first in the JVM, it finds few loaded and
 * instruments the rest as they load. Other classes keep JUnit's default order.
 */
public final class FuzzTestsFirst implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(d -> hasFuzzTest(d.getTestClass()) ? 0 : 1));
    }

    private static boolean hasFuzzTest(Class<?> c) {
        for (Method m : c.getDeclaredMethods()) {
            if (Arrays.stream(m.getAnnotations())
                    .anyMatch(a -> a.annotationType().getName().equals("com.code_intelligence.jazzer.junit.FuzzTest"))) {
                return true;
            }
        }
        return false;
    }
}
