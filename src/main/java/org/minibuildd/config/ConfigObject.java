package org.minibuildd.config;

import java.time.Instant;
import java.util.Map;

/**
 * One configuration object with a status lifecycle, as lists show it: its name, status and check state, when
 * it was last checked ({@code null}: never), the outcome of the last action and its main fields in display order.
 */
public record ConfigObject(ObjectRef ref, String name, StatusState state, Instant lastChecked, String lastMessage,
                           Map<String, String> fields) {

    public ConfigObject {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        lastMessage = lastMessage == null ? "" : lastMessage;
    }
}
