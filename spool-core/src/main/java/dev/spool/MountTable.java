package dev.spool;

import dev.spool.internal.pipeline.Chain;
import dev.spool.internal.pipeline.Stage;
import dev.spool.transport.Transport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's mounted transports, chosen for a URL by the longest matching prefix: the last stage of
 * its pipeline, which sends each request on the transport mounted for its URL.
 */
final class MountTable implements Stage {
    private final ReentrantLock lock = new ReentrantLock();
    /** Mounts, longest prefix first; replaced whole under {@link #lock}, read without it. */
    private volatile Mount[] mounts;

    /** The default transport on {@code http://} and {@code https://}, then the builder's mounts in order. */
    MountTable(Transport http, List<Mount> mounted) {
        List<Mount> list = new ArrayList<>();
        list.add(new Mount("http://", http));
        list.add(new Mount("https://", http));
        for (Mount m : mounted) {
            list.removeIf(x -> x.prefix.equals(m.prefix));
            list.add(m);
        }
        this.mounts = sorted(list);
    }

    /** Mounts a transport, replacing one on the same prefix; safe while other threads look up. */
    void mount(Mount m) {
        lock.lock();
        try {
            List<Mount> list = new ArrayList<>(List.of(mounts));
            list.removeIf(x -> x.prefix.equals(m.prefix));
            list.add(m);
            mounts = sorted(list);
        } finally {
            lock.unlock();
        }
    }

    /** Closes each mounted transport once, however many prefixes it is mounted on. */
    void closeAll() {
        Mount[] ms = mounts;
        List<Transport> done = new ArrayList<>();
        for (Mount m : ms) {
            if (done.stream().noneMatch(t -> t == m.transport)) {
                done.add(m.transport);
                m.transport.close();
            }
        }
    }

    @Override
    public Response handle(Request request, Chain chain) {
        return transportFor(request.httpUrl()).send(request);
    }

    private Transport transportFor(Url url) {
        String s = url.toString();
        for (Mount m : mounts) {
            if (s.regionMatches(true, 0, m.prefix, 0, m.prefix.length())) {
                return m.transport;
            }
        }
        throw new InvalidRequestException("no transport is mounted for " + url.withoutUserInfo()
                + " (mounted: " + String.join(", ", prefixes()) + ")");
    }

    private List<String> prefixes() {
        List<String> out = new ArrayList<>();
        for (Mount m : mounts) {
            out.add(m.prefix);
        }
        return out;
    }

    private static Mount[] sorted(List<Mount> list) {
        list.sort(Comparator.comparingInt((Mount m) -> m.prefix.length()).reversed());
        return list.toArray(new Mount[0]);
    }
}
