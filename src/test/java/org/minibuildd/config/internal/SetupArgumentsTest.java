package org.minibuildd.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.minibuildd.config.ConfigException;

/** The pure parts of {@code setup}: selections, identity hashes, archive URLs, apt-cacher-ng detection. */
class SetupArgumentsTest {

    @Test
    void updateAndPcaTakeAllNothingOrIdentityHashes() {
        var hash = SetupRun.hash("Repository", "test:Default:bookworm");
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(SetupRun.hash("Repository", "test:Default:bookworm"));
        assertThat(hash).isNotEqualTo(SetupRun.hash("Repository", "test:Default:trixie"));

        assertThat(SetupArguments.Selection.parse("update", "all").selects(hash)).isTrue();
        assertThat(SetupArguments.Selection.parse("update", "").selects(hash)).isFalse();
        assertThat(SetupArguments.Selection.parse("update", null).selects(hash)).isFalse();
        var other = SetupRun.hash("Archive", "http://deb.debian.org/debian/");
        var some = SetupArguments.Selection.parse("pca", other + ", " + hash);
        assertThat(some.selects(hash)).isTrue();
        assertThat(some.selects(SetupRun.hash("Chroot", "bookworm:amd64"))).isFalse();
        assertThatThrownBy(() -> SetupArguments.Selection.parse("pca", "everything"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("pca"));
    }

    @Test
    void archiveUrlsGetExactlyOneTrailingSlash() {
        assertThat(SetupArguments.archiveUrl("archives", "http://deb.debian.org/debian")).isEqualTo("http://deb.debian.org/debian/");
        assertThat(SetupArguments.archiveUrl("archives", "http://deb.debian.org/debian///")).isEqualTo("http://deb.debian.org/debian/");
        assertThatThrownBy(() -> SetupArguments.archiveUrl("archives", "deb.debian.org/debian")).isInstanceOf(ConfigException.class);
    }

    @Test
    void anAptCacherNgIsRecognisedByItsAnswerAndNothingElseIs() throws Exception {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            boolean proxy = exchange.getHttpContext().getServer().getAddress() != null
                    && exchange.getRequestURI().getPath().startsWith("/acng/");
            var body = (proxy ? "<html>Usage Information for Apt-Cacher NG</html>" : "<html>It works</html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(proxy ? 406 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            var base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(SetupProbe.aptCacherNgArchives(URI.create(base + "/acng/")))
                    .containsExactly(base + "/acng/debian/", base + "/acng/debian-security/");
            assertThat(SetupProbe.aptCacherNgArchives(URI.create(base + "/"))).isEmpty();
        } finally {
            server.stop(0);
        }
        // Nothing listening at all: no archives, no error.
        assertThat(SetupProbe.aptCacherNgArchives(URI.create("http://127.0.0.1:9/"))).isEqualTo(List.of());
    }
}
