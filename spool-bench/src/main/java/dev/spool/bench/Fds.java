package dev.spool.bench;

import java.io.File;

/** Counts this process's open file descriptors, the figure the 1,000-origins workload is about. */
final class Fds {
    private static final File SELF_FD = new File("/proc/self/fd");

    private Fds() {
    }

    /**
     * Open descriptors of this process, or -1 where {@code /proc} is missing. The listing itself holds
     * one descriptor while it reads, the same in every count, so differences are exact.
     */
    static int open() {
        String[] names = SELF_FD.list();
        return names == null ? -1 : names.length;
    }
}
