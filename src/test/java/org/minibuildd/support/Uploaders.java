package org.minibuildd.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.ConfigEditService;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.RepositorySettings;
import org.minibuildd.config.UploaderSettings;

/**
 * What users and administrators do to make signed uploads count, as they do it: the user calls
 * {@code set_user_key} over HTTP (Basic auth), the administrator gives the Uploader repositories and PCAs it, and
 * switches a repository's unauthenticated uploads off (an edit, then PCA, as in /config).
 */
public final class Uploaders {

    private Uploaders() {
    }

    /** GET {@code url} as {@code user} (HTTP Basic). */
    public static HttpResponse<String> get(String url, String user, String password) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code set_user_key} with the armored key, confirmed, as {@code user}; {@code base} is {@code http://host:port}. */
    public static HttpResponse<String> setUserKey(String base, String user, String password, String key) throws Exception {
        return get(base + "/mini_buildd/api/set_user_key/?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "&confirm=set_user_key&output=json", user, password);
    }

    /** The administrator: the Uploader may upload to {@code repositories}, then prepare, check and activate it. */
    public static void activate(ConfigEditService edits, ConfigActions actions, String user, List<String> repositories) {
        edits.editUploader(new UploaderSettings(user, repositories));
        actions.run(ConfigActions.Action.PCA, new ObjectRef(ObjectType.UPLOADER, user));
    }

    /** The administrator: the repository takes unauthenticated uploads or not; PCA puts the edit into use. */
    public static void allowUnauthenticatedUploads(ConfigEditService edits, ConfigActions actions, String repository, boolean allow) {
        var settings = edits.repositories().stream().filter(r -> r.identity().equals(repository)).findFirst().orElseThrow();
        edits.editRepository(new RepositorySettings(settings.identity(), settings.layout(), settings.distributions(), allow,
                settings.extraUploaderKeyrings(), settings.notifyAddresses(), settings.notifyChangedBy(),
                settings.notifyMaintainer(), settings.repreproMorguedir(), settings.externalHomeUrl()));
        actions.run(ConfigActions.Action.PCA, new ObjectRef(ObjectType.REPOSITORY, repository));
    }
}
