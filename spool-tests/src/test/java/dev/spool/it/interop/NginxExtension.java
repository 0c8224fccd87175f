package dev.spool.it.interop;

/** Gives test methods a {@link Nginx} parameter: one nginx for the whole test run. */
public final class NginxExtension extends ServerExtension<Nginx> {
    /** Created by JUnit through {@code @ExtendWith}. */
    public NginxExtension() {
        super("nginx", Nginx.class, Nginx::missing, Nginx::start);
    }
}
