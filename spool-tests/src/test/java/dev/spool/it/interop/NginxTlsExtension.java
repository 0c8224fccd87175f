package dev.spool.it.interop;

/** Gives test methods a {@link NginxTls} parameter: one nginx over TLS for the whole test run. */
public final class NginxTlsExtension extends ServerExtension<NginxTls> {
    /** Created by JUnit through {@code @ExtendWith}. */
    public NginxTlsExtension() {
        super("nginx", NginxTls.class, NginxTls::missing, NginxTls::start);
    }
}
