package dev.spool;

import dev.spool.internal.auth.Netrc;
import dev.spool.internal.tls.JvmStores;
import dev.spool.internal.tls.TlsEnvironment;
import dev.spool.proxy.ProxyConfig;
import dev.spool.tls.TlsConfig;
import java.util.Map;

/**
 * A session's TLS, proxy and netrc settings with the environment's applied when the session trusts
 * it (requests' {@code trust_env}), read once when the session is built.
 *
 * @param tls the TLS settings, the environment's CA settings applied
 * @param proxies the explicit proxies, the environment's included
 * @param netrc the netrc file's credentials, or null when the environment is not trusted
 */
record EnvironmentSettings(TlsConfig tls, ProxyConfig proxies, Netrc netrc) {

    /**
     * Resolves a builder's settings.
     *
     * @param environment the variables to read, or null for {@code System.getenv()}
     */
    static EnvironmentSettings resolve(TlsConfig explicitTls, Map<String, String> explicitProxies, boolean trustEnv,
                                       Map<String, String> environment) {
        Map<String, String> env = environment != null ? environment : System.getenv();
        TlsConfig tls = TlsEnvironment.forSession(explicitTls, trustEnv, env, JvmStores.current());
        ProxyConfig explicit = ProxyConfig.of(explicitProxies);
        ProxyConfig proxies = trustEnv ? explicit.withEnvironment(env) : explicit;
        Netrc netrc = trustEnv ? Netrc.fromEnvironment(env, environment == null) : null;
        return new EnvironmentSettings(tls, proxies, netrc);
    }
}
