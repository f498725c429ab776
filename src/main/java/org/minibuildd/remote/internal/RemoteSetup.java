package org.minibuildd.remote.internal;

import java.util.List;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.SetupContribution;
import org.minibuildd.config.SetupRequest;
import org.minibuildd.remote.RemoteEndpoint;
import org.minibuildd.remote.RemoteService;
import org.springframework.stereotype.Component;

/** {@code setup}'s {@code remotes=}: each endpoint becomes a Remote, named by its URL. */
@Component
class RemoteSetup implements SetupContribution {

    private final RemoteService remotes;
    private final RemoteStore store;

    RemoteSetup(RemoteService remotes, RemoteStore store) {
        this.remotes = remotes;
        this.store = store;
    }

    @Override
    public String argument() {
        return "remotes";
    }

    @Override
    public String type() {
        return "Remote";
    }

    @Override
    public List<String> wanted(SetupRequest request) {
        return request.remotes().stream().map(endpoint -> RemoteEndpoint.parse(endpoint).url()).distinct().toList();
    }

    @Override
    public ObjectRef object(String url) {
        return new ObjectRef(ObjectType.REMOTE, url);
    }

    @Override
    public boolean exists(String url) {
        return store.exists(url);
    }

    @Override
    public void write(String url) {
        remotes.add(url);
    }
}
