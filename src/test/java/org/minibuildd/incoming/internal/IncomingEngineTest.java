package org.minibuildd.incoming.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.incoming.IncomingReceiver;
import org.minibuildd.incoming.RejectedUpload;
import org.minibuildd.incoming.UploadKind;
import org.minibuildd.support.TinyPackages;

/**
 * Complete-upload detection, hand-over, quarantine and recovery over a real spool directory with a real source
 * upload made by dpkg-source and dpkg-genchanges; no FTP. The clock is the test's, so timeouts pass instantly.
 */
class IncomingEngineTest {

    private static final Duration MISSING = Duration.ofSeconds(300);
    private static final Duration STRAY = Duration.ofSeconds(900);
    private static final String CHANGES = "hello_1.0_source.changes";
    private static final String DSC = "hello_1.0.dsc";
    private static final String TARBALL = "hello_1.0.tar.xz";

    @TempDir
    static Path packages;

    @TempDir
    Path home;

    private Path incoming;
    private Path rejected;
    private Spool spool;
    private MovableClock clock;
    private Recorder receiver;

    @BeforeAll
    static void buildUpload() throws Exception {
        TinyPackages.source(packages, "hello", "1.0", "", "bookworm-test-unstable");
        TinyPackages.sourceChanges(packages, "hello", "1.0");
    }

    @BeforeEach
    void spool() {
        incoming = home.resolve("incoming");
        rejected = home.resolve("rejected");
        clock = new MovableClock(Instant.now());
        receiver = new Recorder(Set.of(UploadKind.values()), home.resolve("taken"));
    }

    private IncomingEngine engine(IncomingReceiver... receivers) {
        spool = new Spool(incoming);
        var engine = new IncomingEngine(spool, new Detector(spool, MISSING, STRAY), new Quarantine(rejected, spool),
                List.of(receivers), Duration.ofSeconds(15), Duration.ofMinutes(15), clock);
        engine.recover();
        return engine;
    }

    private void arrive(String... names) throws Exception {
        Files.createDirectories(incoming);
        for (var name : names) {
            Files.copy(packages.resolve(name), incoming.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            // Arrival as the spool records it: the file's modification time, on the test's clock.
            Files.setLastModifiedTime(incoming.resolve(name), FileTime.from(clock.instant()));
        }
    }

    private List<String> spoolNames() throws Exception {
        try (Stream<Path> files = Files.list(incoming)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private List<Path> quarantines() throws Exception {
        if (!Files.isDirectory(rejected)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(rejected)) {
            return dirs.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aCompleteUploadIsHandedOverOnceInAnyArrivalOrderAndLeavesTheSpool() throws Exception {
        var engine = engine(receiver);
        arrive(CHANGES);
        engine.scan();
        assertThat(receiver.received).isEmpty();
        arrive(TARBALL);
        engine.scan();
        assertThat(receiver.received).isEmpty();
        arrive(DSC);
        engine.scan();

        assertThat(receiver.received).hasSize(1);
        var upload = receiver.received.getFirst();
        assertThat(upload.kind()).isEqualTo(UploadKind.USER_UPLOAD);
        assertThat(upload.changesName()).isEqualTo(CHANGES);
        assertThat(upload.changes().source()).isEqualTo("hello");
        assertThat(upload.changes().distribution()).isEqualTo("bookworm-test-unstable");
        assertThat(upload.files()).extracting(p -> p.getFileName().toString()).containsExactly(DSC, TARBALL);
        var sha256 = TinyPackages.run(packages, List.of("sha256sum", CHANGES)).split(" ")[0];
        assertThat(upload.changesSha256()).isEqualTo(sha256);
        assertThat(upload.key()).isEqualTo(CHANGES + "@" + sha256);
        // The receiver's copies are intact, the spool is empty, nothing was rejected.
        assertThat(Files.readAllBytes(home.resolve("taken").resolve(TARBALL))).isEqualTo(Files.readAllBytes(packages.resolve(TARBALL)));
        assertThat(spoolNames()).isEmpty();
        assertThat(quarantines()).isEmpty();

        engine.scan();
        assertThat(receiver.received).hasSize(1);
    }

    @Test
    void aRestartedEngineFindsWhatTheSpoolHolds() throws Exception {
        arrive(DSC, TARBALL, CHANGES);
        engine().scan();
        assertThat(spoolNames()).containsExactly(DSC, TARBALL, CHANGES);

        engine(receiver).scan();
        assertThat(receiver.received).extracting(CompleteUpload::changesName).containsExactly(CHANGES);
        assertThat(spoolNames()).isEmpty();
    }

    @Test
    void uploadsWaitForTheReceiverOfTheirKind() throws Exception {
        var request = "hello_1.0_mini-buildd-buildrequest_amd64.changes";
        var payload = request + ".tar";
        Files.createDirectories(incoming);
        Files.writeString(incoming.resolve(payload), "payload\n");
        Files.writeString(incoming.resolve(request), """
                Distribution: bookworm-test-unstable
                Source: hello
                Version: 1.0
                Architecture: amd64
                Files:
                 %s 8 mini-buildd extra %s
                """.formatted(TinyPackages.run(incoming, List.of("md5sum", payload)).split(" ")[0], payload));
        arrive(DSC, TARBALL, CHANGES);
        var userUploads = new Recorder(Set.of(UploadKind.USER_UPLOAD, UploadKind.BUILD_RESULT), home.resolve("packager"));

        engine(userUploads).scan();
        assertThat(userUploads.received).extracting(CompleteUpload::changesName).containsExactly(CHANGES);
        assertThat(spoolNames()).containsExactly(request, payload);

        var builder = new Recorder(Set.of(UploadKind.BUILD_REQUEST), home.resolve("builder"));
        engine(userUploads, builder).scan();
        assertThat(builder.received).hasSize(1);
        assertThat(builder.received.getFirst().kind()).isEqualTo(UploadKind.BUILD_REQUEST);
        assertThat(UploadKind.architecture(request)).hasValue("amd64");
        assertThat(UploadKind.of("hello_1.0_mini-buildd-buildresult_arm64.changes")).isEqualTo(UploadKind.BUILD_RESULT);
        assertThat(spoolNames()).isEmpty();
    }

    @Test
    void aFailingReceiverKeepsTheUploadAndItIsOfferedAgain() throws Exception {
        receiver.failures = 2;
        var engine = engine(receiver);
        arrive(DSC, TARBALL, CHANGES);
        engine.scan();
        engine.scan();
        assertThat(receiver.received).isEmpty();
        assertThat(spoolNames()).containsExactly(DSC, TARBALL, CHANGES);

        engine.scan();
        assertThat(receiver.received).hasSize(1);
        assertThat(spoolNames()).isEmpty();
    }

    @Test
    void twoReceiversForOneKindAreAWiringError() {
        assertThatThrownBy(() -> engine(receiver, new Recorder(Set.of(UploadKind.BUILD_RESULT), home)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two incoming receivers for build-result");
    }

    @Test
    void aBadChecksumRejectsTheUploadAtOnceKeepingItsFiles() throws Exception {
        var engine = engine(receiver);
        arrive(DSC, CHANGES);
        Files.createDirectories(incoming);
        var tarball = Files.readAllBytes(packages.resolve(TARBALL));
        tarball[tarball.length / 2] ^= 1;
        Files.write(incoming.resolve(TARBALL), tarball);
        engine.scan();

        assertThat(receiver.received).isEmpty();
        assertThat(spoolNames()).isEmpty();
        assertThat(receiver.rejected).hasSize(1);
        var rejection = receiver.rejected.getFirst();
        var expected = TinyPackages.run(packages, List.of("sha256sum", TARBALL)).split(" ")[0];
        var got = TinyPackages.run(incoming.getParent(), List.of("sha256sum", "rejected/" + rejection.quarantine().getFileName() + "/" + TARBALL)).split(" ")[0];
        assertThat(rejection.reason()).isEqualTo("bad checksum for " + TARBALL + ": sha256 expected " + expected + " got " + got);
        assertThat(rejection.name()).isEqualTo(CHANGES);
        assertThat(rejection.kind()).isEqualTo(UploadKind.USER_UPLOAD);
        assertThat(rejection.files()).containsExactly(DSC, TARBALL, CHANGES);
        assertThat(rejection.quarantine().getParent()).isEqualTo(rejected);
        assertThat(rejection.quarantine().getFileName().toString()).matches("\\d{8}T\\d{6}Z-" + CHANGES);
        assertThat(rejection.quarantine().resolve(DSC)).hasSameBinaryContentAs(packages.resolve(DSC));
        assertThat(rejection.quarantine().resolve(CHANGES)).hasSameBinaryContentAs(packages.resolve(CHANGES));
        assertThat(rejection.quarantine().resolve(".rejected")).content().contains("Reason: bad checksum for " + TARBALL);

        // Reported once: the quarantine remembers it.
        engine.scan();
        engine(receiver).scan();
        assertThat(receiver.rejected).hasSize(1);
    }

    @Test
    void aTruncatedFileIsABadSize() throws Exception {
        arrive(DSC, CHANGES);
        Files.write(incoming.resolve(TARBALL), Arrays.copyOf(Files.readAllBytes(packages.resolve(TARBALL)), 100));
        engine(receiver).scan();
        assertThat(receiver.rejected).singleElement().satisfies(r -> assertThat(r.reason())
                .isEqualTo("bad size for " + TARBALL + ": expected " + Files.size(packages.resolve(TARBALL)) + " bytes, got 100"));
    }

    @Test
    void aMissingFileRejectsTheUploadOnlyAfterTheTimeoutWithoutProgress() throws Exception {
        var engine = engine(receiver);
        arrive(CHANGES);
        clock.advance(MISSING.minusSeconds(10));
        arrive(DSC);
        clock.advance(Duration.ofSeconds(20));
        engine.scan();
        assertThat(receiver.rejected).isEmpty();

        // A transfer of the missing file that is still running holds the clock.
        clock.advance(MISSING);
        var partial = spool.begin(TARBALL);
        engine.scan();
        assertThat(receiver.rejected).isEmpty();
        spool.discard(partial);

        engine.scan();
        assertThat(receiver.rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("missing file " + TARBALL + " after 300 s");
            assertThat(r.files()).containsExactly(DSC, CHANGES);
        });
        assertThat(spoolNames()).isEmpty();
    }

    @Test
    void strayFilesAreRejectedAfterTheirTimeout() throws Exception {
        var engine = engine(receiver);
        arrive(TARBALL);
        engine.scan();
        clock.advance(STRAY.minusSeconds(5));
        engine.scan();
        assertThat(receiver.rejected).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        engine.scan();
        assertThat(receiver.rejected).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo(TARBALL);
            assertThat(r.reason()).isEqualTo("stray file " + TARBALL + ": no .changes listed it within 900 s");
            assertThat(r.quarantine().resolve(TARBALL)).hasSameBinaryContentAs(packages.resolve(TARBALL));
        });
    }

    @Test
    void aChangesThatDoesNotParseIsRejectedWithTheParsersWords() throws Exception {
        Files.createDirectories(incoming);
        Files.writeString(incoming.resolve("broken_1.0_source.changes"), "Source: broken\nVersion: 1.0\n");
        Files.write(incoming.resolve("latin1_1.0_source.changes"), new byte[] {'S', ':', ' ', (byte) 0xe9, '\n'});
        engine(receiver).scan();
        assertThat(receiver.rejected).extracting(RejectedUpload::reason).containsExactlyInAnyOrder(
                "cannot parse broken_1.0_source.changes: .changes: field \"Format\": missing required field",
                "cannot parse latin1_1.0_source.changes: not UTF-8 text");
    }

    @Test
    void aReportThatFailsIsMadeAgainAndNoReceiverMeansItWaits() throws Exception {
        arrive(TARBALL);
        clock.advance(STRAY.plusSeconds(1));
        var builderOnly = new Recorder(Set.of(UploadKind.BUILD_REQUEST), home.resolve("builder"));
        engine(builderOnly).scan();
        assertThat(quarantines()).hasSize(1);
        assertThat(builderOnly.rejected).isEmpty();

        receiver.failures = 1;
        var engine = engine(receiver);
        engine.scan();
        assertThat(receiver.rejected).isEmpty();
        engine.scan();
        assertThat(receiver.rejected).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo(TARBALL));
        assertThat(quarantines().getFirst().resolve(".reported")).exists();
    }

    @Test
    void aQuarantineAndARemovalInterruptedByAStopAreFinishedAtStart() throws Exception {
        // A quarantine that had moved the .dsc when the daemon died: record written, .changes still in the spool.
        arrive(TARBALL, CHANGES);
        var building = rejected.resolve(".building-20260101T000000Z-" + CHANGES);
        Files.createDirectories(building);
        Files.copy(packages.resolve(DSC), building.resolve(DSC));
        Files.writeString(building.resolve(".rejected"), """
                Name: %s
                Kind: user-upload
                Rejected: 2026-01-01T00:00:00Z
                Reason: missing file %s after 300 s
                Files:
                 %s
                 %s
                """.formatted(CHANGES, TARBALL, DSC, CHANGES));
        // A removal after a hand-over that had removed nothing yet; one listed file was replaced since.
        Files.createDirectories(incoming.resolve(".removing"));
        Files.writeString(incoming.resolve("other_1.0.dsc"), "handed over\n");
        Files.writeString(incoming.resolve("replaced_1.0.dsc"), "new upload\n");
        var done = Files.getLastModifiedTime(incoming.resolve("other_1.0.dsc")).toMillis();
        Files.writeString(incoming.resolve(".removing/other_1.0_source.changes"),
                "12 " + done + " other_1.0.dsc\n11 1 replaced_1.0.dsc\n");
        // And the temp file of a transfer the crash cut off.
        Files.createDirectories(incoming.resolve(".partial/x"));
        Files.writeString(incoming.resolve(".partial/x/" + DSC), "half");

        engine(receiver).scan();

        var finished = rejected.resolve("20260101T000000Z-" + CHANGES);
        assertThat(finished.resolve(CHANGES)).hasSameBinaryContentAs(packages.resolve(CHANGES));
        assertThat(finished.resolve(DSC)).exists();
        assertThat(receiver.rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("missing file " + TARBALL + " after 300 s");
            assertThat(r.quarantine()).isEqualTo(finished);
            assertThat(r.rejectedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        });
        assertThat(spoolNames()).containsExactly(TARBALL, "replaced_1.0.dsc");
        assertThat(incoming.resolve(".partial/x")).doesNotExist();
        assertThat(incoming.resolve(".removing")).isEmptyDirectory();
    }

    /** A receiver as the packager or builder would be: takes copies, can be told to fail. */
    static final class Recorder implements IncomingReceiver {

        final Set<UploadKind> kinds;
        final Path dir;
        final List<CompleteUpload> received = new ArrayList<>();
        final List<RejectedUpload> rejected = new ArrayList<>();
        int failures;

        Recorder(Set<UploadKind> kinds, Path dir) {
            this.kinds = kinds;
            this.dir = dir;
        }

        @Override
        public Set<UploadKind> kinds() {
            return kinds;
        }

        @Override
        public void receive(CompleteUpload upload) throws Exception {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("receiver not ready");
            }
            upload.linkTo(dir);
            received.add(upload);
        }

        @Override
        public void rejected(RejectedUpload upload) {
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("receiver not ready");
            }
            rejected.add(upload);
        }
    }

    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
