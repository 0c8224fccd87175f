package dev.spool;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor async calls run on when a session is given none: one virtual thread per call on JDK
 * 21 and later (found at run time, since the library is compiled for 17), else a pool of at most
 * {@value #PLATFORM_THREADS} daemon threads shared by every session, whose idle threads end after a
 * minute; calls beyond its bound wait in its queue.
 */
final class AsyncExecutors {
    /** The most platform threads the JDK 17 fallback runs at once. */
    static final int PLATFORM_THREADS = 64;

    private AsyncExecutors() {
    }

    /** The shared default executor, made on first use. */
    static ExecutorService shared() {
        return Holder.EXECUTOR;
    }

    /** Whether the default executor runs calls on virtual threads. */
    static boolean virtual() {
        return Holder.VIRTUAL;
    }

    private static final class Holder {
        static final boolean VIRTUAL;
        static final ExecutorService EXECUTOR;

        static {
            ExecutorService virtualThreads = virtualThreads();
            VIRTUAL = virtualThreads != null;
            EXECUTOR = virtualThreads != null ? virtualThreads : platformThreads();
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, or null before JDK 21. */
    private static ExecutorService virtualThreads() {
        try {
            MethodHandle make = MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (ExecutorService) make.invokeExact();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // JDK 17 to 20
        } catch (Throwable e) {
            return null; // not usable here: fall back to platform threads
        }
    }

    private static ExecutorService platformThreads() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "spool-async-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(PLATFORM_THREADS, PLATFORM_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
