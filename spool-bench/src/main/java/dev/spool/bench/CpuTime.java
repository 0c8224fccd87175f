package dev.spool.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time from Linux's {@code /proc}, to charge each measured round with what it cost: the client
 * side (this JVM, plus any tool it ran and waited for, such as wrk) and the server (nginx's master
 * and workers). Rates on a shared 2-core machine drift with its neighbours; CPU per request does
 * not, and it shows where a saturated workload's time goes. Readings have the kernel's tick
 * resolution (10 ms at the usual 100 Hz), fine for rounds of seconds.
 */
final class CpuTime {
    /** Nanoseconds per clock tick: Linux reports {@code /proc} times in USER_HZ, 100 on every mainstream build. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final List<Path> serverStats;

    /**
     * @param serverPid the server's main process (nginx's master), or 0 when none was given; its
     *     children are found once, now, since nginx keeps its workers for its whole life
     */
    CpuTime(long serverPid) {
        this.serverStats = serverPid > 0 ? processTree(serverPid) : List.of();
    }

    /** Whether {@code /proc} is there to read (Linux). */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /**
     * User CPU of this JVM and of its waited-for children so far, in nanoseconds, or -1 when unknown:
     * the client's own code (and the loop driving it).
     */
    long clientUser() {
        long[] f = fields(Path.of("/proc/self/stat"));
        // utime and cutime: fields 14 and 16 of proc(5), 11 and 13 after the command name.
        return f == null ? -1 : (f[11] + f[13]) * NANOS_PER_TICK;
    }

    /**
     * System CPU of this JVM and of its waited-for children so far, in nanoseconds, or -1 when
     * unknown: the kernel's work in the client's socket calls and thread switches.
     */
    long clientSystem() {
        long[] f = fields(Path.of("/proc/self/stat"));
        // stime and cstime: fields 15 and 17 of proc(5), 12 and 14 after the command name.
        return f == null ? -1 : (f[12] + f[14]) * NANOS_PER_TICK;
    }

    /** CPU of the server's processes so far, in nanoseconds, or -1 when no server was given or one vanished. */
    long server() {
        if (serverStats.isEmpty()) {
            return -1;
        }
        long total = 0;
        for (Path p : serverStats) {
            long[] f = fields(p);
            if (f == null) {
                return -1;
            }
            total += f[11] + f[12];
        }
        return total * NANOS_PER_TICK;
    }

    /** The pid's stat file and those of its direct children. */
    private static List<Path> processTree(long pid) {
        List<Path> out = new ArrayList<>();
        Path self = Path.of("/proc", Long.toString(pid), "stat");
        if (fields(self) == null) {
            return List.of();
        }
        out.add(self);
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                long[] f = fields(p.resolve("stat"));
                // ppid is field 4 of proc(5), 1 after the command name.
                if (f != null && f[1] == pid) {
                    out.add(p.resolve("stat"));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    /**
     * The numeric fields of a stat file after the command name (which may hold spaces and
     * parentheses, hence the last ')'): index 0 is the state letter (read as 0), 1 the ppid, and so on.
     */
    private static long[] fields(Path stat) {
        String s;
        try {
            s = Files.readString(stat);
        } catch (IOException e) {
            return null;
        }
        int close = s.lastIndexOf(')');
        if (close < 0 || close + 2 > s.length()) {
            return null;
        }
        String[] parts = s.substring(close + 2).trim().split(" ");
        long[] out = new long[parts.length];
        for (int i = 1; i < parts.length; i++) {
            try {
                out[i] = Long.parseLong(parts[i]);
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }
}
