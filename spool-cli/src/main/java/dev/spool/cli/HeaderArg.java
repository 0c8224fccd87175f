package dev.spool.cli;

import dev.spool.Headers;
import dev.spool.InvalidRequestException;

/**
 * One {@code -H} argument, read as curl reads it: {@code 'Name: value'} sends a header,
 * {@code 'Name:'} removes one the session would send (such as {@code User-Agent}), and
 * {@code 'Name;'} sends it with an empty value.
 *
 * @param name the header name
 * @param value the value, or null to remove the header
 */
record HeaderArg(String name, String value) {

    /** Parses one argument; a usage error names what was wrong. */
    static HeaderArg parse(String arg) {
        int colon = arg.indexOf(':');
        String name;
        String value;
        if (colon >= 0) {
            name = arg.substring(0, colon).trim();
            String v = arg.substring(colon + 1).trim();
            value = v.isEmpty() ? null : v;
        } else if (arg.endsWith(";")) {
            name = arg.substring(0, arg.length() - 1).trim();
            value = "";
        } else {
            throw CliException.usage("-H expects 'Name: value' (or 'Name:' to remove a header), got '" + arg + "'");
        }
        if (name.isEmpty()) {
            throw CliException.usage("-H '" + arg + "' has no header name before the ':'");
        }
        try {
            Headers.checkName(name);
            if (value != null) {
                Headers.checkValue(name, value);
            }
        } catch (InvalidRequestException e) {
            throw CliException.usage("-H '" + arg + "': " + e.getMessage());
        }
        return new HeaderArg(name, value);
    }
}
