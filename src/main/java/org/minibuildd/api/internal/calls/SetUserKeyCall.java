package org.minibuildd.api.internal.calls;

import java.util.LinkedHashMap;
import java.util.List;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.config.UploaderService;
import org.springframework.stereotype.Component;

/**
 * {@code set_user_key} (login): the caller's Uploader gets this key and is prepared and checked again; as in
 * mini-buildd it counts only after an administrator has activated it (with the repositories it may upload to).
 */
@Component
class SetUserKeyCall implements ApiCall {

    private final UploaderService uploaders;

    SetUserKeyCall(UploaderService uploaders) {
        this.uploaders = uploaders;
    }

    @Override
    public String name() {
        return "set_user_key";
    }

    @Override
    public String description() {
        return "Set your OpenPGP public key (your Uploader); an administrator must (re-)activate it before your uploads count";
    }

    @Override
    public Auth auth() {
        return Auth.LOGIN;
    }

    @Override
    public boolean needsConfirmation() {
        return true;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(new ApiArgument("key", ApiArgument.Type.MULTILINE, true, null,
                "your ASCII-armored public key (gpg --armor --export-options export-minimal --export <key id>)"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var user = arguments.caller().orElseThrow(() -> new ApiException(401, "No permission -- see authorization schemes",
                "API call 'set_user_key' needs authorization: LOGIN"));
        var uploader = uploaders.setKey(user, arguments.string("key"));
        var result = new LinkedHashMap<String, Object>();
        result.put("user", uploader.user());
        result.put("key_id", uploader.keyId());
        result.put("fingerprint", uploader.fingerprint());
        result.put("key_name", uploader.keyName());
        result.put("may_upload_to", uploader.mayUploadTo());
        result.put("status", uploader.state().describe());
        result.put("message", "Uploader profile changed: it must be (re-)activated by an administrator before you can use it");
        return result;
    }
}
