package org.minibuildd.config;

import java.util.List;
import java.util.Optional;

import org.minibuildd.config.internal.LayoutStore;
import org.springframework.stereotype.Service;

/** The layouts repositories can use: the three shipped ones and any an administrator adds. */
@Service
public class LayoutService {

    private final LayoutStore store;

    LayoutService(LayoutStore store) {
        this.store = store;
    }

    public List<Layout> all() {
        return store.all();
    }

    public Optional<Layout> find(String name) {
        return all().stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
