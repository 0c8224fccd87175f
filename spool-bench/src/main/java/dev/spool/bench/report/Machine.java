package dev.spool.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine and JVM a run happened on, since a figure is only comparable with figures from the
 * same kind of machine.
 *
 * @param cpu the CPU model from /proc/cpuinfo
 * @param cpus processors available to the JVM ({@code nproc})
 * @param memory total memory from /proc/meminfo
 * @param kernel the kernel release
 * @param jdk the Java runtime, vendor and version
 * @param jvmOptions the heap and GC options the harness ran with
 * @param load the 1-minute load average when the run started and when it ended: other work on the
 *     machine shows here, and makes the rounds spread
 */
public record Machine(String cpu, int cpus, String memory, String kernel, String jdk, String jvmOptions,
                      String load) {

    /** The 1-minute load average now, as /proc/loadavg gives it, or "unknown". */
    public static String loadAverage() {
        List<String> l = lines("/proc/loadavg");
        return l.isEmpty() ? "unknown" : l.get(0).trim().split("\\s+")[0];
    }

    /** Reads the running machine and JVM; {@code loadAtStart} is {@link #loadAverage()} from the start. */
    public static Machine current(String loadAtStart) {
        List<String> opts = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // Heap and GC settings shape the figures; other flags (trust store paths) do not.
            if (a.startsWith("-X") || a.startsWith("-XX:")) {
                opts.add(a);
            }
        }
        String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                jdk, opts.isEmpty() ? "(defaults)" : String.join(" ", opts),
                "at start " + loadAtStart + ", at end " + loadAverage());
    }

    private static String cpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String totalMemory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.trim().split("\\s+");
                long kib = Long.parseLong(f[1]);
                return String.format("%.1f GiB", kib / (1024.0 * 1024.0));
            }
        }
        return "unknown";
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
