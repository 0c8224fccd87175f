package dev.spool.internal;

import dev.spool.Headers;

/**
 * A bridge through which internal packages reach package-private parts of the public API
 * (the JDK's SharedSecrets pattern); this package is not exported, so users cannot reach it.
 */
public abstract class ApiAccess {
    private static volatile ApiAccess instance;

    /** Called once by {@code dev.spool.Headers} when it loads. */
    public static void install(ApiAccess access) {
        instance = access;
    }

    /** The installed bridge, loading the API class that installs it if needed. */
    public static ApiAccess get() {
        ApiAccess a = instance;
        if (a == null) {
            Headers.EMPTY.size(); // forces Headers' static initializer, which installs the bridge
            a = instance;
        }
        return a;
    }

    /** Wraps already-validated name/value pairs as {@link Headers} without copying them. */
    public abstract Headers trustedHeaders(String[] namesAndValues, int size);
}
