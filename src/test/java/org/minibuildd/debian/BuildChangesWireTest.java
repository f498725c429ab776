package org.minibuildd.debian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Build requests and results as a real mini-buildd 2.2.8 wrote them (shared/reference/wire), through our types. */
class BuildChangesWireTest {

    private static final UploadKey KEY = new UploadKey("mbref-hello", "1.0-1~test12+6", "20261125:085713:809080");

    @Test
    void readsTheReferenceBuildRequest() throws IOException {
        var changes = Changes.parseInternal(wire("buildrequest.changes"));
        var request = BuildRequest.of(changes);
        assertThat(request.key()).isEqualTo(KEY);
        assertThat(request.distribution()).isEqualTo("bookworm-test-unstable");
        assertThat(request.architecture()).isEqualTo("amd64");
        assertThat(request.changesName()).isEqualTo("mbref-hello_1.0-1~test12+6_mini-buildd-buildrequest_amd64.changes");
        assertThat(request.tarName()).isEqualTo(changes.files().getFirst().name());
        assertThat(request.uploadTo()).isEqualTo("ftp://localhost:8067");
        assertThat(request.packager()).isEqualTo("http://localhost:8066");
        assertThat(request.archAll()).isTrue();
        assertThat(request.sbuild()).isEqualTo(new BuildRequest.Sbuild("aptitude", "set-default-path ccache",
                "apt-setup apt-update ccache eatmydata", "", "", ""));
        assertThat(request.checks()).isEqualTo(new BuildRequest.Checks(CheckMode.ERRFAIL, "--info", CheckMode.DISABLED,
                CheckMode.DISABLED, "", "sudo"));
        assertThat(request.buildlog()).isEqualTo(KEY.buildlog("amd64"));
        assertThat(request.builder()).isEqualTo("http://localhost:8066");
        assertThat(request.buildlogBuilding()).isEqualTo("http://localhost:8066/mini_buildd/builds-dir/" + KEY.buildlog("amd64"));
        assertThat(request.buildlogInstalled()).isEqualTo("http://localhost:8066/mini_buildd/events-dir/" + KEY.buildlog("amd64"));
        assertThat(BuildChangesName.of(request.changesName())).contains(BuildChangesName.BUILD_REQUEST);
        assertThat(BuildChangesName.architecture(request.changesName())).contains("amd64");
    }

    @Test
    void writesTheReferenceBuildRequestBackFieldForField() throws IOException {
        var changes = Changes.parseInternal(wire("buildrequest.changes"));
        var written = BuildRequest.of(changes).toParagraph(listed(changes));
        assertThat(written.fields()).containsExactlyElementsOf(changes.paragraph().fields());
        assertThat(written.serialize()).isEqualTo(changes.paragraph().serialize());
    }

    @Test
    void readsTheReferenceBuildResult() throws IOException {
        var changes = Changes.parseInternal(wire("buildresult.changes"));
        var result = BuildResult.of(changes);
        assertThat(result.key()).isEqualTo(KEY);
        assertThat(result.architecture()).isEqualTo("amd64");
        assertThat(result.changesName()).isEqualTo("mbref-hello_1.0-1~test12+6_mini-buildd-buildresult_amd64.changes");
        assertThat(changes.files()).extracting(FileEntry::name)
                .containsExactly(KEY.buildlogName("amd64"), result.tarName());
        assertThat(result.builder()).isEqualTo("http://localhost:8066");
        assertThat(result.buildlog()).isEqualTo(KEY.buildlog("amd64"));
        assertThat(result.uploadTo()).isEqualTo("ftp://localhost:8067");
        assertThat(result.summary()).isEqualTo(new BuildResult.Summary("", "248", "2", "warn", "30", "", "248", "successful"));
        assertThat(result.summary().successful()).isTrue();
        assertThat(BuildChangesName.of(result.changesName())).contains(BuildChangesName.BUILD_RESULT);
    }

    @Test
    void writesTheReferenceBuildResultBackFieldForField() throws IOException {
        var changes = Changes.parseInternal(wire("buildresult.changes"));
        var written = BuildResult.of(changes).toParagraph(listed(changes));
        assertThat(written.fields()).containsExactlyElementsOf(changes.paragraph().fields());
        assertThat(BuildResult.of(Changes.parseInternal(written.serialize()))).isEqualTo(BuildResult.of(changes));
    }

    @Test
    void piupartsOptionsAndCheckVerdictsAppearOnlyWhenTheyMatter() throws IOException {
        var reference = BuildRequest.of(Changes.parseInternal(wire("buildrequest.changes")));
        var withPiuparts = new BuildRequest(reference.distribution(), reference.key(), reference.architecture(), reference.uploadTo(),
                reference.packager(), false, reference.sbuild(),
                new BuildRequest.Checks(CheckMode.WARNFAIL, "", CheckMode.IGNORE, CheckMode.ERRFAIL, "--warn-only", "sudo"),
                reference.buildlog(), reference.builder(), reference.buildlogBuilding(), reference.buildlogInstalled());
        var text = withPiuparts.toParagraph(List.of()).serialize();
        assertThat(text).contains("X-Mini-Buildd-Arch-All: No\n", "X-Mini-Buildd-Piuparts-Mode: ERRFAIL\n",
                "X-Mini-Buildd-Piuparts-Extra-Options: --warn-only\n", "X-Mini-Buildd-Piuparts-Root-Arg: sudo\n");
        assertThat(BuildRequest.parse(text)).isEqualTo(withPiuparts);

        var result = BuildResult.of(Changes.parseInternal(wire("buildresult.changes")));
        var checked = new BuildResult(result.distribution(), result.key(), result.architecture(), result.builder(), result.buildlog(),
                result.buildlogInstalled(), result.uploadTo(), new BuildResult.Summary("pass", "1", "2", "pass", "3", "fail", "4", "successful"), "");
        var paragraph = checked.toParagraph(List.of());
        assertThat(paragraph.fields()).extracting(Field::name).containsSubsequence(
                "X-Mini-Buildd-Sbuild-Autopkgtest", "X-Mini-Buildd-Sbuild-Build-Space", "X-Mini-Buildd-Sbuild-Package-Time",
                "X-Mini-Buildd-Sbuild-Piuparts", "X-Mini-Buildd-Sbuild-Space").doesNotContain("X-Mini-Buildd-Failure");
        assertThat(BuildResult.parse(paragraph.serialize())).isEqualTo(checked);
        // The builder's reason for a failure, when it knows one, goes with the result (ours, not the reference's).
        var failed = new BuildResult(result.distribution(), result.key(), result.architecture(), result.builder(), result.buildlog(),
                result.buildlogInstalled(), result.uploadTo(), BuildResult.Summary.FAILED, "apt could not fetch http://p/repositories/test");
        var failedText = failed.toParagraph(List.of()).serialize();
        assertThat(failedText).contains("X-Mini-Buildd-Failure: apt could not fetch http://p/repositories/test\n");
        assertThat(BuildResult.parse(failedText)).isEqualTo(failed);
    }

    @Test
    void everyFieldIsNamedOnce() {
        assertThat(MiniBuilddField.ARCH_ALL.fieldName()).isEqualTo("X-Mini-Buildd-Arch-All");
        assertThat(MiniBuilddField.SBUILD_CONFIG_BLOCKS.fieldName()).isEqualTo("X-Mini-Buildd-Sbuild-Config-Blocks");
        assertThat(MiniBuilddField.BUILDLOG_INSTALLED.eventKey()).isEqualTo("buildlog_installed");
        assertThat(MiniBuilddField.of("x-mini-buildd-upload-to")).contains(MiniBuilddField.UPLOAD_TO);
        assertThat(MiniBuilddField.of("Distribution")).isEmpty();
        for (var field : MiniBuilddField.values()) {
            assertThat(MiniBuilddFields.eventKey(field.fieldName())).isEqualTo(field.eventKey());
        }
    }

    @Test
    void otherNamesAreNoBuildChanges() {
        assertThat(BuildChangesName.of("hello_1.0-1_amd64.changes")).isEmpty();
        assertThat(BuildChangesName.architecture("hello_1.0-1_source.changes")).isEmpty();
        assertThat(BuildChangesName.of("hello_1.0_mini-buildd-buildresult_arm64.changes")).contains(BuildChangesName.BUILD_RESULT);
    }

    /** The reference's Files entries as we list a file (md5, size, mini-buildd, extra). */
    private static List<FileEntry> listed(Changes changes) {
        return changes.files().stream().map(f -> BuildChangesName.listed(f.name(), f.size(), f.md5())).toList();
    }

    private static String wire(String name) throws IOException {
        try (var in = BuildChangesWireTest.class.getResourceAsStream("/reference/wire/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
