package org.minibuildd.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minibuildd.daemon.AdminPassword;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.support.DaemonIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** {@code pub_key} and {@code setup} over HTTP, as apt users and administrators call them. */
class SetupAndPubKeyApiIT extends DaemonIT {

    @Autowired AdminPassword admin;
    @Autowired InstanceKeyStore instanceKey;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path, boolean asAdmin) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(path)));
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + admin.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pubKeyIsTheKeyGpgvTrustsForOurSignatures() throws Exception {
        var response = get("/mini_buildd/api/pub_key/?output=json", false);
        assertThat(response.statusCode()).isEqualTo(200);
        var armored = json.readTree(response.body()).asString();
        assertThat(armored).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");

        var dir = Files.createTempDirectory("pubkey");
        var asc = dir.resolve("key.asc");
        Files.writeString(asc, armored);
        var keyring = dir.resolve("key.gpg").toAbsolutePath();
        run(List.of("gpg", "--batch", "--homedir", dir.toString(), "--yes", "-o", keyring.toString(), "--dearmor", asc.toString()));
        var signed = dir.resolve("InRelease");
        Files.writeString(signed, instanceKey.get().clearsign("Origin: Mini-Buildd archive itest\nSuite: unstable\n"));
        assertThat(run(List.of("gpgv", "--keyring", keyring.toString(), signed.toString()))).isZero();
    }

    @Test
    void setupNeedsAnAdminAndConfirmation() throws Exception {
        var call = "/mini_buildd/api/setup/?update=all&pca=all&archives=http://deb.debian.org/debian/&output=json";
        assertThat(get(call, false).statusCode()).isEqualTo(401);
        var unconfirmed = get(call, true);
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unconfirmed.body()).get("detail").asString()).contains("needs to be confirmed");

        var done = get(call + "&confirm=setup", true);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        var result = json.readTree(done.body());
        assertThat(result.propertyNames()).containsExactly("setup", "instances", "report", "severity");
        var instances = result.get("instances");
        assertThat(instances.isArray()).isTrue();
        assertThat(instances.get(0).get("identity_str").asString()).isEqualTo("Daemon(itest)");
        assertThat(instances.get(0).get("identity_hash").asString()).matches("[0-9a-f]{64}");
        assertThat(instances.get(0).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(instances.valueStream().map(o -> o.get("type").asString())).contains("Archive", "AptKey");
        assertThat(result.get("setup").get("archives").toString()).isEqualTo("[\"http://deb.debian.org/debian/\"]");
        assertThat(result.get("report").get("Total instances traversed").get("quantity").asInt()).isEqualTo(instances.size());
    }

    @Test
    void setupRefusesABadArgumentNamingIt() throws Exception {
        var response = get("/mini_buildd/api/setup/?archives=http://deb.debian.org/debian/&repositories=te_st:Default:bookworm&confirm=setup&output=json", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).startsWith("repositories: ");
    }

    private static int run(List<String> command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        assertThat(code).as(String.join(" ", command) + ": " + output).isZero();
        return code;
    }
}
