package dev.spool;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The content decoders that need an optional library, found once at run time: brotli through
 * Google's pure-Java decoder ({@code org.brotli:dec}) and zstd through {@code com.github.luben:zstd-jni}.
 * They are reached by reflection so the core jar needs neither to compile or run, and so a
 * missing one simply leaves its coding out of {@code Accept-Encoding}.
 */
final class OptionalDecoders {
    /** The brotli decoder class of {@code org.brotli:dec}. */
    static final String BROTLI_CLASS = "org.brotli.dec.BrotliInputStream";
    /** zstd-jni's decoder stream without a finalizer (the stream is always closed by Spool). */
    static final String ZSTD_CLASS = "com.github.luben.zstd.ZstdInputStreamNoFinalizer";
    /**
     * The largest zstd window accepted, as a power of two: 2^23 = 8 MiB. RFC 9659 section 3 caps the
     * window of the {@code zstd} content coding at 8 MB, so a server cannot make us hold more.
     */
    static final int ZSTD_WINDOW_LOG_MAX = 23;

    private static final Constructor<?> BROTLI = brotli();
    private static final Constructor<?> ZSTD;
    private static final Method ZSTD_WINDOW_LIMIT;

    static {
        Constructor<?> c = null;
        Method m = null;
        try {
            Class<?> k = Class.forName(ZSTD_CLASS, true, OptionalDecoders.class.getClassLoader());
            c = k.getConstructor(InputStream.class);
            m = k.getMethod("setLongMax", int.class);
            // zstd-jni loads its native library when the class initialises; a platform it has no
            // library for fails here, and zstd is then not offered.
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            c = null;
            m = null;
        }
        ZSTD = c;
        ZSTD_WINDOW_LIMIT = m;
    }

    private OptionalDecoders() {
    }

    private static Constructor<?> brotli() {
        try {
            Class<?> k = Class.forName(BROTLI_CLASS, true, OptionalDecoders.class.getClassLoader());
            return k.getConstructor(InputStream.class);
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }

    /** Whether a brotli decoder is on the class path. */
    static boolean hasBrotli() {
        return BROTLI != null;
    }

    /** Whether a zstd decoder is on the class path and its native library loaded. */
    static boolean hasZstd() {
        return ZSTD != null;
    }

    /** A brotli-decoding stream over {@code in}; only when {@link #hasBrotli()}. */
    static InputStream brotli(InputStream in) throws IOException {
        return (InputStream) create(BROTLI, in);
    }

    /** A zstd-decoding stream over {@code in} that refuses windows over 8 MiB; only when {@link #hasZstd()}. */
    static InputStream zstd(InputStream in) throws IOException {
        InputStream z = (InputStream) create(ZSTD, in);
        try {
            ZSTD_WINDOW_LIMIT.invoke(z, ZSTD_WINDOW_LOG_MAX);
        } catch (IllegalAccessException e) {
            z.close();
            throw new IllegalStateException("zstd-jni's setLongMax is not accessible", e);
        } catch (InvocationTargetException e) {
            z.close();
            throw rethrow(e);
        }
        return z;
    }

    private static Object create(Constructor<?> c, InputStream in) throws IOException {
        try {
            return c.newInstance(in);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot create " + c.getDeclaringClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        }
    }

    /** Unwraps what a decoder threw: I/O errors stay I/O errors, a decoder's runtime error becomes one. */
    private static IOException rethrow(InvocationTargetException e) {
        Throwable t = e.getCause();
        if (t instanceof IOException) {
            return (IOException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new IOException(t.getMessage(), t);
    }
}
