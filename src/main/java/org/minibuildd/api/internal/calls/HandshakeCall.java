package org.minibuildd.api.internal.calls;

import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.remote.RemoteService;
import org.springframework.stereotype.Component;

/**
 * {@code handshake}: another instance proves who it is with a message signed by its key; if that key is one of
 * our Remotes', we answer with our own signed message. For instances, not for people.
 */
@Component
class HandshakeCall implements ApiCall {

    private final RemoteService remotes;

    HandshakeCall(RemoteService remotes) {
        this.remotes = remotes;
    }

    @Override
    public String name() {
        return "handshake";
    }

    @Override
    public String description() {
        return "Check if a signed message matches a remote, reply our signed message on success (for internal use)";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(new ApiArgument("signed_message", ApiArgument.Type.STRING, true, null,
                "the handshake message, clearsigned by the calling instance's key"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        return remotes.answerHandshake(arguments.string("signed_message")).orElseThrow(() -> new ApiException(400,
                "Bad request syntax or unsupported method", "handshake failed: no remote for this key on " + remotes.ownUrl()));
    }
}
