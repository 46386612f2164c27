package io.logshipper.internal;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Makes picocli's usage errors. A class of its own so that {@code LogShipperOptions} loads without picocli, an
 * optional dependency, when only {@code fromArgs} is used.
 */
public final class PicocliErrors {

    private PicocliErrors() {
    }

    /** A usage error of the command {@code spec} belongs to, with {@code message} as picocli prints it. */
    public static RuntimeException usageError(Object spec, String message) {
        return new ParameterException(((CommandSpec) spec).commandLine(), message);
    }
}
