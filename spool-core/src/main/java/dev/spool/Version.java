package dev.spool;

/** The library version, filled in by the build. */
final class Version {
    static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (java.io.InputStream in = Version.class.getResourceAsStream("/dev/spool/version.txt")) {
            if (in != null) {
                String v = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (!v.isEmpty() && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (java.io.IOException e) {
            // fall through to the placeholder
        }
        return "dev";
    }
}
