package dev.spool.internal.tls;

import dev.spool.tls.ClientCertificate;
import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes two sessions' TLS set-ups interchangeable, so that they may share one SSL context and
 * with it the JDK's cache of client sessions (TLS resumption): the configuration (verification, CA
 * bundle and directory, client certificate), the JVM's {@code javax.net.ssl} stores it takes, and the
 * state of every file those name (size, modification time and file key), so a bundle edited or
 * replaced on disk makes a new context rather than resuming under trust it no longer states.
 *
 * @param config the session's TLS configuration
 * @param jvm the JVM stores the configuration takes (see {@link JvmStores#relevantTo})
 * @param files the state of the files the two name, in a fixed order
 */
record ContextKey(TlsConfig config, JvmStores jvm, List<FileState> files) {
    /**
     * A file's state as the file system reports it; a file that cannot be read is {@link #MISSING}
     * (building the context then fails with the reason).
     *
     * @param path the file
     * @param size its size in bytes, or -1 when missing
     * @param modified its modification time in nanoseconds since the epoch, or -1 when missing
     * @param fileKey the file system's identity of the file (device and inode on Unix), or null
     */
    record FileState(Path path, long size, long modified, Object fileKey) {
        static final long MISSING = -1;

        static FileState of(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return new FileState(path, a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                        a.fileKey());
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return new FileState(path, MISSING, MISSING, null);
            }
        }
    }

    /** The key for a configuration given the JVM's stores as {@link JvmStores#current()} read them; reads file states now. */
    static ContextKey of(TlsConfig config, JvmStores allJvmStores) {
        JvmStores jvm = allJvmStores.relevantTo(config);
        List<Path> paths = new ArrayList<>(4);
        if (config.verify()) { // without verification, no trust material is read
            add(paths, config.caBundle());
            add(paths, config.caDirectory()); // a directory's time changes when a file is added, removed or renamed
        }
        ClientCertificate cert = config.clientCertificate();
        if (cert != null) {
            add(paths, cert.certificate());
            add(paths, cert.key());
            add(paths, cert.keyStore());
        }
        addStore(paths, jvm.trustStore());
        addStore(paths, jvm.keyStore());
        if (paths.isEmpty()) {
            return new ContextKey(config, jvm, List.of());
        }
        List<FileState> files = new ArrayList<>(paths.size());
        for (Path p : paths) {
            files.add(FileState.of(p));
        }
        return new ContextKey(config, jvm, List.copyOf(files));
    }

    /** Whether this key is for the same settings as {@code other}, whatever the files hold now. */
    boolean sameSettings(ContextKey other) {
        return config.equals(other.config) && jvm.equals(other.jvm);
    }

    private static void add(List<Path> paths, Path p) {
        if (p != null && !paths.contains(p)) {
            paths.add(p);
        }
    }

    /** A {@code javax.net.ssl} store: a file unless JSSE's {@code NONE} (a token) or not a valid path. */
    private static void addStore(List<Path> paths, String store) {
        if (store == null || store.equals("NONE")) {
            return;
        }
        try {
            add(paths, Path.of(store).toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            // not a path: building the context reports it
        }
    }
}
