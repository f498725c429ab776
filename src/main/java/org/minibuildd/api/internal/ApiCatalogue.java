package org.minibuildd.api.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.minibuildd.api.ApiCall;
import org.springframework.stereotype.Component;

/** Every API call of this instance, by name, in definition order. */
@Component
public class ApiCatalogue {

    private final Map<String, ApiCall> calls = new LinkedHashMap<>();

    ApiCatalogue(List<ApiCall> definitions) {
        for (var call : definitions) {
            if (calls.putIfAbsent(call.name(), call) != null) {
                throw new IllegalStateException("two definitions of API call '" + call.name() + "'");
            }
        }
    }

    public Optional<ApiCall> find(String name) {
        return Optional.ofNullable(calls.get(name));
    }

    public Collection<ApiCall> all() {
        return calls.values();
    }
}
