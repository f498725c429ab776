package org.minibuildd.api.internal.calls;

import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.Auth;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.springframework.stereotype.Component;

/** {@code pub_key}: the instance's archive key, armored — what apt needs to trust our repositories. */
@Component
class PubKeyCall implements ApiCall {

    private final InstanceKeyStore keys;

    PubKeyCall(InstanceKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "pub_key";
    }

    @Override
    public String description() {
        return "Get the public key of this instance (armored), for apt and for other instances";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public Object run(ApiArguments arguments) {
        return keys.get().exportArmored();
    }
}
