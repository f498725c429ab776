package org.minibuildd.api.internal.calls;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiException;
import org.minibuildd.packager.PortException;
import org.minibuildd.packager.PortResult;

/** What port and port_ext share: the {@code options} argument ('|'-separated, as mini-buildd) and the refusals. */
final class PortOptions {

    static final ApiArgument ARGUMENT = new ApiArgument("options", ApiArgument.Type.STRING, false, "lintian-mode=ignore",
            "upload options for the port's changelog entry, '|'-separated (e.g. lintian-mode=ignore|auto-ports=…)");

    private PortOptions() {
    }

    static List<String> of(ApiArguments arguments) {
        var value = arguments.string("options");
        return value == null ? null : Arrays.stream(value.split("\\|")).map(String::strip).filter(o -> !o.isEmpty()).toList();
    }

    /** The ports' results in mini-buildd's shape; a refused port is problem JSON with its reason. */
    static Object call(Supplier<List<PortResult>> ports) {
        try {
            return ports.get().stream().map(PortResult::toJson).toList();
        } catch (PortException e) {
            throw refusal(e);
        }
    }

    /** A refused port (or keyring/test package upload) as the problem JSON it answers with. */
    static ApiException refusal(PortException e) {
        return new ApiException(e.status(), e.status() == 404 ? "Not Found" : e.status() >= 500 ? "Internal Server Error"
                : "Bad Request", e.getMessage());
    }
}
