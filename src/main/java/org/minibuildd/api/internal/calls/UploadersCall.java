package org.minibuildd.api.internal.calls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.minibuildd.api.ApiArgument;
import org.minibuildd.api.ApiArguments;
import org.minibuildd.api.ApiCall;
import org.minibuildd.api.ApiException;
import org.minibuildd.api.Auth;
import org.minibuildd.config.UploaderService;
import org.springframework.stereotype.Component;

/**
 * {@code uploaders} (admin): per repository whether it takes unauthenticated uploads and the keys whose signatures
 * count, in mini-buildd's shape ({@code key}, {@code created}, {@code expires} as epoch seconds,
 * {@code fingerprints}, {@code subkeys}, {@code user} the key's user id), with what mini-buildd does not say: the
 * {@code uploader} account (or the extra {@code keyring} file) the key comes from and its {@code status}.
 */
@Component
class UploadersCall implements ApiCall {

    private final UploaderService uploaders;

    UploadersCall(UploaderService uploaders) {
        this.uploaders = uploaders;
    }

    @Override
    public String name() {
        return "uploaders";
    }

    @Override
    public String description() {
        return "Get upload permissions for repositories: the keys whose signatures count";
    }

    @Override
    public Auth auth() {
        return Auth.ADMIN;
    }

    @Override
    public List<ApiArgument> arguments() {
        return List.of(new ApiArgument("repositories", ApiArgument.Type.LIST, false, "",
                "repository identities (empty: all)"));
    }

    @Override
    public Object run(ApiArguments arguments) {
        var known = uploaders.repositoryIdentities();
        var wanted = arguments.list("repositories").isEmpty() ? known : arguments.list("repositories");
        for (var identity : wanted) {
            if (!known.contains(identity)) {
                throw new ApiException(400, "Invalid argument", "repositories: there is no repository \"" + identity
                        + "\" (there are: " + String.join(", ", known) + ")");
            }
        }
        var status = new LinkedHashMap<String, String>();
        uploaders.all().forEach(u -> status.put(u.user(), u.state().describe()));
        var result = new LinkedHashMap<String, Object>();
        for (var identity : wanted) {
            var repository = uploaders.uploaders(identity);
            var keys = new ArrayList<Map<String, Object>>();
            for (var counting : repository.keys()) {
                var key = counting.key();
                var info = new LinkedHashMap<String, Object>();
                info.put("key", key.keyId());
                info.put("created", String.valueOf(key.created().getEpochSecond()));
                info.put("expires", key.expiry().map(e -> String.valueOf(e.getEpochSecond())).orElse(""));
                info.put("fingerprints", List.of(key.fingerprint()));
                info.put("subkeys", key.subkeyFingerprints().stream().map(f -> f.substring(Math.max(0, f.length() - 16))).toList());
                info.put("user", key.primaryUserId());
                if (counting.user().isEmpty()) {
                    info.put("keyring", counting.keyring());
                } else {
                    info.put("uploader", counting.user());
                    info.put("status", status.getOrDefault(counting.user(), ""));
                }
                keys.add(info);
            }
            var entry = new LinkedHashMap<String, Object>();
            entry.put("allow_unauthenticated_uploads", repository.allowUnauthenticatedUploads());
            entry.put("uploaders", keys);
            result.put(identity, entry);
        }
        return result;
    }
}
