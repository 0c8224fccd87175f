package dev.spool.it.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods an {@link Httpbin} parameter: one gunicorn for the whole test run, started by
 * the first class that asks and stopped when the run ends, failed or not (it lives in the root
 * context's store, which closes it). Without gunicorn and httpbin the class is skipped, or fails
 * on CI; see {@link Interop#condition} and {@link Interop#failIfRequired}.
 */
public final class HttpbinExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(HttpbinExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Interop.condition(context, "httpbin", Httpbin.missing());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = Httpbin.missing();
        Interop.failIfRequired("httpbin", missing);
        if (missing == null) {
            server(context); // start now, so a server that cannot start fails the class once
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Httpbin.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static Httpbin server(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(Httpbin.class, k -> {
            try {
                return Httpbin.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start httpbin", e);
            }
        }, Httpbin.class);
    }
}
