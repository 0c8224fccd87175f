package dev.spool.it.interop;

/** Gives test methods an {@link Httpbin} parameter: one gunicorn running httpbin for the whole test run. */
public final class HttpbinExtension extends ServerExtension<Httpbin> {
    /** Created by JUnit through {@code @ExtendWith}. */
    public HttpbinExtension() {
        super("httpbin", Httpbin.class, Httpbin::missing, Httpbin::start);
    }
}
