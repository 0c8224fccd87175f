package dev.spool.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Records JFR {@code jdk.VirtualThreadPinned} events (threshold zero, with stacks) while a test runs,
 * to show that no virtual thread blocked while pinned to its carrier inside Spool. Uses only the JFR
 * API of JDK 17, so it compiles for release 17; the events exist from JDK 21 on.
 */
final class PinningRecorder implements AutoCloseable {
    static final String PINNED = "jdk.VirtualThreadPinned";

    private final Recording recording = new Recording();
    private final Path file;
    private List<RecordedEvent> events;

    PinningRecorder() throws IOException {
        file = Files.createTempFile("spool-pinning", ".jfr");
        recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
        recording.start();
    }

    /** Stops recording and returns every pinned event (once stopped, the same list). */
    List<RecordedEvent> stop() throws IOException {
        if (events == null) {
            recording.stop();
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }
        return events;
    }

    /**
     * The events whose stack has a frame of the library (dev.spool, but not these tests or the
     * testkit), except waits for another thread to initialize a class and the loading of a class: the
     * JVM pins a virtual thread for those (JEP 491 keeps these cases), once per class, whatever code
     * runs. JDK 24+ names the reason in {@code pinnedReason}; on older JDKs every event counts.
     */
    static List<String> inLibrary(List<RecordedEvent> events) {
        List<String> out = new ArrayList<>();
        for (RecordedEvent e : events) {
            if (e.getStackTrace() == null || isClassInitializationWait(e) || isClassLoading(e)) {
                continue;
            }
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("dev.spool.") && !type.startsWith("dev.spool.it.") && !type.startsWith("dev.spool.testkit.")) {
                    out.add(e.getDuration() + " at " + type + "." + f.getMethod().getName() + " (" + reason(e) + ")"
                            + System.lineSeparator() + stack(e));
                    break;
                }
            }
        }
        return out;
    }

    /** The event's frames, one per line, so a failure shows where the carrier was pinned. */
    private static String stack(RecordedEvent e) {
        StringBuilder sb = new StringBuilder();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            sb.append("    ").append(f.getMethod().getType().getName()).append('.').append(f.getMethod().getName())
                    .append(f.isJavaFrame() ? "" : " (native)").append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** How many events were waits for a class's initialization by another thread. */
    static long classInitializationWaits(List<RecordedEvent> events) {
        return events.stream().filter(PinningRecorder::isClassInitializationWait).count();
    }

    /**
     * Whether the carrier was pinned while a class was being loaded: the JDK's class loaders hold a
     * lock and run native code, so a virtual thread that loads a class (once per class, the first time
     * a code path runs) cannot unmount meanwhile. Seen in CI at the first use of a request option by
     * thousands of virtual threads at once. One-time and the JDK's, not a wait of Spool's own.
     */
    private static boolean isClassLoading(RecordedEvent e) {
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            if (f.getMethod().getType().getName().equals("java.lang.ClassLoader") && f.getMethod().getName().equals("loadClass")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClassInitializationWait(RecordedEvent e) {
        String reason = reason(e);
        return reason != null && reason.startsWith("Waited for initialization of");
    }

    private static String reason(RecordedEvent e) {
        return e.hasField("pinnedReason") ? e.getString("pinnedReason") : null;
    }

    /** The events with a frame of the given class, e.g. a deliberate pin that proves the recording works. */
    static long from(List<RecordedEvent> events, Class<?> type) {
        return events.stream().filter(e -> e.getStackTrace() != null && e.getStackTrace().getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().equals(type.getName()))).count();
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()}, found reflectively because the tests compile
     * for release 17. Fails, never skips, on an older JDK: this test runs only where a JDK 21+ was
     * configured (see spool-tests/pom.xml).
     */
    static ExecutorService virtualThreads() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("virtual threads need a JDK 21 or later; this is Java "
                    + System.getProperty("java.version") + " at " + System.getProperty("java.home"), e);
        }
    }

    @Override
    public void close() throws IOException {
        recording.close();
        Files.deleteIfExists(file);
    }
}
