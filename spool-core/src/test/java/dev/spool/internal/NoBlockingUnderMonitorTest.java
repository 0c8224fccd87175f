package dev.spool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN principle 9, checked on the bytecode: no {@code synchronized} method or block in the library
 * calls anything that does I/O or waits, so a virtual thread is never pinned to its carrier by Spool
 * while it blocks (on JDK 21 to 23 a monitor pins; JDK 24+ no longer, JEP 491). The JFR check in
 * spool-tests' VirtualThreadStressTest shows the same at run time. Only direct calls are seen: a
 * synchronized region calling a helper that blocks would need the call graph.
 */
class NoBlockingUnderMonitorTest {
    /** Owners (class-name prefixes) whose every method may block: sockets, channels, TLS, DNS. */
    static final List<String> BLOCKING_OWNERS = List.of(
            "java/net/", "java/nio/channels/", "javax/net/ssl/", "sun/nio/ch/",
            "dev/spool/internal/connection/Connector", "dev/spool/transport/");

    /** Methods that block whatever their owner: stream I/O and every way of waiting. */
    static final List<String> BLOCKING_METHODS = List.of(
            "read", "readNBytes", "readAllBytes", "transferTo", "skip", "write", "flush", "close", "readLine",
            "fill", "readDirect", "readWithin", "readBody", "drain", "readResponseHead", "writeRequestHead",
            "writeRequestBody", "awaitContinue", "closeQuietly", "isHealthy", "send", "lease", "open",
            "wait", "sleep", "join", "park", "parkNanos", "parkUntil", "lock", "lockInterruptibly", "tryLock",
            "await", "awaitNanos", "awaitUninterruptibly", "awaitUntil", "awaitTermination", "acquire",
            "acquireUninterruptibly", "get", "take", "put", "invokeAll", "invokeAny");

    static boolean blocks(MonitorRegions.Call c) {
        for (String owner : BLOCKING_OWNERS) {
            if (c.owner().startsWith(owner)) {
                return true;
            }
        }
        if (!BLOCKING_METHODS.contains(c.name())) {
            return false;
        }
        // "get" and "put" block only on futures and queues; a map's get does not.
        if (c.name().equals("get") || c.name().equals("put")) {
            return c.owner().contains("Future") || c.owner().contains("BlockingQueue")
                    || c.owner().contains("Exchanger");
        }
        return true;
    }

    @Test
    void noSynchronizedRegionInTheLibraryDoesIoOrWaits() throws IOException, URISyntaxException {
        Path classes = Path.of(Session.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "the library's classes are a directory here: " + classes);
        List<String> blocking = new ArrayList<>();
        List<String> unanalysable = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                MonitorRegions r = MonitorRegions.of(Files.readAllBytes(f));
                scanned++;
                for (MonitorRegions.Call c : r.calls()) {
                    if (blocks(c)) {
                        blocking.add(c.toString());
                    }
                }
                unanalysable.addAll(r.unanalysable());
            }
        }
        assertTrue(scanned > 50, "scanned " + scanned + " classes in " + classes);
        assertEquals(List.of(), unanalysable, "synchronized blocks the scan cannot delimit");
        assertEquals(List.of(), blocking, "calls that block while holding a monitor");
    }

    // ---- the scan itself, on fixtures: it must flag what it is meant to flag ----

    /** Fixtures compiled with the tests: what the scan must and must not report. */
    static final class Fixtures {
        private final Object lock = new Object();
        private final ReentrantLock reentrant = new ReentrantLock();
        private int counter;

        int countsUnderAMonitor() {
            synchronized (lock) {
                counter++;
                return Math.max(counter, 0);
            }
        }

        int readsUnderAMonitor(InputStream in) throws IOException {
            synchronized (lock) {
                return in.read();
            }
        }

        void waitsUnderAMonitor() throws InterruptedException {
            synchronized (lock) {
                lock.wait(1);
            }
        }

        synchronized void locksInASynchronizedMethod() {
            reentrant.lock();
            reentrant.unlock();
        }

        int readsOutsideAnyMonitor(InputStream in) throws IOException {
            synchronized (lock) {
                counter++;
            }
            return in.read(); // after the block: not under the monitor
        }

        void nested(InputStream in) throws IOException {
            synchronized (lock) {
                synchronized (this) {
                    counter++;
                }
                in.skip(1); // still under the outer monitor
            }
        }
    }

    @Test
    void theScanFindsBlockingCallsUnderMonitorsAndNothingElse() throws IOException {
        byte[] bytes;
        try (InputStream in = Fixtures.class.getResourceAsStream("NoBlockingUnderMonitorTest$Fixtures.class")) {
            bytes = in.readAllBytes();
        }
        MonitorRegions r = MonitorRegions.of(bytes);
        assertEquals(List.of(), r.unanalysable());
        List<String> flagged = new ArrayList<>();
        for (MonitorRegions.Call c : r.calls()) {
            if (blocks(c)) {
                String m = c.inMethod();
                flagged.add(m.substring(m.lastIndexOf('.') + 1, m.indexOf('(')) + " -> " + c.name());
            }
        }
        assertEquals(List.of("readsUnderAMonitor -> read", "waitsUnderAMonitor -> wait",
                "locksInASynchronizedMethod -> lock", "nested -> skip"), flagged);
        assertTrue(r.calls().stream().anyMatch(c -> c.name().equals("max")),
                "calls that do not block are seen too: " + r.calls());
    }
}
