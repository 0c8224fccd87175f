package dev.spool.cli;

import dev.spool.RequestBuilder;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -H} and {@code -p} options: headers and query parameters added to every request. */
final class HeaderOptions {
    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "Add a header; 'Name:' removes a default one (e.g. User-Agent), 'Name;' sends it empty. Repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "Add a query parameter (percent-encoded by Spool). Repeatable.")
    List<String> params = new ArrayList<>();

    /** Checks the arguments now, so a bad one fails before any request is sent. */
    List<HeaderArg> parsedHeaders() {
        List<HeaderArg> out = new ArrayList<>();
        for (String h : headers) {
            out.add(HeaderArg.parse(h));
        }
        return out;
    }

    List<NameValue> parsedParams() {
        List<NameValue> out = new ArrayList<>();
        for (String p : params) {
            out.add(NameValue.parse("-p", p));
        }
        return out;
    }

    /** Whether the user set a header of this name (to remove or to send). */
    boolean has(String name) {
        for (HeaderArg h : parsedHeaders()) {
            if (h.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Applies the headers and parameters to a request. */
    void applyTo(RequestBuilder rb) {
        for (HeaderArg h : parsedHeaders()) {
            rb.header(h.name(), h.value());
        }
        for (NameValue p : parsedParams()) {
            rb.param(p.name(), p.value());
        }
    }
}
