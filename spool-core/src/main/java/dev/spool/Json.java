package dev.spool;

import java.io.IOException;

/**
 * JSON through Jackson, found at run time: Jackson is an optional dependency, so the core works
 * without it and JSON calls then fail with an error naming the missing artifact.
 */
final class Json {
    static final String MISSING = "JSON needs Jackson on the class path: add com.fasterxml.jackson.core:jackson-databind";

    private Json() {
    }

    static boolean available() {
        return Holder.MAPPER != null;
    }

    static byte[] write(Object value) {
        Object mapper = mapper();
        try {
            return ((com.fasterxml.jackson.databind.ObjectMapper) mapper).writeValueAsBytes(value);
        } catch (IOException e) {
            throw new InvalidRequestException("cannot write " + value.getClass().getName() + " as JSON: " + e.getMessage(), e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type, String url) {
        Object mapper = mapper();
        try {
            return ((com.fasterxml.jackson.databind.ObjectMapper) mapper).readValue(bytes, type);
        } catch (IOException e) {
            throw new SpoolException("response body from " + url + " is not JSON readable as " + type.getName()
                    + ": " + e.getMessage(), e);
        }
    }

    private static Object mapper() {
        Object m = Holder.MAPPER;
        if (m == null) {
            throw new SpoolException(MISSING);
        }
        return m;
    }

    /** Loads Jackson lazily; MAPPER is null when it is absent. */
    private static final class Holder {
        static final Object MAPPER = load();

        private static Object load() {
            try {
                Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, Json.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
            return JacksonMapper.create();
        }
    }

    /** Touches Jackson's classes only once they are known to be present. */
    private static final class JacksonMapper {
        static Object create() {
            return new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
        }
    }
}
