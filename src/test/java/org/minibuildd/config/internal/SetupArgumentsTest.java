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
import org.minibuildd.config.SetupRequest;

/** The pure parts of {@code setup}: reading its arguments, selections, identity hashes, apt-cacher-ng detection. */
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

    private static final SetupArguments.Host DEBIAN_AMD64 = new SetupArguments.Host("Debian", "amd64");

    @Test
    void argumentsAreReadWithNativeAndTheDefaultsResolved() {
        var arguments = SetupArguments.read(SetupRequest.all().archives(List.of("http://deb.debian.org/debian", "http://deb.debian.org/debian/"))
                .distributions(List.of("bookworm:native+i386+amd64")).chroots(List.of("trixie:native"))
                .repositories(List.of("test::bookworm")).repositoriesFromDistributions(List.of("debdev"))
                .chrootsBackend("").build(), DEBIAN_AMD64);

        assertThat(arguments.update().all()).isTrue();
        assertThat(arguments.archives()).containsExactly("http://deb.debian.org/debian/");
        assertThat(arguments.origins()).containsExactly(DistroInfo.Scope.SUPPORTED);
        assertThat(arguments.distributions()).extracting(Object::toString).containsExactly("bookworm:amd64+i386");
        assertThat(arguments.chroots()).extracting(Object::toString).containsExactly("trixie:amd64");
        assertThat(arguments.repositories()).extracting(Object::toString).containsExactly("test:Default:bookworm", "debdev:Debian Developer:");
        assertThat(arguments.repositories()).extracting(SetupArguments.RepositorySpec::ofEveryDistribution).containsExactly(false, true);
        assertThat(arguments.chrootsBackend()).isEqualTo("Dir");
        assertThat(arguments.ftpPort()).isEmpty();
    }

    @Test
    void theOriginDefaultsToTheHostsAndOnlyDebianIsKnown() {
        assertThat(SetupArguments.read(SetupRequest.inspect().fromOrigins(List.of("Debian:lts")).build(), DEBIAN_AMD64).origins())
                .containsExactly(DistroInfo.Scope.LTS);
        assertThatThrownBy(() -> SetupArguments.read(SetupRequest.inspect().build(), new SetupArguments.Host("ubuntu", "amd64")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("from_origins"));
        assertThatThrownBy(() -> SetupArguments.read(SetupRequest.inspect().fromOrigins(List.of("Debian:old")).build(), DEBIAN_AMD64))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo("from_origins"));
    }

    @Test
    void theFtpEndpointIsTakenInMiniBuilddsFormsForItsPort() {
        assertThat(read(SetupRequest.inspect().ftpEndpoint("tcp:host=0.0.0.0:port=8067")).ftpPort()).hasValue(8067);
        assertThat(read(SetupRequest.inspect().ftpEndpoint(" build.example.org:2121 ")).ftpPort()).hasValue(2121);
        assertRefused(SetupRequest.inspect().ftpEndpoint("anywhere"), "ftp_endpoint");
    }

    @Test
    void malformedArgumentsAreRefusedOnTheirArgument() {
        assertRefused(SetupRequest.inspect().sources(List.of("Book Worm")), "sources");
        assertRefused(SetupRequest.inspect().distributions(List.of("bookworm")), "distributions");
        assertRefused(SetupRequest.inspect().chroots(List.of("bookworm:AMD 64")), "chroots");
        assertRefused(SetupRequest.inspect().repositories(List.of("test:bookworm")), "repositories");
        assertRefused(SetupRequest.inspect().repositoriesFromDistributions(List.of("Test")), "repositories_from_distributions");
        assertRefused(SetupRequest.inspect().chrootsBackend("Overlay"), "chroots_backend");
        assertRefused(SetupRequest.inspect().archives(List.of("ftp:/nowhere")), "archives");
        assertRefused(SetupRequest.inspect().pca("some"), "pca");
    }

    private static SetupArguments read(SetupRequest.Builder request) {
        return SetupArguments.read(request.build(), DEBIAN_AMD64);
    }

    private static void assertRefused(SetupRequest.Builder request, String argument) {
        assertThatThrownBy(() -> read(request))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.field()).isEqualTo(argument));
    }
}
