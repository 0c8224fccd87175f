package dev.spool.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts an option value in seconds ({@code 2}, {@code 0.5}) to a positive {@link Duration}. */
final class Seconds implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        double s;
        try {
            s = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new TypeConversionException("must be a positive number of seconds, got '" + value + "'");
        }
        if (s > 86_400) {
            throw new TypeConversionException("'" + value + "' seconds is more than a day");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
