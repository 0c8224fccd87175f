package dev.spool;

import dev.spool.transport.PoolSettings;
import dev.spool.transport.Timeouts;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of a session's default transport as its builder collects them: pool limits, timeouts
 * and protocols, each with requests' or urllib3's default, checked when the session is built.
 */
final class TransportSettings {
    int poolConnections = PoolSettings.DEFAULT.connections();
    int poolMaxSize = PoolSettings.DEFAULT.maxSize();
    boolean poolBlock = PoolSettings.DEFAULT.block();
    Duration poolTimeout = PoolSettings.DEFAULT.timeout();
    Duration maxIdle = PoolSettings.DEFAULT.maxIdle();
    Duration connectTimeout = Timeouts.DEFAULT.connect();
    Duration readTimeout = Timeouts.DEFAULT.read();
    Duration expectContinueTimeout = Timeouts.DEFAULT.expectContinue();
    Set<Protocol> protocols = EnumSet.of(Protocol.HTTP_2, Protocol.HTTP_1_1);

    /** The pool limits; checks them. */
    PoolSettings pool() {
        return new PoolSettings(poolConnections, poolMaxSize, poolBlock, poolTimeout, maxIdle);
    }

    /** The timeouts; checks them. */
    Timeouts timeouts() {
        return new Timeouts(connectTimeout, readTimeout, expectContinueTimeout);
    }

    /** Sets the protocols to speak: at least one, no null. */
    void protocols(Protocol... chosen) {
        if (chosen.length == 0) {
            throw new IllegalArgumentException("protocols: name at least one");
        }
        Set<Protocol> set = EnumSet.noneOf(Protocol.class);
        for (Protocol p : chosen) {
            set.add(Objects.requireNonNull(p, "protocol"));
        }
        protocols = set;
    }

    /** {@code d} itself when null or positive; else an IllegalArgumentException naming the setting. */
    static Duration positiveOrNull(String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
