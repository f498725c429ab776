package org.minibuildd.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minibuildd.debian.BuildRequest;
import org.minibuildd.debian.BuildResult;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.CheckMode;
import org.minibuildd.debian.Checksum;
import org.minibuildd.debian.UploadKey;
import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.incoming.UploadKind;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.process.ProcessRunner;

/** Writing, verifying and unpacking requests and results with a real key and real tar. */
class BuildExchangeTest {

    private static final UploadKey KEY = new UploadKey("hello", "1.0-1", "20261206:101010:000001");

    @TempDir
    Path work;

    @Test
    void aWrittenResultIsSignedListsLogAndTarAndUnpacksOnTheOtherSide() throws Exception {
        var exchange = new BuildExchange(new InstanceKeyStore(work.resolve("keys"), "test", "localhost"), new ProcessRunner());
        var dir = Files.createDirectories(work.resolve("build"));
        Files.writeString(dir.resolve("hello_1.0-1_amd64.deb"), "not really a deb");
        var log = Files.writeString(dir.resolve(KEY.buildlogName("amd64")), "sbuild said things\n");
        var result = new BuildResult("bookworm-test-unstable", KEY, "amd64", "http://b:8066", KEY.buildlog("amd64"),
                "http://p:8066/mini_buildd/events-dir/" + KEY.buildlog("amd64"), "ftp://p:8067",
                new BuildResult.Summary("", "1", "2", "pass", "3", "", "4", "successful"), "");

        var changesFile = exchange.write(dir, result, log, List.of("hello_1.0-1_amd64.deb"));

        assertThat(changesFile.getFileName().toString()).isEqualTo("hello_1.0-1_mini-buildd-buildresult_amd64.changes");
        var text = Files.readString(changesFile, StandardCharsets.UTF_8);
        var changes = Changes.parseInternal(text);
        assertThat(changes.signed()).isTrue();
        assertThat(BuildResult.of(changes)).isEqualTo(result);
        assertThat(changes.files()).extracting(f -> f.name()).containsExactly(log.getFileName().toString(), result.tarName());
        for (var file : changes.files()) {
            assertThat(file.section()).isEqualTo("mini-buildd");
            assertThat(file.size()).isEqualTo(Files.size(dir.resolve(file.name())));
            try (var in = Files.newInputStream(dir.resolve(file.name()))) {
                assertThat(file.md5()).isEqualTo(Checksum.MD5.of(in));
            }
        }

        var upload = new CompleteUpload(UploadKind.BUILD_RESULT, changes, changesFile,
                changes.files().stream().map(f -> dir.resolve(f.name())).toList(), "0123456789abcdef0123456789abcdef");
        exchange.verify(upload, Keyring.empty());
        var stranger = new BuildExchange(new InstanceKeyStore(work.resolve("other-keys"), "other", "localhost"), new ProcessRunner());
        assertThatThrownBy(() -> stranger.verify(upload, Keyring.empty())).isInstanceOf(VerificationException.class);

        var received = work.resolve("received");
        exchange.unpack(upload, received);
        assertThat(received.resolve("hello_1.0-1_amd64.deb")).hasContent("not really a deb");
        assertThat(received.resolve(changesFile.getFileName())).hasContent(text);
    }

    @Test
    void aRequestCarriesItsPayloadAndAFailedBuildAnEmptyTar() throws Exception {
        var exchange = new BuildExchange(new InstanceKeyStore(work.resolve("keys"), "test", "localhost"), new ProcessRunner());
        var payload = Files.createDirectories(work.resolve("payload/.config"));
        Files.writeString(payload.resolve("apt_sources.list"), "deb http://deb.debian.org/debian bookworm main\n");
        var request = new BuildRequest("bookworm-test-unstable", KEY, "amd64", "ftp://p:8067", "http://p:8066", true,
                new BuildRequest.Sbuild("apt", "", "", "", "", ""),
                new BuildRequest.Checks(CheckMode.ERRFAIL, "--info", CheckMode.DISABLED, CheckMode.DISABLED, "", "sudo"),
                KEY.buildlog("amd64"), "http://b:8066", "b-log", "p-log");
        var dir = work.resolve("events");

        var changesFile = exchange.write(dir, request, payload.getParent(), List.of(".config/apt_sources.list"));

        assertThat(BuildRequest.parse(Files.readString(changesFile))).isEqualTo(request);
        var unpacked = Files.createDirectories(work.resolve("unpacked"));
        new ProcessRunner().run(org.minibuildd.process.Command.of("tar", "--extract", "--file",
                dir.resolve(request.tarName()).toString(), "--directory", unpacked.toString()));
        assertThat(unpacked.resolve(".config/apt_sources.list")).hasContent("deb http://deb.debian.org/debian bookworm main");

        var failed = new BuildResult("bookworm-test-unstable", KEY, "amd64", "http://b:8066", KEY.buildlog("amd64"), "", "",
                BuildResult.Summary.FAILED, "");
        var log = Files.writeString(dir.resolve(KEY.buildlogName("amd64")), "");
        var failedChanges = Changes.parseInternal(Files.readString(exchange.write(dir, failed, log, List.of())));
        assertThat(BuildResult.of(failedChanges).summary().status()).isEqualTo("failed");
        assertThat(Files.size(dir.resolve(failed.tarName()))).isPositive();
    }
}
