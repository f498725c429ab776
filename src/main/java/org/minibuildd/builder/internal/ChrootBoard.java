package org.minibuildd.builder.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.minibuildd.builder.ChrootProgress.Phase;
import org.springframework.stereotype.Component;

/** What each chroot's maker is doing right now, by {@code <codename>:<arch>}; read by the progress service. */
@Component
public class ChrootBoard {

    public record Entry(Phase phase, String message) { }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void set(String codename, String architecture, Phase phase, String message) {
        entries.put(codename + ":" + architecture, new Entry(phase, message));
    }

    public Entry get(String codename, String architecture) {
        return entries.getOrDefault(codename + ":" + architecture, new Entry(Phase.IDLE, "nothing is being done to this chroot"));
    }
}
