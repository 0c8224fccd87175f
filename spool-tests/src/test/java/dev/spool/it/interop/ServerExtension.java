package dev.spool.it.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods a real server as a parameter: one server for the whole test run, started by
 * the first class that asks and stopped when the run ends, failed or not (it lives in the root
 * context's store, which closes it). Without the server's programs the class is skipped, or fails
 * on CI; see {@link Interop#condition} and {@link Interop#failIfRequired}.
 *
 * @param <T> the server's type, the parameter type it resolves
 */
abstract class ServerExtension<T extends AutoCloseable>
        implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    /** Starts a server. */
    @FunctionalInterface
    interface Starter<T> {
        T start() throws IOException;
    }

    private final String suite;
    private final Class<T> type;
    private final Supplier<String> missing;
    private final Starter<T> starter;
    private final ExtensionContext.Namespace namespace;

    /**
     * @param suite the server's name in messages ("nginx")
     * @param missing what the machine lacks to run it, or null when nothing is missing
     */
    ServerExtension(String suite, Class<T> type, Supplier<String> missing, Starter<T> starter) {
        this.suite = suite;
        this.type = type;
        this.missing = missing;
        this.starter = starter;
        this.namespace = ExtensionContext.Namespace.create(getClass());
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Interop.condition(context, suite, missing.get());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String lacking = missing.get();
        Interop.failIfRequired(suite, lacking);
        if (lacking == null) {
            server(context); // start now, so a server that cannot start fails the class once
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private T server(ExtensionContext context) {
        return context.getRoot().getStore(namespace).getOrComputeIfAbsent(type, k -> {
            try {
                return starter.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + suite, e);
            }
        }, type);
    }
}
