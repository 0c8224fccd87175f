package dev.spool.it.interop;

/** Gives test methods an {@link Apache} parameter: one Apache httpd for the whole test run. */
public final class ApacheExtension extends ServerExtension<Apache> {
    /** Created by JUnit through {@code @ExtendWith}. */
    public ApacheExtension() {
        super("apache", Apache.class, Apache::missing, Apache::start);
    }
}
